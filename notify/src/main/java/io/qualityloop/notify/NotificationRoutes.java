package io.qualityloop.notify;

import io.qualityloop.events.CsvRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The company's {@code notification_routes.csv} (reference/README.md): every route whose conditions
 * an alert meets applies; routes marked {@code unrouted_only} apply only when no other route did.
 */
public final class NotificationRoutes {
  static final String HEADER =
      "route_id,alert_types,severities,projects,departments,channel,recipients,delivery,unrouted_only";
  private final List<NotificationRoute> routes;

  public NotificationRoutes(List<NotificationRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The file in the reference directory, or the shipped default when the company has none yet. */
  public static NotificationRoutes read(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return parse(in, file.toString());
        }
      }
      try (InputStream in =
          NotificationRoutes.class.getResourceAsStream(
              "/reference/" + NotifySettings.ROUTES_FILE)) {
        return parse(in, "reference/" + NotifySettings.ROUTES_FILE + " (shipped)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  static NotificationRoutes parse(InputStream csv, String name) throws IOException {
    List<NotificationRoute> routes = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    CsvRows.read(
        csv,
        name,
        HEADER,
        c -> {
          if (c.length < 9) {
            throw new IllegalArgumentException("expected 9 columns: " + HEADER);
          }
          String id = c[0].trim();
          if (id.isEmpty() || !ids.add(id)) {
            throw new IllegalArgumentException("route_id '" + id + "' is empty or used twice");
          }
          String delivery = c[7].trim();
          if (!delivery.equals("immediate") && !delivery.equals("digest")) {
            throw new IllegalArgumentException(
                "delivery '" + delivery + "' is not immediate or digest");
          }
          ChannelKind channel = ChannelKind.parse(c[5]);
          List<String> recipients = List.copyOf(set(c[6]));
          if (channel == ChannelKind.EMAIL && recipients.isEmpty()) {
            throw new IllegalArgumentException(
                "an e-mail route needs recipients (addresses separated by |)");
          }
          routes.add(
              new NotificationRoute(
                  id,
                  set(c[1]),
                  set(c[2]),
                  set(c[3]),
                  set(c[4]),
                  channel,
                  recipients,
                  delivery.equals("digest"),
                  Boolean.parseBoolean(c[8].trim())));
        });
    return new NotificationRoutes(routes);
  }

  private static Set<String> set(String column) {
    Set<String> s = new LinkedHashSet<>();
    Arrays.stream(column.split("\\|")).map(String::trim).filter(v -> !v.isEmpty()).forEach(s::add);
    return Set.copyOf(s);
  }

  /** The routes {@code alert} takes, in file order. */
  public List<NotificationRoute> routesFor(Alert alert) {
    List<NotificationRoute> direct =
        routes.stream().filter(r -> !r.unroutedOnly() && r.matches(alert)).toList();
    return direct.isEmpty()
        ? routes.stream().filter(r -> r.unroutedOnly() && r.matches(alert)).toList()
        : direct;
  }

  public List<NotificationRoute> all() {
    return routes;
  }
}
