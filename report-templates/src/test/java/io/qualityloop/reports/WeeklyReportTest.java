package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly complaint report of a service office, worked out by hand. */
class WeeklyReportTest {
  private static final ZonedDateTime GENERATED =
      ZonedDateTime.of(2026, 8, 10, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
  @TempDir static Path dir;
  private static Warehouse warehouse;

  // Week 2026-W32 = Monday 2026-08-03 to Sunday 08-09 (all projects of 华东服务中心).
  //   K1 product / house_quality, received 08-03, closed 08-05.
  //   K2 service / reception, received 08-04, escalated (major), still open; its accept_24h
  // deadline 08-05 missed.
  //   K3 product / house_quality, received 07-28 (W31), closed 08-04; a deadline missed on 07-29
  // (W31).
  @BeforeAll
  static void buildOnFixture() throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "complaint_events",
            String.join(
                ",",
                event("K1", 1, "RECEIVED", "2026-08-03 09:00:00", "product", "house_quality"),
                event("K1", 2, "CLOSED", "2026-08-05 17:00:00", null, null),
                event("K2", 1, "RECEIVED", "2026-08-04 10:00:00", "service", "reception"),
                event("K2", 2, "ESCALATED", "2026-08-04 11:00:00", null, null),
                event("K3", 1, "RECEIVED", "2026-07-28 09:00:00", "product", "house_quality"),
                event("K3", 2, "CLOSED", "2026-08-04 12:00:00", null, null)))
        .table(
            "complaint_sla",
            String.join(
                ",", missed("K2", "2026-08-05 10:00:00"), missed("K3", "2026-07-29 10:00:00")))
        // Follow-ups (3 working days): B3 BREACH of K3 Wed 07-29 (due Mon 08-03), closed Tue 08-04:
        // late;
        // B2 BREACH of K2 Wed 08-05 (due Mon 08-10): open at the week's end, not overdue; X2
        // ESCALATION of K2 Tue 08-04
        // (due Fri 08-07): open at the end, overdue; CB callback scored 2 on Thu 08-06 (due Tue
        // 08-11), closed Fri 08-07.
        .table(
            "sla_events",
            String.join(
                ",",
                alert("B3", "BREACH", "K3", "2026-07-29 10:00:00"),
                alert("B2", "BREACH", "K2", "2026-08-05 10:00:00"),
                alert("X2", "ESCALATION", "K2", "2026-08-04 11:00:00")))
        .table(
            "callback_surveys",
            LakeFixture.row(
                "callback_surveys",
                Map.of(
                    "event_id",
                    "'CB'",
                    "schema_version",
                    "1",
                    "occurred_at",
                    "timestamp '2026-08-06 10:00:00'",
                    "survey_type",
                    "'COMPLAINT_CALLBACK'",
                    "channel",
                    "'PHONE'",
                    "project_id",
                    "'P01'",
                    "complaint_id",
                    "'K1'",
                    "score_overall",
                    "2",
                    "dt",
                    "date '2026-08-06'")))
        .table(
            "followup_events",
            String.join(
                ",",
                closing("FU-B3", "2026-08-04 09:00:00"),
                closing("FU-CB", "2026-08-07 16:00:00")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theWeeksFiguresAgainstTheWeekBefore() {
    // Received K1, K2 (2; the week before K3: 1); closed K1 and K3 (2); major K2; open at the end
    // K2;
    // deadlines missed in the week: K2's (K3's fell in W31).
    Map<String, Object> s =
        new WeeklyReport(ReportTemplates.shipped(), warehouse)
            .summary(Week.parse("2026-W32"), "华东服务中心");
    assertThat(s)
        .containsEntry("received", 2L)
        .containsEntry("received_previous", 1L)
        .containsEntry("closed", 2L)
        .containsEntry("major", 1L)
        .containsEntry("open_at_end", 1L)
        .containsEntry("deadlines_missed", 1L);
    assertThat(
            new WeeklyReport(ReportTemplates.shipped(), warehouse)
                .summary(Week.parse("2026-W32"), "华西服务中心"))
        .containsEntry("received", 0L);
  }

  @Test
  void theReportShowsTheFiguresCategoriesAndMissedDeadlinesInChinese() {
    String html =
        new WeeklyReport(ReportTemplates.shipped(), warehouse)
            .render(Week.parse("2026-W32"), "华东服务中心", ReportLanguage.ZH_CN, GENERATED)
            .replaceAll(">\\s+<", "><");
    assertThat(html)
        .contains("客户服务部投诉处理周报", "华东服务中心 · 2026-W32（2026年8月3日 – 2026年8月9日）")
        .contains(
            "<div class=\"n\">本周受理</div><div class=\"v\">2</div><div class=\"n\">较上周 +1</div>")
        .contains("<td>产品类</td><td>房屋质量</td><td class=\"num\">1</td><td class=\"num\">1</td>")
        .contains("<td>服务类</td><td>接待服务</td><td class=\"num\">1</td><td class=\"num\">0</td>")
        .contains("<td>24小时内受理</td><td class=\"num\">1</td><td>K2</td>");
  }

  @Test
  void followUpsOfTheWeekByKind() {
    String html =
        new WeeklyReport(ReportTemplates.shipped(), warehouse)
            .render(Week.parse("2026-W32"), "华东服务中心", ReportLanguage.ZH_CN, GENERATED)
            .replaceAll(">\\s+<", "><");
    // kind: opened, closed, of them on time, open at the end, of them overdue
    assertThat(html)
        .contains(
            "<h2>跟进</h2>",
            "<tr data-kind=\"breach\"><td>超时</td><td class=\"num\">1</td><td"
                + " class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td"
                + " class=\"num\">0</td></tr>",
            "<tr data-kind=\"escalation\"><td>升级</td><td class=\"num\">1</td><td"
                + " class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td><td"
                + " class=\"num\">1</td></tr>",
            "<tr data-kind=\"callback\"><td>不满意回访</td><td class=\"num\">1</td><td"
                + " class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td"
                + " class=\"num\">0</td></tr>");
    assertThat(
            new WeeklyReport(ReportTemplates.shipped(), warehouse)
                .render(Week.parse("2026-W32"), "华西服务中心", ReportLanguage.EN, GENERATED)
                .replaceAll(">\\s+<", "><"))
        .contains("<h2>Follow-ups</h2>")
        .doesNotContain("data-kind=\"breach\"");
  }

  @Test
  void theReportOpensInHeadlessChromiumWithoutConsoleMessagesAndPrintsToPdf() throws Exception {
    HeadlessChromium chromium = BrowserRequirement.chromium();
    Path html =
        new WeeklyReport(ReportTemplates.shipped(), warehouse)
            .write(
                Week.parse("2026-W32"),
                null,
                ReportLanguage.EN,
                GENERATED,
                dir.resolve("weekly-2026-W32.en.html"));
    HeadlessChromium.LoadedPage page = chromium.load(html);
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom()).contains("Weekly complaint report", "All service offices");
    Path shot = Files.createDirectories(Path.of("target/screenshots")).resolve("weekly.en.png");
    chromium.screenshot(html, shot, 1100, 900);
    Path pdf = dir.resolve("weekly.pdf");
    chromium.printToPdf(html, pdf);
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void weeksAreIsoWeeks() {
    assertThat(Week.parse("2026-W32").start()).isEqualTo(LocalDate.of(2026, 8, 3));
    assertThat(Week.of(LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
    assertThat(Week.parse("2026-W01").previous()).hasToString("2025-W52");
    assertThatThrownBy(() -> Week.parse("2025-W53"))
        .hasMessageContaining("week 53 does not exist in 2025");
  }

  private static String event(
      String complaint, int n, String type, String at, String category, String sub) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'" + complaint + "-" + n + "'",
            "occurred_at",
            "timestamp '" + at + "'",
            "complaint_id",
            "'" + complaint + "'",
            "event_type",
            "'" + type + "'",
            "project_id",
            "'P01'",
            "category",
            category == null ? "null" : "'" + category + "'",
            "sub_category",
            sub == null ? "null" : "'" + sub + "'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }

  private static String alert(String id, String type, String complaint, String at) {
    return LakeFixture.row(
        "sla_events",
        Map.of(
            "alert_id",
            "'" + id + "'",
            "alert_type",
            "'" + type + "'",
            "alert_at",
            "timestamp '" + at + "'",
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "project_id",
            "'P01'",
            "rule_id",
            type.equals("BREACH") ? "'accept_24h'" : "null",
            "severity",
            "'NORMAL'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }

  private static String closing(String followup, String at) {
    return LakeFixture.row(
        "followup_events",
        Map.of(
            "event_id",
            "'" + followup + "-closed'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '" + at + "'",
            "followup_id",
            "'" + followup + "'",
            "project_id",
            "'P01'",
            "action",
            "'CLOSED'",
            "actor",
            "'qm'",
            "outcome",
            "'RESOLVED'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }

  private static String missed(String complaint, String deadline) {
    return LakeFixture.row(
        "complaint_sla",
        Map.of(
            "outcome_id",
            "'" + complaint + "/1/accept_24h'",
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "rule_id",
            "'accept_24h'",
            "project_id",
            "'P01'",
            "outcome",
            "'MISSED'",
            "deadline",
            "timestamp '" + deadline + "'",
            "started_at",
            "timestamp '" + deadline + "'",
            "dt",
            "date '" + deadline.substring(0, 10) + "'"));
  }
}
