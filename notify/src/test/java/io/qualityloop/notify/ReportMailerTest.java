package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.qualityloop.jobs.QualityLoopConfig;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled reports by e-mail on GreenMail: the PDF attached, a larger one as a link into the
 * drill-down, once per period and recipient across restarts, nothing from a replay or a backfill.
 */
class ReportMailerTest {
  /** A small PDF (a catalog with no pages), 150 bytes or so. */
  private static final byte[] PDF =
      ("%PDF-1.4\n"
              + "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
              + "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
              + "trailer <</Root 1 0 R>>\n"
              + "%%EOF\n")
          .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path workdir;
  private GreenMail smtp;
  private Path outbox;
  private Path pdf;

  @BeforeEach
  void start() throws Exception {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    outbox = workdir.resolve("out/outbox");
    pdf = Files.createDirectories(outbox.resolve("weekly")).resolve("weekly-2026-W36.zh-CN.pdf");
    Files.write(pdf, PDF);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private QualityLoopConfig config() {
    return QualityLoopConfig.load(null, Map.of(), workdir)
        .with("serve.public-url", "http://qm.example:8080/")
        .with("notify.email.smtp-host", "127.0.0.1")
        .with("notify.email.smtp-port", Integer.toString(smtp.getSmtp().getPort()))
        .with("notify.email.from", "reports@qualityloop.example")
        .with("notify.email.starttls", "false");
  }

  private ReportMailer mailer(QualityLoopConfig config) {
    return ReportMailer.from(config, Clock.systemUTC()).orElseThrow();
  }

  private ReportMailer.Report weekly() {
    return new ReportMailer.Report("weekly", "weekly", "2026-W36", outbox, pdf);
  }

  @Test
  void thePdfGoesAsAnAttachmentToEachRecipientOnceAcrossRestarts() throws Exception {
    List<ReportMailer.Outcome> first =
        mailer(config()).send(weekly(), List.of("qm@corp.example", "gm@corp.example"), true);

    assertThat(first)
        .extracting(ReportMailer.Outcome::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.SENT);
    assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
    MimeMessage got = smtp.getReceivedMessages()[0];
    assertThat(got.getSubject()).isEqualTo("【定期报告】客户服务部投诉处理周报 2026-W36");
    assertThat(got.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("qm@corp.example");
    assertThat(smtp.getReceivedMessages()[1].getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("gm@corp.example");
    Multipart parts = (Multipart) got.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContent().toString())
        .contains("《客户服务部投诉处理周报》（2026-W36）已生成，见附件 weekly-2026-W36.zh-CN.pdf");
    BodyPart attachment = parts.getBodyPart(1);
    assertThat(attachment.getContentType()).startsWith("application/pdf");
    assertThat(attachment.getFileName()).isEqualTo("weekly-2026-W36.zh-CN.pdf");
    assertThat(attachment.getDisposition()).isEqualTo(BodyPart.ATTACHMENT);
    byte[] attached = attachment.getInputStream().readAllBytes();
    assertThat(new String(attached, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(attached).isEqualTo(PDF);

    // the scheduler runs again for the same period, in a new process (a restart): nothing goes out
    List<ReportMailer.Outcome> again =
        mailer(config()).send(weekly(), List.of("qm@corp.example", "GM@corp.example"), true);
    assertThat(again).extracting(ReportMailer.Outcome::status).containsOnlyNulls();
    Thread.sleep(300);
    assertThat(smtp.getReceivedMessages()).hasSize(2);

    List<ReportDelivery> records =
        ReportDeliveries.readAll(workdir.resolve("lake/notify_report_deliveries"));
    assertThat(records)
        .extracting(ReportDelivery::status)
        .containsExactly(
            DeliveryStatus.SENDING,
            DeliveryStatus.SENT,
            DeliveryStatus.SENDING,
            DeliveryStatus.SENT);
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.job()).isEqualTo("weekly");
              assertThat(r.period()).isEqualTo("2026-W36");
              assertThat(r.form()).isEqualTo("attachment");
              assertThat(r.bytes()).isEqualTo(PDF.length);
            });
    // recipients are pseudonyms: no address in the lake
    assertThat(records.get(1).recipient())
        .isEqualTo(ReportDeliveries.recipientKey("qm@corp.example"))
        .matches("rcpt_[0-9a-f]{16}");
    assertThat(
            Files.readString(
                Files.list(workdir.resolve("lake/notify_report_deliveries"))
                    .findFirst()
                    .orElseThrow()
                    .resolve("reports.jsonl")))
        .doesNotContain("corp.example");
  }

  @Test
  void aReportLargerThanTheLimitGoesAsALinkIntoTheDrillDown() throws Exception {
    List<ReportMailer.Outcome> sent =
        mailer(config().with("notify.email.max-attachment-bytes", Integer.toString(PDF.length - 1)))
            .send(weekly(), List.of("qm@corp.example"), true);

    assertThat(sent)
        .extracting(ReportMailer.Outcome::status, ReportMailer.Outcome::form)
        .containsExactly(Tuple.tuple(DeliveryStatus.SENT, "link"));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage got = smtp.getReceivedMessages()[0];
    assertThat(got.getContent()).isInstanceOf(String.class); // no MIME parts: nothing attached
    assertThat(got.getContent().toString())
        .contains(
            "文件较大（0.0 MB），未作附件", "http://qm.example:8080/outbox/weekly/weekly-2026-W36.zh-CN.pdf");
    assertThat(ReportDeliveries.readAll(workdir.resolve("lake/notify_report_deliveries")))
        .filteredOn(r -> r.status() == DeliveryStatus.SENT)
        .extracting(ReportDelivery::form)
        .containsExactly("link");
  }

  @Test
  void aBackfillOrAReplaySendsNothingAndRecordsNothing() throws Exception {
    assertThat(mailer(config()).send(weekly(), List.of("qm@corp.example"), false)).isEmpty();
    assertThat(
            mailer(config().with("notify.mode", "replay"))
                .send(weekly(), List.of("qm@corp.example"), true))
        .isEmpty();
    Thread.sleep(300);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(workdir.resolve("lake/notify_report_deliveries")).doesNotExist();
  }

  @Test
  void englishWhenTheNotifierSpeaksEnglish() throws Exception {
    mailer(config().with("notify.language", "en"))
        .send(
            new ReportMailer.Report("quarterly", "quarterly", "2026Q3", outbox, pdf),
            List.of("qm@corp.example"),
            true);
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage got = smtp.getReceivedMessages()[0];
    assertThat(got.getSubject()).isEqualTo("[Scheduled report] Quarterly quality report 2026Q3");
    assertThat(
            Arrays.asList(
                ((Multipart) got.getContent()).getBodyPart(0).getContent().toString().split("\\R")))
        .contains(
            "The Quarterly quality report for 2026Q3 is attached: weekly-2026-W36.zh-CN.pdf (0.0"
                + " MB).");
  }
}
