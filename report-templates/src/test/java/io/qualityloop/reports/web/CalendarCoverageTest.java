package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.ExecutiveReport;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.Week;
import io.qualityloop.reports.WeeklyReport;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data past the last year of the working calendar is a visible warning: model calendar_coverage,
 * the quarterly report of such a year, and the drill-down's home panel.
 */
class CalendarCoverageTest {
  private static final ZonedDateTime GENERATED =
      ZonedDateTime.of(2027, 4, 8, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir static Path dir;
  private static Warehouse warehouse;

  // The company's calendar lists 2026 only (National Day). Complaint steps: K1 received 2026-12-28,
  // K2 received 2027-01-04; K2's acceptance deadline falls in 2028 (a clock started 2027-12-31).
  // Data years: 2026 (covered), 2027 and 2028 (not covered); the calendar's last year is 2026.
  @BeforeAll
  static void fixture() throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 1000)))
        .table(
            "complaint_events",
            String.join(
                ",", received("K1", "2026-12-28 10:00:00"), received("K2", "2027-01-04 10:00:00")))
        .table(
            "complaint_sla",
            LakeFixture.row(
                "complaint_sla",
                Map.of(
                    "outcome_id",
                    "'K2/1/accept_24h'",
                    "complaint_id",
                    "'K2'",
                    "cycle",
                    "1",
                    "rule_id",
                    "'accept_24h'",
                    "project_id",
                    "'P01'",
                    "outcome",
                    "'NOT_DUE'",
                    "started_at",
                    "timestamp '2027-12-31 10:00:00'",
                    "deadline",
                    "timestamp '2028-01-01 10:00:00'",
                    "dt",
                    "date '2027-12-31'")));
    Files.writeString(
        lake.resolve("reference/working_calendar.csv"),
        "date,day_type,name_zh\n2026-10-01,HOLIDAY,国庆节\n",
        StandardCharsets.UTF_8);
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void everyYearWithDataSaysWhetherTheCalendarCoversIt() {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select year, covered, last_covered_year from calendar_coverage order by year");
    assertThat(rows)
        .extracting(r -> r.get("year") + " " + r.get("covered") + " " + r.get("last_covered_year"))
        .containsExactly("2026 true 2026", "2027 false 2026", "2028 false 2026");
  }

  @Test
  void theReportOfAnUncoveredYearWarnsAndOneOfACoveredYearDoesNot() {
    ExecutiveReport report = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
    String q1 = report.render(Quarter.parse("2027Q1"), ReportLanguage.ZH_CN, GENERATED);
    assertThat(q1)
        .contains(
            "<p class=\"calendar-warning\" id=\"calendar-warning\">⚠ 工作日历（working_calendar.csv）未包含"
                + " 2027 年（最新为 2026 年）：");
    String english = report.render(Quarter.parse("2027Q1"), ReportLanguage.EN, GENERATED);
    assertThat(english).contains("does not cover 2027 (its last year is 2026)");
    // 2026 is covered: the report of 2026Q4 has no warning, though the lake holds later years.
    assertThat(report.render(Quarter.parse("2026Q4"), ReportLanguage.ZH_CN, GENERATED))
        .doesNotContain("id=\"calendar-warning\"");
    // The weekly report of 2027-W01 (Mon 2027-01-04 to Sun 01-10) warns; that of 2026-W52 (12-21 to
    // 12-27) does not.
    WeeklyReport weekly = new WeeklyReport(ReportTemplates.shipped(), warehouse);
    assertThat(weekly.render(Week.parse("2027-W01"), null, ReportLanguage.ZH_CN, GENERATED))
        .contains("id=\"calendar-warning\">⚠ 工作日历（working_calendar.csv）未包含 2027 年（最新为 2026 年）");
    assertThat(weekly.render(Week.parse("2026-W52"), null, ReportLanguage.ZH_CN, GENERATED))
        .doesNotContain("id=\"calendar-warning\"");
  }

  @Test
  void theDrillDownsHomePanelNamesEveryUncoveredYear() throws Exception {
    Path usersFile = dir.resolve("users.properties");
    Files.writeString(
        usersFile,
        Users.entry("qm", Role.QUALITY_MANAGER, "qm-password".toCharArray()),
        StandardCharsets.UTF_8);
    DrillDownServer server =
        new DrillDownServer(
                ReportTemplates.shipped(),
                warehouse,
                Users.load(usersFile, region -> List.of()),
                new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
                new AccessLog(dir.resolve("access.log"), Clock.systemUTC()),
                new SignInThrottle(
                    new SignInThrottle.Settings(5, 100, Duration.ZERO, Duration.ofMinutes(15)),
                    Clock.systemUTC()),
                new InetSocketAddress("127.0.0.1", 0))
            .start();
    try {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> signIn =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "user=qm&password="
                              + URLEncoder.encode("qm-password", StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
      String home =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/home"))
                      .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .body();
      assertThat(home)
          .contains(
              "\"calendar\":[{\"year\":2027,\"last_covered_year\":2026},{\"year\":2028,\"last_covered_year\":2026}]");
      // the page shows it with its label
      String page =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(base + "/"))
                      .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .body();
      assertThat(page)
          .contains("id=\"calendar-warning\"", "T['calendar.uncovered']", "未包含 {0} 年（最新为 {1} 年）");
    } finally {
      server.close();
    }
  }

  private static String received(String complaint, String at) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'" + complaint + "-1'",
            "complaint_id",
            "'" + complaint + "'",
            "event_type",
            "'RECEIVED'",
            "occurred_at",
            "timestamp '" + at + "'",
            "project_id",
            "'P01'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }
}
