package io.qualityloop.notify;

import java.util.List;
import java.util.Set;

/**
 * One row of {@code notification_routes.csv}: which alerts go to which channel and recipients, at
 * once or in the daily digest. An empty condition matches everything.
 *
 * @param recipients e-mail addresses for e-mail; for a group robot the people or roles the message
 *     is addressed to (shown at its head)
 * @param unroutedOnly the route applies only to alerts no other route matched ("everything else")
 */
public record NotificationRoute(
    String routeId,
    Set<String> alertTypes,
    Set<String> severities,
    Set<String> projects,
    Set<String> departments,
    ChannelKind channel,
    List<String> recipients,
    boolean digest,
    boolean unroutedOnly) {

  public boolean matches(Alert alert) {
    return accepts(alertTypes, alert.alertType())
        && accepts(severities, alert.severity())
        && accepts(projects, alert.projectId())
        && accepts(departments, alert.department());
  }

  private static boolean accepts(Set<String> allowed, String value) {
    return allowed.isEmpty() || (value != null && allowed.contains(value));
  }
}
