package io.qualityloop.notify;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * An alert as the notifier routes and renders it: an SLA alert of the lifecycle job or an
 * emerging-issue alert of the text analysis, read from its topic. Only pseudonymised and id fields:
 * what the alert records carry.
 *
 * @param alertAt local time in the company's zone
 * @param complaintId null for an emerging issue (it names a project's week and term)
 * @param fields every field of the alert record (snake_case names), for the message templates
 */
public record Alert(
    String alertId,
    String alertType,
    LocalDateTime alertAt,
    String projectId,
    String complaintId,
    String department,
    String severity,
    Map<String, Object> fields) {

  public boolean isEmergingIssue() {
    return complaintId == null;
  }
}
