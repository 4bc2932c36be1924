package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * The executive report of a quarter and of a year (the same page and queries; the year's own
 * metrics).
 */
class ExecutiveReportTest {
  private static final ZonedDateTime GENERATED =
      ZonedDateTime.of(2026, 10, 8, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
  @TempDir static Path dir;
  private static Warehouse warehouse;

  // Status: on target = good; missing it by at most 5% of the target = near target; else below.
  // Surveys: Q3 P01 scores 5, 4 -> index (100 + 75) / 2 = 87.5, top-2-box 100%;
  //          Q2 P01 score 4 -> index 75.0. Change on the previous quarter: +12.5.
  // Complaints: Q3 one product complaint of P01, accepted after 2 h -> 100% within 24 h;
  //             the company has 1,000 + 500 occupied households -> 1 / 1500 * 1000 = 0.67 per
  // 1,000.
  // SLA clocks started in Q3: accept_24h MET + MISSED (customer service, S001 of 客服一组) -> 1/2 =
  // 50.0%;
  //   callback_1wd MET + MISSED + MISSED (engineering, S009, not in the staff list) -> 1/3 = 33.3%.
  //   Q2: accept_24h MET -> 100.0%, so accept_24h changed by 50.0 - 100.0 = -50.0 points.
  //   All rules: 2 met of 5 = 40.0%. Lowest compliance first: callback_1wd, then accept_24h.
  // A year before: 2025Q3 P01 score 3 (index 50.0), which the annual report's 2026 (to Q3) is set
  // against.
  @BeforeAll
  static void fixture() throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 1000), LakeFixture.project("P02", 500)))
        .table(
            "callback_surveys",
            String.join(
                ",",
                survey("S1", "2026-07-05 10:00:00", 5),
                survey("S2", "2026-08-05 10:00:00", 4, "['attitude']"),
                survey("S3", "2026-05-05 10:00:00", 4),
                survey("S4", "2025-08-05 10:00:00", 3)))
        .table(
            "complaint_events",
            String.join(
                ",",
                complaint("C1-1", "RECEIVED", "2026-07-01 10:00:00", null),
                complaint("C1-2", "ACCEPTED", "2026-07-01 12:00:00", "product")))
        .table(
            "complaint_sla",
            String.join(
                ",",
                clock("O1", "accept_24h", "customer_service", "S001", "2026-07-01 10:00:00", "MET"),
                clock(
                    "O2",
                    "accept_24h",
                    "customer_service",
                    "S001",
                    "2026-07-02 10:00:00",
                    "MISSED"),
                clock("O3", "callback_1wd", "engineering", "S009", "2026-08-01 10:00:00", "MET"),
                clock("O4", "callback_1wd", "engineering", "S009", "2026-08-02 10:00:00", "MISSED"),
                clock("O5", "callback_1wd", "engineering", "S009", "2026-08-03 10:00:00", "MISSED"),
                clock(
                    "O6", "callback_1wd", "engineering", "S009", "2026-08-04 10:00:00", "NOT_DUE"),
                clock(
                    "O7", "accept_24h", "customer_service", "S001", "2026-06-01 10:00:00", "MET")))
        // Contacts of Q3 (service time limits): I1 a phone consultation answered at once (0 h); I2
        // a WeChat
        //   consultation responded to after 1.5 h with a reply promised after 49 h and kept; I3 a
        // WeChat complaint
        //   responded to after 3 h (not a question).
        .table(
            "service_interactions",
            String.join(
                ",",
                contact(
                    "I1",
                    "2026-07-01 09:00:00",
                    "PHONE",
                    "CONSULTATION",
                    "P01",
                    "2026-07-01 09:00:00",
                    null),
                contact(
                    "I2",
                    "2026-07-02 09:00:00",
                    "WECHAT",
                    "CONSULTATION",
                    "P01",
                    "2026-07-02 10:30:00",
                    "2026-07-04 10:00:00"),
                contact(
                    "I3",
                    "2026-08-01 09:00:00",
                    "WECHAT",
                    "COMPLAINT",
                    "P02",
                    "2026-08-01 12:00:00",
                    null)))
        // C1's text, and the one emerging issue: 渗水 in P01 in the week of 2026-07-06 (1 mention
        // against 0.5 a week)
        .table(
            "complaint_text",
            LakeFixture.row(
                "complaint_text",
                Map.ofEntries(
                    Map.entry("complaint_id", "'C1'"),
                    Map.entry("event_id", "'C1-1'"),
                    Map.entry("project_id", "'P01'"),
                    Map.entry("occurred_at", "timestamp '2026-07-06 10:00:00'"),
                    Map.entry("week_start", "'2026-07-06'"),
                    Map.entry("description", "'卫生间渗水'"),
                    Map.entry("terms", "['卫生间', '渗水']"),
                    Map.entry("negative_tone", "false"),
                    Map.entry("tone_score", "0"),
                    Map.entry("tone_words", "[]"),
                    Map.entry("suggestion_evidence", "[]"),
                    Map.entry("dt", "date '2026-07-06'"))))
        .table(
            "text_alerts",
            LakeFixture.row(
                "text_alerts",
                Map.ofEntries(
                    Map.entry("alert_id", "'surge|P01|2026-07-06|渗水'"),
                    Map.entry("alert_type", "'EMERGING_ISSUE'"),
                    Map.entry("alert_at", "timestamp '2026-07-13 00:00:00'"),
                    Map.entry("project_id", "'P01'"),
                    Map.entry("week_start", "'2026-07-06'"),
                    Map.entry("term", "'渗水'"),
                    Map.entry("observed", "1"),
                    Map.entry("expected", "0.5"),
                    Map.entry("p_value", "0.3935"),
                    Map.entry("lift_percent", "100"),
                    Map.entry("baseline_weeks", "8"),
                    Map.entry("complaint_ids", "['C1']"),
                    Map.entry("dt", "date '2026-07-13'"))))
        // follow-ups: S2 (a dissatisfied item, Wed 08-05, due Mon 08-10) closed on Fri 08-07; the
        // emerging issue (Mon 07-13,
        // due Thu 07-16) never closed
        .table(
            "followup_events",
            LakeFixture.row(
                "followup_events",
                Map.of(
                    "event_id",
                    "'FE1'",
                    "schema_version",
                    "1",
                    "occurred_at",
                    "timestamp '2026-08-07 15:00:00'",
                    "followup_id",
                    "'FU-S2'",
                    "project_id",
                    "'P01'",
                    "action",
                    "'CLOSED'",
                    "actor",
                    "'qm'",
                    "outcome",
                    "'RESOLVED'",
                    "dt",
                    "date '2026-08-07'")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void kpiTilesAndHeadlinesStateTheNumbersAgainstTargetsInChinese() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    assertThat(html).contains("<html lang=\"zh-CN\">", "客户服务质量季度报告", "2026 年第 3 季度");
    // 87.5 misses 90 by 2.5, within 5% of the target (4.5): amber, "near target".
    assertThat(tile(html, "satisfaction_index")).contains("87.5", "接近目标", "目标 90.0", "较上季度 +12.5");
    assertThat(tile(html, "top2box_rate")).contains("100.0%", "达标", "较上季度 0.0 个百分点");
    assertThat(tile(html, "accepted_within_24h")).contains("100.0%", "达标");
    assertThat(tile(html, "complaints_per_1000_households")).contains("0.67", "达标");
    // Two answers against one: under min_responses (30), so the change is not judged either way.
    assertThat(tile(html, "satisfaction_index")).contains("较上季度 +12.5（样本不足，无法判断）");
    assertThat(html).contains("满意度指数 87.5，较上季度 +12.5，样本不足，无法判断。 目标 90.0，接近目标。");
  }

  @Test
  void topProblemsMajorComplaintsAndImprovementActionsHaveTheirSections() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    // One complaint in Q3, classified product without a sub-category; none in Q2: +1.
    String problems = section(html, "problems-table");
    assertThat(problems)
        .contains(
            "<td>1</td><td>产品类（未细分）</td><td>1</td><td>100.0%</td>", "<td class=\"bad\">+1</td>");
    assertThat(section(html, "majors-table")).contains("class=\"empty\">本季度暂无数据。");
    assertThat(section(html, "actions-table")).contains("暂无改进措施");
    // The Pareto chart has its bars and the running-share line on the second axis.
    String option =
        html.substring(
            html.indexOf("\"chart-top-problems\":"), html.indexOf("\"chart-sla-by-rule\":"));
    assertThat(option)
        .contains(
            "\"type\":\"bar\"",
            "\"data\":[1]",
            "\"type\":\"line\"",
            "\"yAxisIndex\":1",
            "\"data\":[100.0]");
  }

  @Test
  void theLeagueSaysWhenAProjectHasTooFewAnswersToBeRankedOrSetAgainstTheIndustry() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    // P01: two answers in 2026Q3 (100 and 75 points): under 30, no rank and no verdict against the
    // industry;
    // P02: no answers at all, nothing to say
    assertThat(section(html, "league-table"))
        .contains(
            "公司内百分位",
            "<td>样本不足</td><td class=\"\">样本不足</td>",
            "<td>0</td><td>–</td><td>–</td><td>0</td><td>–</td><td>–</td><td>–</td><td"
                + " class=\"\">–</td>");
  }

  @Test
  void theKeyDriverSectionSaysWhenTheSampleIsTooSmallForTheAnalysis() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    // the fixture's surveys score the overall question only: no complete answer, 50 needed
    assertThat(html)
        .contains("满意度关键驱动因素", "2026Q3 完整答卷 0 份，少于分析所需的 50 份：样本不足，不作驱动因素分析。")
        .doesNotContain("id=\"drivers-matrix\"");
  }

  @Test
  void emergingIssuesNameTheTermItsLiftProjectAndWeek() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    assertThat(section(html, "emerging-table"))
        .contains(
            "<td class=\"bad\">渗水 +100%</td><td>P01"
                + " 项目P01</td><td>2026-07-06</td><td>1</td><td>0.5</td><td>1</td>");
    assertThat(html).contains("新发问题预警");
    // the week belongs to 2026Q3: the report of 2026Q2 has none
    String q2 =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q2"), ReportLanguage.EN, GENERATED);
    assertThat(section(q2, "emerging-table"))
        .contains("No significant emerging issue in the period");
  }

  @Test
  void followUpsOfTheQuarterAgainstTheProceduresTargets() {
    String zh =
        section(
            new ExecutiveReport(ReportTemplates.shipped(), warehouse)
                .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED),
            "followups-table");
    // callbacks needing a follow-up: S2, closed: 1 of 1; due in Q3: S2 (on time) and the emerging
    // issue (open): 1 of 2;
    // no callback scored 1: nothing to call back, no rate
    assertThat(zh)
        .contains(
            "<tr data-measure=\"callback_followup_rate\""
                + " data-kind=\"all\"><td>回访处理率</td><td>1</td><td>1</td><td>100.0%</td><td"
                + " class=\"good\">100%</td></tr>",
            "<tr data-measure=\"closed_on_time\""
                + " data-kind=\"all\"><td>跟进按时关闭率</td><td>1</td><td>2</td><td>50.0%</td><td"
                + " class=\"\">–</td></tr>",
            "<td>跟进按时关闭率：新发问题</td><td>0</td><td>1</td><td>0.0%</td>",
            "<td>跟进按时关闭率：不满意回访</td><td>1</td><td>1</td><td>100.0%</td>",
            "<td>严重不满意客户再回访率</td><td>0</td><td>0</td><td>–</td><td class=\"\">100%</td>");
    assertThat(
            section(
                new ExecutiveReport(ReportTemplates.shipped(), warehouse)
                    .render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED),
                "followups-table"))
        .contains(
            "<td>Follow-ups closed on time: emerging issues</td>",
            "<td>Callback follow-up rate</td>");
  }

  private static String section(String html, String tableId) {
    int start = html.indexOf("id=\"" + tableId + "\"");
    assertThat(start).as(tableId).isPositive();
    return html.substring(start, html.indexOf("</table>", start)).replaceAll(">\\s+<", "><");
  }

  @Test
  void theSlaSectionListsComplianceRuleByRuleLowestFirstWithDepartmentsAndTeams() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    assertThat(tile(html, "sla_compliance")).contains("40.0%", "未达标");
    assertThat(rows(html, "sla-rules"))
        .containsExactly(
            "维修完成后1个工作日内回访 | 3 | 2 | 33.3% | –", "24小时内受理 | 2 | 1 | 50.0% | -50.0 个百分点");
    assertThat(rows(html, "sla-departments"))
        .containsExactly("工程管理部 | 3 | 2 | 33.3%", "客户服务部 | 2 | 1 | 50.0%");
    assertThat(rows(html, "sla-teams"))
        .containsExactly("? | 3 | 2 | 33.3%", "客服一组 | 2 | 1 | 50.0%");

    String english =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED);
    assertThat(rows(english, "sla-rules"))
        .first()
        .asString()
        .startsWith("Callback within 1 working day of repair | 3 | 2 | 33.3%");
  }

  @Test
  void aReportRegeneratedAsOfAMomentSaysSoInItsHeader() {
    String now =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    assertThat(now).doesNotContain("数据截至");
    try (Warehouse asOf =
        Warehouse.build(
            dir.resolve("lake"), null, ModelCatalog.shipped(), AsOf.parse("2026-10-05"))) {
      String html =
          new ExecutiveReport(ReportTemplates.shipped(), asOf)
              .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
      assertThat(html).contains("数据截至: 2026-10-05 23:59:59");
      // every fixture row landed long before, so the figures are the same
      assertThat(tile(html, "satisfaction_index")).isEqualTo(tile(now, "satisfaction_index"));
    }
  }

  @Test
  void aReportScopedToSomeProjectsStatesTheirFiguresOnlyAndSaysSoInItsHeader() {
    String company =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
    assertThat(company).doesNotContain("id=\"report-scope\"");
    assertThat(rows(company, "league-table")).hasSize(2);
    Path lake = dir.resolve("lake");
    // P01 alone: its one complaint over its own 1,000 households is 1.00 per 1,000 (the company's
    // 0.67
    // divides by 1,500); every answer and clock of the fixture is P01's, so those tiles stay.
    try (Warehouse p01 =
        Warehouse.build(
            lake, null, ModelCatalog.shipped(), AsOf.NOW, ProjectScope.projects(List.of("P01")))) {
      String html =
          new ExecutiveReport(ReportTemplates.shipped(), p01)
              .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
      assertThat(html).contains("<div class=\"scope\" id=\"report-scope\">范围：P01 项目P01</div>");
      assertThat(tile(html, "complaints_per_1000_households")).contains("1.00");
      assertThat(tile(html, "satisfaction_index")).contains("87.5");
      assertThat(rows(html, "league-table")).hasSize(1).first().asString().startsWith("P01 ");
    }
    // The region 华东服务中心 is both fixture projects: the company's figures, with the region named.
    try (Warehouse east =
        Warehouse.build(
            lake, null, ModelCatalog.shipped(), AsOf.NOW, ProjectScope.region("华东服务中心"))) {
      String html =
          new ExecutiveReport(ReportTemplates.shipped(), east)
              .render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED);
      assertThat(html).contains("Scope: 华东服务中心 (P01 项目P01, P02 项目P02)");
      assertThat(tile(html, "complaints_per_1000_households")).contains("0.67");
    }
    // P02 has no answer, complaint or clock: nothing of P01 reaches its report.
    try (Warehouse p02 =
        Warehouse.build(
            lake, null, ModelCatalog.shipped(), AsOf.NOW, ProjectScope.projects(List.of("P02")))) {
      String html =
          new ExecutiveReport(ReportTemplates.shipped(), p02)
              .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);
      assertThat(tile(html, "satisfaction_index")).contains("无数据").doesNotContain("87.5");
      assertThat(tile(html, "sla_compliance")).contains("无数据");
      assertThat(section(html, "problems-table")).doesNotContain("产品类");
      assertThat(rows(html, "league-table")).hasSize(1).first().asString().startsWith("P02 ");
    }
  }

  @Test
  void repeatComplaintsRevisitCoverageAndDissatisfiedItemsHaveTheirSections() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    // C1 has no household: one complaint in Q3, no repeat; the company first, then P01.
    assertThat(rows(html, "repeats-table"))
        .containsExactly("全公司 | 1 | 0 | 0 | 0.0%", "P01 项目P01 | 1 | 0 | 0 | 0.0%");
    assertThat(html).contains("上一次投诉后 90 天内再次投诉");
    // No revisit at all: every project shows 0% (occupied P01 1,000 of 1,100, P02 500 of 600: both
    // first revisits due,
    //   but both projects were delivered in 2024, before the first survey on record, 2025-08-05:
    // before the records).
    //   First revisit needs 0.9 * 1000 = 900 and 0.9 * 500 = 450; the 2026 annual sample 0.1 * 1000
    // = 100 and 50.
    assertThat(rows(html, "revisits-table"))
        .containsExactly(
            "P01 项目P01 | 首次回访 | 0 | 1000 | 0.0% | ≥ 90% | 900 | 早于数据起点（交付早于首份回访记录，首次回访可能未录入）",
            "P02 项目P02 | 首次回访 | 0 | 500 | 0.0% | ≥ 90% | 450 | 早于数据起点（交付早于首份回访记录，首次回访可能未录入）",
            "P01 项目P01 | 年度回访 2026 | 0 | 1000 | 0.0% | 10-25% | 100 | 不足",
            "P02 项目P02 | 年度回访 2026 | 0 | 500 | 0.0% | 10-25% | 50 | 不足");
    assertThat(html).contains("入住率达到 50% 后应回访，覆盖入住户的 90% 以上", "抽访入住户的 10%–25%");
    // S2 (August, P01) names attitude: one survey, one project, below every threshold (5 mentions;
    // 3 for a rise).
    assertThat(rows(html, "dissatisfied-table")).containsExactly("态度与沟通 | 1 | 1 | 0");
    assertThat(rows(html, "investigations-table")).containsExactly("本期没有需要专项调查的不满意项");
    assertThat(html)
        .contains("至少 5 份问卷提及且占当月问卷的 10% 以上（集中），或至少 3 份且占比显著高于此前 3 个月（单侧两比例 z 检验，z ≥ 1.96）");

    String english =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED);
    assertThat(rows(english, "revisits-table"))
        .last()
        .isEqualTo("P02 | Annual revisit 2026 | 0 | 500 | 0.0% | 10-25% | 50 | Under");
    assertThat(rows(english, "dissatisfied-table"))
        .containsExactly("Attitude and communication | 1 | 1 | 0");

    // The annual report has the same sections over its year: 2026 to Q3, the annual revisits of
    // 2026.
    ExecutiveReport report = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
    String annual = report.render(report.year(2026), ReportLanguage.ZH_CN, GENERATED);
    assertThat(rows(annual, "revisits-table"))
        .contains("P01 项目P01 | 年度回访 2026 | 0 | 1000 | 0.0% | 10-25% | 100 | 不足");
    assertThat(rows(annual, "repeats-table")).first().isEqualTo("全公司 | 1 | 0 | 0 | 0.0%");
    assertThat(annual).contains("涉及户数（各季相加）");
  }

  @Test
  void serviceResponseAndAfterSalesQuestionsHaveTheirTimeLimitsTable() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    // Service response, all three contacts measured: within 2 h I1 (0) and I2 (1.5) = 2 of 3 =
    // 66.7%; within 1 h I1 = 33.3%.
    // After-sales questions I1 and I2: both responded to within 24 h = 100.0%; solved within 48 h
    // only I1
    //   (I2's kept promise came at 49 h) = 1 of 2 = 50.0%.
    assertThat(rows(html, "service-limits-table"))
        .containsExactly(
            "一般服务响应 | 2 | 3 | 2 | 66.7%", "一般服务响应（目标） | 1 | 3 | 1 | 33.3%",
            "售后问题响应 | 24 | 2 | 2 | 100.0%", "售后问题解决 | 48 | 2 | 1 | 50.0%");
    // A quarter without contacts says so rather than 0%.
    String q2 =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q2"), ReportLanguage.EN, GENERATED);
    assertThat(rows(q2, "service-limits-table"))
        .first()
        .isEqualTo("General service response | 2 | 0 | 0 | no data");
  }

  @Test
  void englishIsAvailable() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.EN, GENERATED);

    assertThat(html)
        .contains(
            "<html lang=\"en\">",
            "Customer Service Quality Report",
            "Q3 2026",
            "Satisfaction index 87.5, +12.5 on the previous quarter (sample too small to tell).");
  }

  @Test
  void theFileIsSelfContainedAndLoadsNothingFromTheNetwork() {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), ReportLanguage.ZH_CN, GENERATED);

    assertThat(html)
        .doesNotContainPattern("<script[^>]+src=")
        .doesNotContainPattern("<link[^>]+href=");
    assertThat(html).contains("echarts.init(").hasSizeGreaterThan(1_000_000);
  }

  @Test
  void opensInHeadlessChromiumWithBothChartsDrawnAndNoConsoleMessages() throws Exception {
    HeadlessChromium chromium = BrowserRequirement.chromium();
    Path file =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .write(
                Quarter.parse("2026Q3"),
                ReportLanguage.ZH_CN,
                GENERATED,
                dir.resolve("out/report.html"));

    HeadlessChromium.LoadedPage page = chromium.load(file);

    assertThat(page.consoleMessages()).as("console output of the report").isEmpty();
    assertThat(chartMarkup(page.dom(), "chart-satisfaction-trend"))
        .contains("<svg")
        .contains("<path");
    assertThat(chartMarkup(page.dom(), "chart-complaints-by-category"))
        .contains("<svg")
        .contains("<path");
    assertThat(chartMarkup(page.dom(), "chart-sla-by-rule")).contains("<svg").contains("<path");
    assertThat(chartMarkup(page.dom(), "chart-top-problems")).contains("<svg").contains("<path");
  }

  @Test
  void theAnnualReportSetsTheYearToDateAgainstTheSameQuartersOfTheYearBefore() {
    ExecutiveReport report = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
    ReportPeriod year = report.year(2026);
    // The fixture's last quarter with KPIs is 2026Q3: the year runs Q1-Q3 and is set against
    // 2025Q1-Q3.
    assertThat(year).isEqualTo(ReportPeriod.year(2026, 3));
    String html = report.render(year, ReportLanguage.ZH_CN, GENERATED);

    assertThat(html)
        .contains("客户服务质量年度报告", "2026 年度（截至第 3 季度，与上年同期比较）", "<footer>QualityLoop · 2026</footer>");
    // 2026 answers 5, 4 (Q3) and 4 (Q2): (100 + 75 + 75) / 3 = 83.3, which misses 90 by more than
    // 4.5: below.
    // 2025 Q1-Q3: one answer, 3 -> 50.0; +33.3 on one answer against three: too few to judge.
    assertThat(html).contains("满意度指数 83.3，较上年同期 +33.3，样本不足，无法判断。 目标 90.0，未达标。");
    assertThat(tile(html, "satisfaction_index"))
        .contains("83.3", "未达标", "较上年同期 +33.3（样本不足，无法判断）")
        .doesNotContain("较去年同期");
    // SLA over the year: accept_24h MET (Q2), MET, MISSED -> 2/3; callback_1wd 1/3; all rules 3 of
    // 6 = 50.0%.
    assertThat(tile(html, "sla_compliance")).contains("50.0%");
    assertThat(rows(html, "sla-rules"))
        .containsExactly("维修完成后1个工作日内回访 | 3 | 2 | 33.3% | –", "24小时内受理 | 3 | 1 | 66.7% | –");
    // The quarters of the year, each against the target: Q2 75.0 is below 90 by more than 4.5, Q3
    // 87.5 near.
    assertThat(rows(html, "kpi-quarters-table")).contains("满意度指数 | 90.0 | – | 75.0 | 87.5 | –");
    assertThat(section(html, "kpi-quarters-table"))
        .contains("<td class=\"bad\">75.0</td><td class=\"watch\">87.5</td>");
    // The year's Pareto: the one Q3 complaint, none in 2025 -> +1.
    assertThat(section(html, "problems-table"))
        .contains("<td>1</td><td>产品类（未细分）</td><td>1</td><td>100.0%</td>");
    // League: P01 with its three answers of the year.
    assertThat(rows(html, "league-table"))
        .first()
        .asString()
        .startsWith("P01 ")
        .contains(" | 3 | 83.3 | ");

    String english = report.render(year, ReportLanguage.EN, GENERATED);
    assertThat(english)
        .contains(
            "Year 2026 to date (through Q3, against the same quarters of the year before)",
            "Satisfaction index 83.3, +33.3 on the same period last year (sample too small to"
                + " tell).");
  }

  @Test
  void bothReportsPrintOnA4WithNothingCutOffAtThePageWidth() throws Exception {
    HeadlessChromium chromium = BrowserRequirement.chromium();
    ExecutiveReport report = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
    Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
    for (ReportPeriod period :
        List.of(ReportPeriod.quarter(Quarter.parse("2026Q3")), report.year(2026))) {
      Path file =
          report.write(
              period,
              ReportLanguage.ZH_CN,
              GENERATED,
              dir.resolve("out/" + period.kind() + ".html"));
      // A4 is 210 mm wide; the page's print margins are 12 mm each side: 186 mm = 703 CSS px at 96
      // px per inch.
      ChromeDriver driver = BrowserRequirement.webDriver(chromium, 703, 1000);
      try {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        driver.executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", 703, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        driver.get(file.toUri().toString());
        Object wide =
            driver.executeScript(
                "var page = document.documentElement.clientWidth, out = [];if"
                    + " (document.documentElement.scrollWidth > page) out.push('page ' +"
                    + " document.documentElement.scrollWidth);document.querySelectorAll('table,"
                    + " .chart, .tiles').forEach(function (e) {  var r = e.getBoundingClientRect();"
                    + " if (r.right > page + 0.5 || e.scrollWidth > e.clientWidth + 1)"
                    + " out.push((e.id || e.className) + ' ' + r.right);"
                    + " });document.querySelectorAll('.chart').forEach(function (e) {  var svg ="
                    + " e.querySelector('svg'); if (!svg || svg.getBoundingClientRect().width <"
                    + " 100) out.push('no chart in ' + e.id); });return out.join('; ');");
        assertThat(wide)
            .as(period.kind() + ": elements wider than the printed A4 page, or charts not drawn")
            .isEqualTo("");
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .as("console of " + period.kind())
            .isEmpty();
        Files.write(
            screenshots.resolve(period.kind() + "-print.png"),
            driver.getScreenshotAs(OutputType.BYTES));
      } finally {
        driver.quit();
      }
      Path pdf = dir.resolve("out/" + period.kind() + ".pdf");
      chromium.printToPdf(file, pdf);
      String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
      Matcher box =
          Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)\\s*]").matcher(text);
      assertThat(box.find()).as("a page size in " + pdf).isTrue();
      // A4 = 595.3 x 841.9 pt.
      assertThat(Double.parseDouble(box.group(1)))
          .as("page width (pt)")
          .isCloseTo(595.3, Offset.offset(2.0));
      assertThat(Double.parseDouble(box.group(2)))
          .as("page height (pt)")
          .isCloseTo(841.9, Offset.offset(2.0));
      Files.copy(
          pdf, screenshots.resolve(period.kind() + ".pdf"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String chartMarkup(String dom, String id) {
    int start = dom.indexOf("id=\"" + id + "\"");
    assertThat(start).as("chart container " + id).isNotNegative();
    int end = dom.indexOf("</section>", start);
    return dom.substring(start, end);
  }

  /** The body rows of the table with {@code id}, cells joined by " | ". */
  private static String contact(
      String id,
      String at,
      String channel,
      String kind,
      String project,
      String respondedAt,
      String promisedAt) {
    return LakeFixture.row(
        "service_interactions",
        Map.ofEntries(
            Map.entry("event_id", "'" + id + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("channel", "'" + channel + "'"),
            Map.entry("kind", "'" + kind + "'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("responded_at", "timestamp '" + respondedAt + "'"),
            Map.entry(
                "promised_reply_at",
                promisedAt == null ? "null" : "timestamp '" + promisedAt + "'"),
            Map.entry("promise_kept", promisedAt == null ? "null" : "true"),
            Map.entry("dt", "date '" + at.substring(0, 10) + "'")));
  }

  private static List<String> rows(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table " + id).isNotNegative();
    String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
    while (row.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
      while (cell.find()) {
        cells.add(cell.group(1).trim());
      }
      rows.add(String.join(" | ", cells));
    }
    return rows;
  }

  private static String tile(String html, String kpi) {
    Matcher m =
        Pattern.compile("data-kpi=\"" + kpi + "\">(.*?)</div>\\s*</div>", Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("tile " + kpi).isTrue();
    return m.group(1).replaceAll("\\s+", " ");
  }

  private static String survey(String id, String at, int overall) {
    return survey(id, at, overall, "null");
  }

  /** An answered repair callback of P01 naming {@code dissatisfiedItems} (a SQL list or null). */
  private static String survey(String id, String at, int overall, String dissatisfiedItems) {
    return "('"
        + id
        + "', 1, timestamp '"
        + at
        + "', 'REPAIR_CALLBACK', 'PHONE', 'P01', null, null, null, null, 'S001', null, "
        + "null, null, null, null, null, "
        + overall
        + ", null, "
        + dissatisfiedItems
        + ", null, null, 0, 0, date '"
        + at.substring(0, 10)
        + "')";
  }

  private static String clock(
      String id, String rule, String department, String handler, String startedAt, String outcome) {
    return "('"
        + id
        + "', 'C-"
        + id
        + "', 1, '"
        + rule
        + "', 'P01', 'product', '"
        + department
        + "', '"
        + handler
        + "', timestamp '"
        + startedAt
        + "', null, null, false, '"
        + outcome
        + "', 1.0, 24.0, date '"
        + startedAt.substring(0, 10)
        + "')";
  }

  private static String complaint(String id, String type, String at, String category) {
    String cat = category == null ? "null" : "'" + category + "'";
    return "('"
        + id
        + "', 1, timestamp '"
        + at
        + "', 'C1', '"
        + type
        + "', null, 'P01', null, null, null, null, null, null, null, null, 'S001', "
        + cat
        + ", null, null, null, null, 'NORMAL', null, null, null, null, null, null, null, null, 0,"
        + " 0, date '"
        + at.substring(0, 10)
        + "')";
  }
}
