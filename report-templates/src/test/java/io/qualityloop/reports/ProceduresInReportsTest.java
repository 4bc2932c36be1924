package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the source procedures ask of the reports (issue 21): the measures beside the KPIs in the
 * quarterly report (item 8), on one small lake worked out by hand with the shipped settings and targets.
 */
class ProceduresInReportsTest {
  private static final ZonedDateTime GENERATED = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
  @TempDir static Path dir;
  private static Warehouse warehouse;

  // Measures beside the KPIs, 2026Q3 against 2026Q2 (targets: metric_settings.csv 100% for three rings and
  // promises; kpi_targets.csv sla_compliance 90% for callbacks; none for NPS and cost):
  //   NPS: Q3 answers 10, 9, 9, 7, 5 (and one survey without an NPS answer): promoters 3, detractors 1 of 5
  //        -> (3 - 1) / 5 * 100 = 40.0; Q2 answers 10, 6 -> (1 - 1) / 2 = 0.0; change +40.0.
  //   Three rings: Q3 PHONE calls with 1, 2, 3, 4 rings and one without a ring count (left out), a WECHAT
  //        contact with 5 (not a call) -> 3 of 4 = 75.0%: 25 points short of 100%, more than 5% of it: below;
  //        Q2 calls with 2 and 5 rings -> 50.0%; change +25.0 points.
  //   Promises: Q3 kept, kept, broken, not known yet -> 2 of 3 = 66.7%, below; Q2 none: no change to state.
  //   Callbacks within one working day: Q3 callback_1wd clocks 9 MET, 1 MISSED, 1 NOT_DUE (left out)
  //        -> 9 / 10 = 90.0%, on target; Q2 1 MET, 1 MISSED -> 50.0%; change +40.0 points.
  //   Cost of poor quality: Q3 cycles ended with 800 and 25,000 yuan (and one with no cost) -> 2 cycles,
  //        25,800 yuan (2.58万), 1 over 20,000 audited; Q2 one cycle of 1,200 -> change +24,600 (+2.46万).
  @BeforeAll
  static void fixture() throws Exception {
    Path lake = dir.resolve("lake");
    List<String> surveys = new ArrayList<>();
    int[] q3Nps = {10, 9, 9, 7, 5};
    for (int i = 0; i < q3Nps.length; i++) {
      surveys.add(survey("N3-" + i, "2026-08-0" + (i + 1) + " 10:00:00", q3Nps[i]));
    }
    surveys.add(survey("N3-none", "2026-08-09 10:00:00", null));
    surveys.add(survey("N2-0", "2026-05-04 10:00:00", 10));
    surveys.add(survey("N2-1", "2026-05-05 10:00:00", 6));

    List<String> contacts = new ArrayList<>();
    contacts.add(contact("I1", "2026-07-06 09:00:00", "PHONE", "1", null, null));
    contacts.add(contact("I2", "2026-07-07 09:00:00", "PHONE", "2", null, null));
    contacts.add(contact("I3", "2026-07-08 09:00:00", "PHONE", "3", null, null));
    contacts.add(contact("I4", "2026-07-09 09:00:00", "PHONE", "4", null, null));
    contacts.add(contact("I5", "2026-07-10 09:00:00", "PHONE", null, null, null));
    contacts.add(contact("I6", "2026-07-10 10:00:00", "WECHAT", "5", null, null));
    contacts.add(contact("I7", "2026-05-06 09:00:00", "PHONE", "2", null, null));
    contacts.add(contact("I8", "2026-05-07 09:00:00", "PHONE", "5", null, null));
    contacts.add(contact("P1", "2026-07-13 09:00:00", "WECHAT", null, "2026-07-14 09:00:00", "true"));
    contacts.add(contact("P2", "2026-07-14 09:00:00", "WECHAT", null, "2026-07-15 09:00:00", "true"));
    contacts.add(contact("P3", "2026-07-15 09:00:00", "VISIT", null, "2026-07-16 09:00:00", "false"));
    contacts.add(contact("P4", "2026-09-29 09:00:00", "PHONE", null, "2026-10-09 09:00:00", null));

    List<String> clocks = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      clocks.add(clock("CB" + i, "callback_1wd", "2026-08-" + (10 + i) + " 10:00:00", "MET"));
    }
    clocks.add(clock("CB10", "callback_1wd", "2026-08-25 10:00:00", "MISSED"));
    clocks.add(clock("CB11", "callback_1wd", "2026-08-26 10:00:00", "NOT_DUE"));
    clocks.add(clock("CB12", "callback_1wd", "2026-05-11 10:00:00", "MET"));
    clocks.add(clock("CB13", "callback_1wd", "2026-05-12 10:00:00", "MISSED"));

    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 1000), LakeFixture.project("P02", 500)))
        .table("callback_surveys", String.join(",", surveys))
        .table("service_interactions", String.join(",", contacts))
        .table("complaint_sla", String.join(",", clocks))
        .table("complaint_facts", String.join(",",
            cycle("F1", "A", "800", "2026-07-20 10:00:00"), cycle("F2", "B", "25000", "2026-09-10 10:00:00"),
            cycle("F3", null, null, "2026-09-11 10:00:00"), cycle("F4", "A", "1200", "2026-06-10 10:00:00")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theMeasuresBesideTheKpisStandAgainstTheTargetsOfTheReferenceFiles() {
    String html = new ExecutiveReport(ReportTemplates.shipped(), warehouse).render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    assertThat(rows(html, "measures-table")).containsExactly(
        "净推荐值（NPS） | 40.0 | 5 份答卷 | 未设目标 | – | +40.0",
        "电话三声内接听率 | 75.0% | 4 通电话（记录了响铃次数） | 100.0% | 未达标 | +25.0 个百分点",
        "承诺回复兑现率 | 66.7% | 3 项承诺（结果已知） | 100.0% | 未达标 | –",
        "一个工作日内回访率 | 90.0% | 10 次应回访 | 90.0% | 达标 | +40.0 个百分点",
        "质量损失成本（维修费用，元） | 2.58万 | 2 个维修周期，其中 1 个超过 2.00万 元需审计 | 未设目标 | – | +2.46万");
    // the table comes right after the KPI tiles
    assertThat(html.indexOf("id=\"measures\"")).isGreaterThan(html.indexOf("id=\"kpis\"")).isLessThan(html.indexOf("id=\"trend\""));

    String english = new ExecutiveReport(ReportTemplates.shipped(), warehouse).render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED);
    assertThat(rows(english, "measures-table")).containsExactly(
        "Net Promoter Score (NPS) | 40.0 | 5 answers | none set | – | +40.0",
        "Calls answered within three rings | 75.0% | 4 calls with rings recorded | 100.0% | Below target | +25.0 pp",
        "Promised replies kept | 66.7% | 3 promises with a known outcome | 100.0% | Below target | –",
        "Callbacks within one working day | 90.0% | 10 callbacks due | 90.0% | On target | +40.0 pp",
        "Cost of poor quality (repair cost, yuan) | 25,800 | 2 repaired cycles, 1 over 20,000 yuan audited | none set | – | +24,600");
  }

  @Test
  void aTargetComesFromTheReferenceFilesAndTheAnnualReportSumsItsQuarters() throws Exception {
    // The year 2026 to Q3 against 2025 Q1-Q3 (no data): NPS over the year's 7 answers, promoters 4 and
    // detractors 2 -> (4 - 2) / 7 * 100 = 28.6; callbacks 10 of 12 = 83.3%, 6.7 points short of 90%: below.
    ExecutiveReport report = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
    String annual = report.render(report.year(2026), ReportLanguage.ZH_CN, GENERATED);
    assertThat(rows(annual, "measures-table")).contains(
        "净推荐值（NPS） | 28.6 | 7 份答卷 | 未设目标 | – | –",
        "一个工作日内回访率 | 83.3% | 12 次应回访 | 90.0% | 未达标 | –",
        "质量损失成本（维修费用，元） | 2.70万 | 3 个维修周期，其中 1 个超过 2.00万 元需审计 | 未设目标 | – | –");
  }

  /** The body rows of the table with {@code id}, cells joined by " | ". */
  static List<String> rows(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table " + id).isNotNegative();
    String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
    while (row.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL).matcher(row.group(1));
      while (cell.find()) {
        cells.add(cell.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim());
      }
      rows.add(String.join(" | ", cells));
    }
    return rows;
  }

  /** An answered repair callback of P01 with an overall score of 4 and {@code nps} (null: not asked). */
  private static String survey(String id, String at, Integer nps) {
    return LakeFixture.row("callback_surveys", Map.of("event_id", "'" + id + "'", "schema_version", "1",
        "occurred_at", "timestamp '" + at + "'", "survey_type", "'REPAIR_CALLBACK'", "channel", "'PHONE'", "project_id", "'P01'",
        "staff_id", "'S001'", "score_overall", "4", "nps", nps == null ? "null" : nps.toString(), "dt", "date '" + at.substring(0, 10) + "'"));
  }

  private static String contact(String id, String at, String channel, String rings, String promisedAt, String kept) {
    return LakeFixture.row("service_interactions", Map.of("event_id", "'" + id + "'", "schema_version", "1",
        "occurred_at", "timestamp '" + at + "'", "channel", "'" + channel + "'", "kind", "'CONSULTATION'", "project_id", "'P01'",
        "rings_before_answer", rings == null ? "null" : rings,
        "promised_reply_at", promisedAt == null ? "null" : "timestamp '" + promisedAt + "'",
        "promise_kept", kept == null ? "null" : kept, "dt", "date '" + at.substring(0, 10) + "'"));
  }

  private static String clock(String id, String rule, String startedAt, String outcome) {
    return "('" + id + "', 'C-" + id + "', 1, '" + rule + "', 'P01', 'product', 'engineering', 'S001', timestamp '"
        + startedAt + "', null, null, false, '" + outcome + "', 1.0, 24.0, date '" + startedAt.substring(0, 10) + "')";
  }

  /** An ended complaint cycle of P01 with a work order of {@code type} and its repair cost (null: none). */
  private static String cycle(String complaintId, String type, String cost, String endedAt) {
    return LakeFixture.row("complaint_facts", Map.of("complaint_id", "'" + complaintId + "'", "cycle", "1", "project_id", "'P01'",
        "work_order_type", type == null ? "null" : "'" + type + "'", "repair_cost_yuan", cost == null ? "null" : cost,
        "received_at", "timestamp '" + endedAt + "' - interval 5 day", "ended_at", "timestamp '" + endedAt + "'",
        "closed_at", "timestamp '" + endedAt + "'", "dt", "date '" + endedAt.substring(0, 10) + "'"));
  }
}
