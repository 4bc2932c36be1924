package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.Week;
import io.qualityloop.warehouse.testutils.LakeFixture;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule run-due} with a job that names a recipient, on a fixture lake and GreenMail: the
 * live run e-mails the week's report (its HTML attached where no PDF is printed); a run for a past
 * date writes the outbox and e-mails nothing.
 */
class ScheduleMailTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  @TempDir Path work;
  private GreenMail smtp;

  @BeforeEach
  void lakeAndMailbox() throws Exception {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    String received = Week.of(LocalDate.now(ZONE)).previous().start() + " 09:00:00";
    new LakeFixture(work.resolve("lake"))
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "complaint_events",
            LakeFixture.row(
                "complaint_events",
                Map.of(
                    "event_id",
                    "'K1-1'",
                    "occurred_at",
                    "timestamp '" + received + "'",
                    "complaint_id",
                    "'K1'",
                    "event_type",
                    "'RECEIVED'",
                    "project_id",
                    "'P01'",
                    "category",
                    "'product'",
                    "sub_category",
                    "'house_quality'",
                    "dt",
                    "date '" + received.substring(0, 10) + "'")));
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private QualityLoopConfig config() throws Exception {
    Path file = work.resolve("qualityloop.properties");
    Files.writeString(
        file,
        "schedule.jobs=weekly\n"
            + "schedule.job.weekly.recipients=qm@corp.example\n"
            + "schedule.pdf=false\n",
        StandardCharsets.UTF_8);
    return QualityLoopConfig.load(file, Map.of(), work)
        .with("notify.email.smtp-host", "127.0.0.1")
        .with("notify.email.smtp-port", Integer.toString(smtp.getSmtp().getPort()))
        .with("notify.email.from", "reports@qualityloop.example")
        .with("notify.email.starttls", "false");
  }

  private String runDue(LocalDate today) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            ScheduleCommand.runDue(
                config(), today, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theLiveRunMailsTheWeeksReportAndARunForAPastDateMailsNothing() throws Exception {
    String week = Week.of(LocalDate.now(ZONE)).previous().toString();

    String live = runDue(null);

    assertThat(live)
        .contains("Delivered weekly " + week, "E-mail: 1 of 1 recipient(s) sent the attachment.");
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("【定期报告】客户服务部投诉处理周报 " + week);
    BodyPart report = ((Multipart) mail.getContent()).getBodyPart(1);
    assertThat(report.getFileName()).isEqualTo("weekly-" + week + ".zh-CN.html");
    assertThat(new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("客户服务部投诉处理周报");

    // as if the scheduler had never run, two weeks ago: the report is written, nothing is sent
    Files.delete(work.resolve("out/outbox/.schedule-state.properties"));
    String past = runDue(LocalDate.now(ZONE).minusDays(14));
    assertThat(past)
        .contains(
            "Delivered weekly ",
            "E-mail: not sent (a catch-up of an older period or a run for a past date).");
    Thread.sleep(300);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }
}
