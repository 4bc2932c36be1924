package io.qualityloop.notify;

import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The notifier's settings, read from the {@code notify.*} keys of {@link QualityLoopConfig}.
 *
 * @param live false in replay mode ({@code notify.mode=replay}): nothing is sent
 * @param maxAge an alert older than this when read is history and never sent
 * @param emergingIssueMaxAge the same for an emerging issue, whose {@code alert_at} is the end of
 *     its week
 */
public record NotifySettings(
    boolean live,
    Duration maxAge,
    Duration emergingIssueMaxAge,
    Language language,
    String consumerGroup,
    Path deliveriesDir,
    Path routesFile,
    int perMinute,
    int maxMessageBytes,
    int retryAttempts,
    Duration retryBackoff,
    Duration httpTimeout,
    LocalTime digestAt,
    ZoneId zone,
    String publicUrl,
    String slaAlertsTopic,
    String textAlertsTopic,
    Optional<String> wecomUrl,
    Optional<String> dingtalkUrl,
    Optional<String> dingtalkSecret,
    Optional<EmailSettings> email) {

  /**
   * SMTP settings of the e-mail channel.
   *
   * @param trustStore a PKCS12 file with the certificates to trust for STARTTLS (e.g. the company's
   *     own CA); empty: the JDK's
   */
  public record EmailSettings(
      String host,
      int port,
      Optional<String> username,
      Optional<String> password,
      String from,
      boolean startTls,
      Optional<Path> trustStore,
      Optional<String> trustStorePassword) {

    public EmailSettings(
        String host,
        int port,
        Optional<String> username,
        Optional<String> password,
        String from,
        boolean startTls) {
      this(host, port, username, password, from, startTls, Optional.empty(), Optional.empty());
    }
  }

  public static final String ROUTES_FILE = "notification_routes.csv";

  public static NotifySettings from(QualityLoopConfig config) {
    Path deliveries = deliveriesDir(config);
    Optional<EmailSettings> email =
        config
            .getOptional("notify.email.smtp-host")
            .map(
                host ->
                    new EmailSettings(
                        host,
                        config.parse("notify.email.smtp-port", Integer::parseInt, "a port number"),
                        config.getOptional("notify.email.username"),
                        config.getOptional("notify.email.password"),
                        config
                            .getOptional("notify.email.from")
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "notify.email.smtp-host is set but notify.email.from is"
                                            + " not: set the sender address")),
                        config.parse(
                            "notify.email.starttls", NotifySettings::bool, "true or false"),
                        config.getOptional("notify.email.truststore").map(config::path),
                        config.getOptional("notify.email.truststore-password")));
    return new NotifySettings(
        config.parse(
            "notify.mode",
            v ->
                switch (v) {
                  case "live" -> true;
                  case "replay" -> false;
                  default -> throw new IllegalArgumentException(v);
                },
            "'live' or 'replay'"),
        config.parse("notify.max-age", Duration::parse, "an ISO-8601 duration such as PT15M"),
        config.parse(
            "notify.emerging-issue-max-age", Duration::parse, "an ISO-8601 duration such as P2D"),
        config.parse("notify.language", Language::parse, "zh-CN or en"),
        config.get("notify.consumer-group"),
        deliveries,
        config.referenceDir().resolve(ROUTES_FILE),
        config.parse("notify.per-minute", Integer::parseInt, "a whole number"),
        config.parse("notify.max-message-bytes", Integer::parseInt, "a number of bytes"),
        config.parse("notify.retry.attempts", Integer::parseInt, "a whole number"),
        config.parse("notify.retry.backoff", Duration::parse, "an ISO-8601 duration such as PT2S"),
        config.parse("notify.http-timeout", Duration::parse, "an ISO-8601 duration such as PT10S"),
        config.parse("notify.digest-at", LocalTime::parse, "a local time such as 08:30"),
        config.zone(),
        config.get("serve.public-url").replaceAll("/+$", ""),
        config.alertsTopic(),
        config.textAlertsTopic(),
        config.getOptional("notify.wecom.webhook-url"),
        config.getOptional("notify.dingtalk.webhook-url"),
        config.getOptional("notify.dingtalk.secret"),
        email);
  }

  /**
   * Where the delivery records are kept: {@code notify.deliveries-dir}, relative to the lake root.
   */
  public static Path deliveriesDir(QualityLoopConfig config) {
    return config
        .lakeRoot()
        .resolve(config.get("notify.deliveries-dir"))
        .toAbsolutePath()
        .normalize();
  }

  private static boolean bool(String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(v);
    };
  }
}
