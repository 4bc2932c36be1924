package io.qualityloop.notify;

import io.qualityloop.jobs.QualityLoopConfig;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a scheduled report by e-mail to its job's recipients: the report file (its PDF) attached,
 * or a link to it in the drill-down ({@code serve.public-url}/outbox/...) when it is larger than
 * {@code notify.email.max-attachment-bytes}. One message per recipient, at most once per (job,
 * period, recipient) across restarts: SENDING is recorded before the send, and a recipient with any
 * record of the period is not sent to again. Only live runs send; a replay or backfill sends
 * nothing and records nothing.
 */
public final class ReportMailer {
  private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);

  /**
   * A report the scheduler wrote.
   *
   * @param job the schedule job
   * @param kind weekly, quarterly or annual
   * @param period 2026-W36, 2026Q3, 2026
   * @param file the file to send (the PDF, or the HTML where no PDF could be printed), inside
   *     {@code outbox}
   */
  public record Report(String job, String kind, String period, Path outbox, Path file) {}

  /**
   * What happened for one recipient: SENT, FAILED, or null when it had been delivered before
   * (nothing sent).
   */
  public record Outcome(String recipient, DeliveryStatus status, String form, String answer) {}

  private final NotifySettings settings;
  private final EmailChannel channel;
  private final long maxAttachmentBytes;
  private final ReportDeliveries deliveries;
  private final MessageTemplates templates;
  private final Clock clock;

  ReportMailer(
      NotifySettings settings,
      EmailChannel channel,
      long maxAttachmentBytes,
      Path deliveriesDir,
      Clock clock) {
    this.settings = settings;
    this.channel = channel;
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.deliveries = new ReportDeliveries(deliveriesDir, settings.zone(), clock);
    this.templates = new MessageTemplates(settings.language(), settings.publicUrl());
    this.clock = clock;
  }

  /**
   * The mailer of the configuration; empty when no SMTP server is configured ({@code
   * notify.email.smtp-host}).
   */
  public static Optional<ReportMailer> from(QualityLoopConfig config, Clock clock) {
    NotifySettings settings = NotifySettings.from(config);
    return settings
        .email()
        .map(
            email ->
                new ReportMailer(
                    settings,
                    new EmailChannel(email, settings.httpTimeout()),
                    config.parse(
                        "notify.email.max-attachment-bytes", Long::parseLong, "a number of bytes"),
                    deliveriesDir(config),
                    clock));
  }

  /** The addresses of {@code value} (comma-separated); a bad one is an error naming {@code key}. */
  public static List<String> recipients(String key, String value) {
    List<String> addresses = new ArrayList<>();
    for (String a : value.split(",")) {
      if (a.isBlank()) {
        continue;
      }
      try {
        addresses.add(new InternetAddress(a.strip(), true).getAddress());
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            key + ": '" + a.strip() + "' is not an e-mail address (" + e.getMessage() + ")");
      }
    }
    return addresses;
  }

  /**
   * Where the report delivery records are kept: {@code notify.report-deliveries-dir}, relative to
   * the lake root.
   */
  public static Path deliveriesDir(QualityLoopConfig config) {
    return config
        .lakeRoot()
        .resolve(config.get("notify.report-deliveries-dir"))
        .toAbsolutePath()
        .normalize();
  }

  /**
   * Sends {@code report} to each of {@code recipients} it has not been sent to; {@code live} false
   * (a replay, a backfill of a past period, {@code notify.mode=replay}) sends nothing.
   */
  public List<Outcome> send(Report report, List<String> recipients, boolean live) {
    if (!live || !settings.live()) {
      return List.of();
    }
    long bytes;
    try {
      bytes = Files.size(report.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report " + report.file(), e);
    }
    boolean attach = bytes <= maxAttachmentBytes;
    String form = attach ? "attachment" : "link";
    Message message =
        templates.report(
            report.kind(),
            report.period(),
            report.file().getFileName().toString(),
            bytes,
            attach ? null : link(report));
    List<Outcome> outcomes = new ArrayList<>();
    for (String recipient : recipients) {
      ReportDelivery.Key key =
          new ReportDelivery.Key(
              report.job(), report.period(), ReportDeliveries.recipientKey(recipient));
      if (deliveries.knows(key)) {
        outcomes.add(new Outcome(recipient, null, form, "delivered before"));
        continue;
      }
      deliveries.append(
          new ReportDelivery(
              key.job(),
              key.period(),
              key.recipient(),
              DeliveryStatus.SENDING,
              form,
              bytes,
              0,
              "",
              now()));
      Duration backoff = settings.retryBackoff();
      String answer = "";
      boolean accepted = false;
      int attempt = 0;
      while (attempt < settings.retryAttempts() && !accepted) {
        if (attempt > 0 && !sleep(backoff)) {
          break;
        }
        attempt++;
        backoff = backoff.multipliedBy(2);
        try {
          SendResult result =
              channel.send(message, List.of(recipient), attach ? report.file() : null);
          accepted = result.accepted();
          answer = result.answer();
        } catch (IOException e) {
          answer = e.getMessage();
          LOG.warn(
              "report {} {}: attempt {} of {} failed: {}",
              report.job(),
              report.period(),
              attempt,
              settings.retryAttempts(),
              answer);
        }
      }
      DeliveryStatus status = accepted ? DeliveryStatus.SENT : DeliveryStatus.FAILED;
      deliveries.append(
          new ReportDelivery(
              key.job(),
              key.period(),
              key.recipient(),
              status,
              form,
              bytes,
              attempt,
              answer,
              now()));
      outcomes.add(new Outcome(recipient, status, form, answer));
    }
    return outcomes;
  }

  /** The report in the drill-down: {@code serve.public-url}/outbox/ and its path in the outbox. */
  String link(Report report) {
    Path rel =
        report
            .outbox()
            .toAbsolutePath()
            .normalize()
            .relativize(report.file().toAbsolutePath().normalize());
    List<String> parts = new ArrayList<>();
    rel.forEach(
        p ->
            parts.add(URLEncoder.encode(p.toString(), StandardCharsets.UTF_8).replace("+", "%20")));
    return settings.publicUrl() + "/outbox/" + parts.stream().collect(Collectors.joining("/"));
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(settings.zone()));
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
