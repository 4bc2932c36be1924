package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import io.qualityloop.warehouse.testutils.QueryRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first metrics on a fixture small enough to work out by hand. Expected values are computed in
 * the comments, never by the code under test.
 */
class MetricsTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Surveys (score_overall -> points: 1->0, 2->25, 3->50, 4->75, 5->100)
  //   2026Q3 P01: 5 (07-05), 4 (07-20), 3 (08-10)   P02: 2 (08-15), 5 (09-01)
  //   2026Q2 P01: 1 (06-30)
  // Complaints (RECEIVED -> ACCEPTED)
  //   C1 P01 product     07-01 10:00 -> 07-01 12:00   2 h: within 24 h
  //   C2 P01 service     07-02 09:00 -> 07-03 09:00   exactly 24 h: within
  //   C3 P02 product     07-03 09:00 -> 07-04 09:01   24 h 1 min: not within
  //   C4 P02 environment 08-01 10:00, never accepted, its accept_24h BREACH raised: not within
  //   C5 P01 product     06-30 23:00 -> 07-01 01:00   received in 2026Q2
  //   C6 P01 product     10-02 09:00, not accepted, no BREACH: its 24 hours have not run out
  // Occupied households: P01 1000, P02 500.
  // SLA clocks (outcome by start time): Q3 accept_24h O1 MET, O2 MET, O3 MISSED; callback_1wd
  //   O4 MISSED, O5 NOT_DUE (not counted); Q2 accept_24h O6 MET.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 1000), LakeFixture.project("P02", 500)))
        .table(
            "callback_surveys",
            String.join(
                ",",
                survey("S1", "2026-07-05 10:00:00", "P01", 5),
                survey("S2", "2026-07-20 10:00:00", "P01", 4),
                survey("S3", "2026-08-10 10:00:00", "P01", 3),
                survey("S4", "2026-08-15 10:00:00", "P02", 2),
                survey("S5", "2026-09-01 10:00:00", "P02", 5),
                survey("S6", "2026-06-30 10:00:00", "P01", 1)))
        .table(
            "complaint_events",
            String.join(
                ",",
                complaintEvent("C1-1", "C1", "RECEIVED", "2026-07-01 10:00:00", "P01", null),
                complaintEvent("C1-2", "C1", "ACCEPTED", "2026-07-01 12:00:00", "P01", "product"),
                complaintEvent("C2-1", "C2", "RECEIVED", "2026-07-02 09:00:00", "P01", null),
                complaintEvent("C2-2", "C2", "ACCEPTED", "2026-07-03 09:00:00", "P01", "service"),
                complaintEvent("C3-1", "C3", "RECEIVED", "2026-07-03 09:00:00", "P02", null),
                complaintEvent("C3-2", "C3", "ACCEPTED", "2026-07-04 09:01:00", "P02", "product"),
                complaintEvent(
                    "C4-1", "C4", "RECEIVED", "2026-08-01 10:00:00", "P02", "environment"),
                complaintEvent("C5-1", "C5", "RECEIVED", "2026-06-30 23:00:00", "P01", null),
                complaintEvent("C5-2", "C5", "ACCEPTED", "2026-07-01 01:00:00", "P01", "product"),
                complaintEvent("C6-1", "C6", "RECEIVED", "2026-10-02 09:00:00", "P01", null)))
        .table(
            "sla_events",
            LakeFixture.row(
                "sla_events",
                Map.ofEntries(
                    Map.entry("alert_id", "'A-C4'"),
                    Map.entry("alert_type", "'BREACH'"),
                    Map.entry("alert_at", "timestamp '2026-08-02 10:00:00'"),
                    Map.entry("complaint_id", "'C4'"),
                    Map.entry("cycle", "1"),
                    Map.entry("project_id", "'P02'"),
                    Map.entry("rule_id", "'accept_24h'"),
                    Map.entry("responsible_department", "'engineering'"),
                    Map.entry("severity", "'NORMAL'"),
                    Map.entry("dt", "date '2026-08-02'"))))
        .table(
            "complaint_sla",
            String.join(
                ",",
                outcome(
                    "O1",
                    "C1",
                    "accept_24h",
                    "P01",
                    "engineering",
                    "S001",
                    "2026-07-01 10:00:00",
                    "MET"),
                outcome(
                    "O2",
                    "C2",
                    "accept_24h",
                    "P01",
                    "customer_service",
                    "S001",
                    "2026-07-02 09:00:00",
                    "MET"),
                outcome(
                    "O3",
                    "C3",
                    "accept_24h",
                    "P02",
                    "engineering",
                    "S002",
                    "2026-07-03 09:00:00",
                    "MISSED"),
                outcome(
                    "O4",
                    "C1",
                    "callback_1wd",
                    "P01",
                    "customer_service",
                    "S003",
                    "2026-08-05 10:00:00",
                    "MISSED"),
                outcome(
                    "O5",
                    "C2",
                    "callback_1wd",
                    "P01",
                    "customer_service",
                    "S003",
                    "2026-08-06 10:00:00",
                    "NOT_DUE"),
                outcome(
                    "O6",
                    "C5",
                    "accept_24h",
                    "P01",
                    "engineering",
                    "S001",
                    "2026-06-30 23:00:00",
                    "MET")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void satisfactionIndexAndTop2BoxPerProjectAndCompany() {
    // P01 Q3: (100 + 75 + 50) / 3 = 75.0; top-2-box 2/3 = 0.6667
    assertThat(
            row(
                "select * from satisfaction_quarterly where quarter = '2026Q3' and project_id ="
                    + " 'P01'"))
        .containsEntry("responses", 3L)
        .containsEntry("satisfaction_index", 75.0)
        .containsEntry("top2box_rate", 0.6667);
    // P02 Q3: (25 + 100) / 2 = 62.5; top-2-box 1/2
    assertThat(
            row(
                "select * from satisfaction_quarterly where quarter = '2026Q3' and project_id ="
                    + " 'P02'"))
        .containsEntry("satisfaction_index", 62.5)
        .containsEntry("top2box_rate", 0.5000);
    // Company Q3: (100 + 75 + 50 + 25 + 100) / 5 = 70.0; top-2-box 3/5 = 0.6
    assertThat(
            row(
                "select * from satisfaction_quarterly where quarter = '2026Q3' and scope ="
                    + " 'company'"))
        .containsEntry("responses", 5L)
        .containsEntry("satisfaction_index", 70.0)
        .containsEntry("top2box_rate", 0.6000);
    // Q2 holds only the score 1 of 06-30.
    assertThat(
            row(
                "select * from satisfaction_quarterly where quarter = '2026Q2' and scope ="
                    + " 'company'"))
        .containsEntry("responses", 1L)
        .containsEntry("satisfaction_index", 0.0);
  }

  @Test
  void monthlySatisfactionTrend() {
    // July: (100 + 75) / 2 = 87.5; August: (50 + 25) / 2 = 37.5; September: 100.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select month, satisfaction_index from satisfaction_monthly where month >= '2026-07'"
                + " order by month");
    assertThat(rows)
        .extracting(r -> r.get("month") + "=" + r.get("satisfaction_index"))
        .containsExactly("2026-07=87.5", "2026-08=37.5", "2026-09=100.0");
  }

  @Test
  void complaintsByCategoryCountEachComplaintOnceUnderItsLatestCategory() {
    // Q3: C1 product, C2 service, C3 product, C4 environment; C5 belongs to Q2.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select category, category_zh, complaints from complaints_by_category_quarterly where"
                + " quarter = '2026Q3' order by complaints desc, category");
    assertThat(rows)
        .extracting(r -> r.get("category") + "/" + r.get("category_zh") + "=" + r.get("complaints"))
        .containsExactly("product/产品类=2", "environment/环境类=1", "service/服务类=1");
  }

  @Test
  void shareAcceptedWithin24Hours() {
    // Q3 company: C1 and C2 within, C3 and C4 not: 2/4 = 0.5. P01: 2/2 = 1. P02: 0/2 = 0.
    assertThat(
            row(
                "select * from complaint_acceptance_quarterly where quarter = '2026Q3' and scope ="
                    + " 'company'"))
        .containsEntry("complaints_received", 4L)
        .containsEntry("accepted_within_24h", 2L)
        .containsEntry("accepted_within_24h_rate", 0.5000);
    assertThat(
            row(
                "select * from complaint_acceptance_quarterly where quarter = '2026Q3' and"
                    + " project_id = 'P01'"))
        .containsEntry("accepted_within_24h_rate", 1.0000);
    assertThat(
            row(
                "select * from complaint_acceptance_quarterly where quarter = '2026Q3' and"
                    + " project_id = 'P02'"))
        .containsEntry("accepted_within_24h_rate", 0.0000);
  }

  @Test
  void aComplaintWhose24HoursHaveNotRunOutIsNeitherASuccessNorAMissYet() {
    // Q4: C6 received 10-02 09:00, not accepted, no BREACH: awaiting; nothing judged, no rate.
    assertThat(
            row(
                "select * from complaint_acceptance_quarterly where quarter = '2026Q4' and scope ="
                    + " 'company'"))
        .containsEntry("complaints_received", 1L)
        .containsEntry("complaints_awaiting_acceptance", 1L)
        .containsEntry("complaints_judged", 0L)
        .containsEntry("accepted_within_24h", 0L)
        .containsEntry("accepted_within_24h_rate", null);
    // Q3: C4, never accepted, is judged (its BREACH came): 2 of 4, as above.
    assertThat(
            row(
                "select * from complaint_acceptance_quarterly where quarter = '2026Q3' and scope ="
                    + " 'company'"))
        .containsEntry("complaints_awaiting_acceptance", 0L)
        .containsEntry("complaints_judged", 4L);
    assertThat(
            number(
                "select count(*) from kpi_cases_quarterly where quarter = '2026Q4' and kpi_id ="
                    + " 'accepted_within_24h'"))
        .as("no cases yet: a year to date adds nothing for it")
        .isZero();
    assertThat(
            number(
                "select count(*) from kpi_quarterly where quarter = '2026Q4' and kpi_id ="
                    + " 'accepted_within_24h'"))
        .as("no value yet, so no row on the scorecard (not a miss of its target)")
        .isZero();
  }

  @Test
  void complaintsPerThousandOccupiedHouseholds() {
    // Q3: P01 2 / 1000 * 1000 = 2.0; P02 2 / 500 * 1000 = 4.0; company 4 / 1500 * 1000 = 2.667.
    assertThat(
            number(
                "select complaints_per_1000_households from"
                    + " complaints_per_1000_households_quarterly where quarter = '2026Q3' and"
                    + " project_id = 'P01'"))
        .isEqualTo(2.0);
    assertThat(
            number(
                "select complaints_per_1000_households from"
                    + " complaints_per_1000_households_quarterly where quarter = '2026Q3' and"
                    + " project_id = 'P02'"))
        .isEqualTo(4.0);
    assertThat(
            number(
                "select complaints_per_1000_households from"
                    + " complaints_per_1000_households_quarterly where quarter = '2026Q3' and scope"
                    + " = 'company'"))
        .isEqualTo(2.667);
  }

  @Test
  void slaComplianceByRuleAndOverAllRules() {
    // accept_24h Q3: 2 met of 3 = 0.6667; callback_1wd: 0 of 1 (NOT_DUE left out); all: 2 of 4 =
    // 0.5.
    assertThat(
            row(
                "select * from sla_compliance_quarterly where quarter = '2026Q3' and rule_id ="
                    + " 'accept_24h'"))
        .containsEntry("clocks", 3L)
        .containsEntry("met", 2L)
        .containsEntry("compliance_rate", 0.6667);
    assertThat(
            row(
                "select * from sla_compliance_quarterly where quarter = '2026Q3' and rule_id ="
                    + " 'callback_1wd'"))
        .containsEntry("clocks", 1L)
        .containsEntry("compliance_rate", 0.0);
    assertThat(
            row(
                "select * from sla_compliance_quarterly where quarter = '2026Q3' and scope ="
                    + " 'all_rules'"))
        .containsEntry("clocks", 4L)
        .containsEntry("missed", 2L)
        .containsEntry("compliance_rate", 0.5);
    assertThat(
            row(
                "select * from sla_compliance_quarterly where quarter = '2026Q2' and scope ="
                    + " 'all_rules'"))
        .containsEntry("clocks", 1L)
        .containsEntry("compliance_rate", 1.0);
  }

  @Test
  void slaComplianceByDepartmentAndHandlerAddsUpFromTheDetail() {
    // Engineering Q3: O1 met, O3 missed -> 1 of 2. Handler S003: O4 missed in 2026-08.
    assertThat(
            row(
                "select sum(met) as met, sum(clocks) as clocks from sla_compliance_monthly where"
                    + " quarter = '2026Q3' and responsible_department = 'engineering'"))
        .containsEntry("met", 1L)
        .containsEntry("clocks", 2L);
    assertThat(
            row(
                "select month, clocks, met from sla_compliance_monthly where handler_staff_id ="
                    + " 'S003'"))
        .containsEntry("month", "2026-08")
        .containsEntry("clocks", 1L)
        .containsEntry("met", 0L);
  }

  @Test
  void callbacksWithinOneWorkingDayCountOnlyCallbacksThatWereDue() {
    // callback_1wd Q3: O4 MISSED counts, O5 NOT_DUE does not: 0 of 1. Accept clocks are another
    // rule.
    assertThat(
            row(
                "select * from callbacks_within_1wd_quarterly where quarter = '2026Q3' and scope ="
                    + " 'company'"))
        .containsEntry("callbacks_due", 1L)
        .containsEntry("within_1wd", 0L)
        .containsEntry("callbacks_within_1wd_rate", 0.0);
  }

  @Test
  void kpiScorecardReadsEachKpiAgainstItsTarget() {
    // Targets from the shipped kpi_targets.csv: index 90 (higher), top-2-box 0.85 (higher),
    // 24 h acceptance 0.95 (higher), complaints per 1,000 households 80 (lower), after-sales
    // satisfaction
    // 0.82 (higher; every survey here is a repair callback, so it is the top-2-box rate, 0.6).
    List<Map<String, Object>> rows =
        warehouse.query(
            "select kpi_id, value, target, meets_target from kpi_quarterly where quarter = '2026Q3'"
                + " order by kpi_id");
    assertThat(rows)
        .extracting(
            r ->
                r.get("kpi_id")
                    + " "
                    + r.get("value")
                    + " "
                    + r.get("target")
                    + " "
                    + r.get("meets_target"))
        .containsExactly(
            "accepted_within_24h 0.5 0.95 false",
            "after_sales_satisfaction 0.6 0.82 false",
            "complaints_per_1000_households 2.667 80.0 true",
            "satisfaction_index 70.0 90.0 false",
            "sla_compliance 0.5 0.9 false",
            "top2box_rate 0.6 0.85 false");
  }

  private static Map<String, Object> row(String sql) {
    return QueryRows.single(warehouse, sql);
  }

  private static double number(String sql) {
    return ((Number) row(sql).values().iterator().next()).doubleValue();
  }

  private static String survey(String id, String at, String project, int overall) {
    return "('"
        + id
        + "', 1, timestamp '"
        + at
        + "', 'REPAIR_CALLBACK', 'PHONE', '"
        + project
        + "', null, null, null, null, 'S001', null, null, null, null, null, null, "
        + overall
        + ", null, null, null, null, 0, 0, date '"
        + at.substring(0, 10)
        + "')";
  }

  private static String outcome(
      String id,
      String complaint,
      String rule,
      String project,
      String department,
      String handler,
      String startedAt,
      String outcome) {
    return "('"
        + id
        + "', '"
        + complaint
        + "', 1, '"
        + rule
        + "', '"
        + project
        + "', 'product', '"
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

  private static String complaintEvent(
      String id, String complaint, String type, String at, String project, String category) {
    String cat = category == null ? "null" : "'" + category + "'";
    return "('"
        + id
        + "', 1, timestamp '"
        + at
        + "', '"
        + complaint
        + "', '"
        + type
        + "', null, '"
        + project
        + "', null, null, null, null, null, null, null, null, 'S001', "
        + cat
        + ", null, null, null, null, 'NORMAL', null, null, null, null, null, null, null, null, 0,"
        + " 0, date '"
        + at.substring(0, 10)
        + "')";
  }
}
