package io.qualityloop.notify;

import java.time.LocalDateTime;

/**
 * One line of the scheduled reports' delivery records (lake {@code
 * notify_report_deliveries/dt=YYYY-MM-DD/*.jsonl}, snake_case JSON): a state of one (job, period,
 * recipient). The recipient is kept as a pseudonym ({@link ReportDeliveries#recipientKey}), never
 * as the address.
 *
 * @param job the schedule job ({@code schedule.jobs})
 * @param period the report's period (2026-W36, 2026Q3, 2026)
 * @param recipient the recipient's pseudonym
 * @param status SENDING before the send, then SENT or FAILED; a SENDING left by a stop is never
 *     sent again
 * @param form {@code attachment} or {@code link}
 * @param bytes the size of the report file
 * @param attempts sends tried (SENT, FAILED)
 * @param answer what the SMTP server answered last
 */
public record ReportDelivery(
    String job,
    String period,
    String recipient,
    DeliveryStatus status,
    String form,
    long bytes,
    int attempts,
    String answer,
    LocalDateTime recordedAt) {

  public Key key() {
    return new Key(job, period, recipient);
  }

  /** What a report is delivered once per: a job's period to a recipient. */
  public record Key(String job, String period, String recipient) {}
}
