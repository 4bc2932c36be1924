package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups (issue 19 item 5): opened from breaches, escalations, emerging issues and unhappy
 * callbacks, owned by the first route that takes the alert, due 3 working days later on the shipped
 * calendar, changed by the drill-down's events; the three metrics; and the state at an --as-of
 * moment. Everything worked out by hand with the shipped settings and notification_routes.csv.
 */
class FollowUpsTest {
  @TempDir static Path lake;
  private static Warehouse now;
  private static Warehouse asOf;

  // Opened (3 working days; shipped routes):
  //   FU-A1 BREACH P01 MAJOR Mon 2026-07-06 10:00: route major_to_gm_email first ->
  // general-manager@example.com;
  //         due Thu 07-09. Assigned wang 07-06, closed RESOLVED 07-09 17:00: on time.
  //   FU-A2 BREACH P01 NORMAL Fri 07-10 16:00: breach_to_department -> 责任部门负责人; due Wed 07-15 (Mon
  // 1, Tue 2,
  //         Wed 3). Closed EXPLAINED 07-16: late.
  //   A3 WARNING, A5 MET: no follow-up.
  //   FU-A4 ESCALATION P02 NORMAL Wed 09-30 09:00: only everything_else_daily (unrouted_only) ->
  // quality-manager@example.com;
  //         due Sat 10-10 (10-01..07 holidays; Thu 10-08 1, Fri 10-09 2, the make-up Saturday 10-10
  // 3). Nothing done: open.
  //   FU-T1 emerging issue P02 Sun 07-12 23:59: emerging_to_quality -> 品质管理部; due Wed 07-15 (Sunday
  // counts from
  //         Friday's number). Closed REFERRED 07-15: on time.
  //   FU-S1 callback P01 overall 1 (seriously dissatisfied) Tue 07-07: 客户服务部经理; due Fri 07-10.
  // Assigned li, then zhao;
  //         called back 07-09; closed RESOLVED 07-10 18:00: on time.
  //   FU-S2 callback P01 overall 2 Wed 07-08: due Mon 07-13. Commented only: open.
  //   FU-S3 callback P01 overall 4 with item attitude 07-08: due 07-13. Closed NO_ACTION 07-14:
  // late.
  //   S4 overall 5, S5 overall 3 with an empty item list, S7 not answered: no follow-up.
  //   FU-S6 callback P02 overall 1 Tue 08-04: due Fri 08-07. Assigned zhao: assigned, never called
  // back.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    LakeFixture fixture =
        new LakeFixture(lake)
            .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
            .table(
                "sla_events",
                String.join(
                    ",",
                    alert("A1", "BREACH", "P01", "MAJOR", "2026-07-06 10:00:00"),
                    alert("A2", "BREACH", "P01", "NORMAL", "2026-07-10 16:00:00"),
                    alert("A3", "WARNING", "P01", "MAJOR", "2026-07-06 08:00:00"),
                    alert("A4", "ESCALATION", "P02", "NORMAL", "2026-09-30 09:00:00"),
                    alert("A5", "MET", "P02", "NORMAL", "2026-07-06 08:00:00")))
            .table(
                "text_alerts",
                LakeFixture.row(
                    "text_alerts",
                    Map.ofEntries(
                        Map.entry("alert_id", "'T1'"),
                        Map.entry("alert_type", "'EMERGING_ISSUE'"),
                        Map.entry("alert_at", "timestamp '2026-07-12 23:59:59'"),
                        Map.entry("project_id", "'P02'"),
                        Map.entry("week_start", "'2026-07-06'"),
                        Map.entry("term", "'漏水'"),
                        Map.entry("observed", "6"),
                        Map.entry("expected", "0.5"),
                        Map.entry("p_value", "0.00001"),
                        Map.entry("lift_percent", "1100"),
                        Map.entry("baseline_weeks", "8"),
                        Map.entry("dt", "date '2026-07-12'"))))
            .table(
                "complaint_text",
                String.join(
                    ",",
                    IntStream.rangeClosed(1, 8)
                        .mapToObj(
                            i ->
                                LakeFixture.row(
                                    "complaint_text",
                                    Map.of(
                                        "complaint_id",
                                        "'CT" + i + "'",
                                        "event_id",
                                        "'CT" + i + "-R'",
                                        "project_id",
                                        "'P02'",
                                        "occurred_at",
                                        "timestamp '2026-07-08 09:00:00'",
                                        "week_start",
                                        "'2026-07-06'",
                                        "terms",
                                        "['漏水']",
                                        "dt",
                                        "date '2026-07-08'")))
                        .toList()))
            .table(
                "callback_surveys",
                String.join(
                    ",",
                    survey("S1", "P01", "2026-07-07", 1, null, null),
                    survey("S2", "P01", "2026-07-08", 2, null, null),
                    survey("S3", "P01", "2026-07-08", 4, "['attitude']", null),
                    survey("S4", "P01", "2026-07-08", 5, null, null),
                    survey("S5", "P02", "2026-08-03", 3, "[]", null),
                    survey("S6", "P02", "2026-08-04", 1, null, null),
                    survey("S7", "P01", "2026-07-08", null, null, "'NO_ANSWER'")));
    fixture
        .landedAt("2026-07-09 17:00:05")
        .table(
            "followup_events",
            String.join(
                ",",
                event("E1", "FU-A1", "P01", "2026-07-06 11:00:00", "ASSIGNED", "wang", null),
                event("E2", "FU-A1", "P01", "2026-07-09 17:00:00", "CLOSED", null, "RESOLVED"),
                event("E3", "FU-S1", "P01", "2026-07-07 12:00:00", "ASSIGNED", "li", null),
                event("E4", "FU-S1", "P01", "2026-07-08 09:00:00", "ASSIGNED", "zhao", null),
                event("E5", "FU-S1", "P01", "2026-07-09 10:00:00", "CALLED_BACK", null, null),
                event("E6", "FU-S2", "P01", "2026-07-09 11:00:00", "COMMENTED", null, null)));
    fixture
        .landedAt("2026-07-10 18:00:05")
        .table(
            "followup_events",
            String.join(
                ",",
                event("E7", "FU-S1", "P01", "2026-07-10 18:00:00", "CLOSED", null, "RESOLVED"),
                event("E8", "FU-S1", "P01", "2026-07-10 17:00:00", "COMMENTED", null, null)));
    fixture
        .landedAt("2026-08-05 09:00:00")
        .table(
            "followup_events",
            String.join(
                ",",
                event("E9", "FU-A2", "P01", "2026-07-16 09:00:00", "CLOSED", null, "EXPLAINED"),
                event("E10", "FU-T1", "P02", "2026-07-15 09:00:00", "CLOSED", null, "REFERRED"),
                event("E11", "FU-S3", "P01", "2026-07-14 09:00:00", "CLOSED", null, "NO_ACTION"),
                event("E12", "FU-S6", "P02", "2026-08-04 15:00:00", "ASSIGNED", "zhao", null)));
    now = Warehouse.build(lake, null, ModelCatalog.shipped());
    asOf = Warehouse.build(lake, null, ModelCatalog.shipped(), AsOf.parse("2026-07-09"));
  }

  @AfterAll
  static void close() {
    now.close();
    asOf.close();
  }

  @Test
  void breachesEscalationsEmergingIssuesAndUnhappyCallbacksOpenFollowUpsWithOwnerAndDueDate() {
    assertThat(
            lines(
                now,
                "select followup_id, kind, route_owner, owner, due_on, status, outcome,"
                    + " closed_on_time from fct_followups order by followup_id"))
        .containsExactly(
            "FU-A1 breach general-manager@example.com wang 2026-07-09 closed RESOLVED true",
            "FU-A2 breach 责任部门负责人 责任部门负责人 2026-07-15 closed EXPLAINED false",
            "FU-A4 escalation quality-manager@example.com quality-manager@example.com 2026-10-10"
                + " open null null",
            "FU-S1 callback 客户服务部经理 zhao 2026-07-10 closed RESOLVED true",
            "FU-S2 callback 客户服务部经理 客户服务部经理 2026-07-13 open null null",
            "FU-S3 callback 客户服务部经理 客户服务部经理 2026-07-13 closed NO_ACTION false",
            "FU-S6 callback 客户服务部经理 zhao 2026-08-07 assigned null null",
            "FU-T1 emerging_issue 品质管理部 品质管理部 2026-07-15 closed REFERRED true");
    assertThat(
            lines(
                now,
                "select followup_id, comments, called_back_at, is_seriously_dissatisfied from"
                    + " fct_followups where kind = 'callback' order by followup_id"))
        .containsExactly(
            "FU-S1 1 2026-07-09 10:00:00.0 true",
            "FU-S2 1 null false",
            "FU-S3 0 null false",
            "FU-S6 0 null true");
  }

  @Test
  void followUpRateOfCallbackFeedback() {
    // 2026Q3 P01: S1, S2, S3 -> closed S1 (on time), S3 (late): 2 / 3; P02: S6 open: 0 / 1; company
    // 2 / 4.
    assertThat(
            lines(
                now,
                "select scope, project_id, feedback, followed_up, followed_up_on_time,"
                    + " followup_rate, target, meets_target from followup_rate_callback_quarterly"
                    + " where quarter = '2026Q3' order by scope, project_id"))
        .containsExactly(
            "company null 4 2 1 0.5 1.0 false",
            "project P01 3 2 1 0.6667 1.0 false",
            "project P02 1 0 0 0.0 1.0 false");
  }

  @Test
  void followUpsClosedOnTimeByQuarterOfTheDueDate() {
    // Due in 2026Q3: A1 (on time), A2 (late), T1 (on time), S1 (on time), S2 (open), S3 (late), S6
    // (open): 3 / 7.
    // Due in 2026Q4: A4 (open, due 10-10): 0 / 1.
    assertThat(
            lines(
                now,
                "select quarter, due, closed, closed_on_time, still_open, on_time_rate from"
                    + " followups_on_time_quarterly where kind = 'all' and scope = 'company' order"
                    + " by quarter"))
        .containsExactly("2026Q3 7 5 3 2 0.4286", "2026Q4 1 0 0 1 0.0");
    assertThat(
            lines(
                now,
                "select kind, due, closed_on_time, on_time_rate from followups_on_time_quarterly"
                    + " where quarter = '2026Q3' and scope = 'company' and kind <> 'all' order by"
                    + " kind"))
        .containsExactly("breach 2 1 0.5", "callback 4 1 0.25", "emerging_issue 1 1 1.0");
    assertThat(
            lines(
                now,
                "select project_id, due, closed_on_time from followups_on_time_quarterly where"
                    + " quarter = '2026Q3' and scope = 'project' and kind = 'all' order by"
                    + " project_id"))
        .containsExactly("P01 5 2", "P02 2 1");
  }

  @Test
  void seriouslyDissatisfiedCustomersCalledBack() {
    // Overall 1: S1 (P01, called back 07-09, due 07-10) and S6 (P02, not called back).
    assertThat(
            lines(
                now,
                "select scope, project_id, seriously_dissatisfied, called_back,"
                    + " called_back_on_time, called_back_rate from"
                    + " seriously_dissatisfied_callbacks_quarterly where quarter = '2026Q3' order"
                    + " by scope, project_id"))
        .containsExactly(
            "company null 2 1 1 0.5", "project P01 1 1 1 1.0", "project P02 1 0 0 0.0");
  }

  @Test
  void asOfAMomentTheStateIsWhatTheEventsLandedByThenSay() {
    // By the end of 2026-07-09: A1 closed (landed 17:00:05); S1 assigned to zhao and called back,
    // its closing
    // landed on 07-10; A2, T1, S3 not closed, S6 not assigned (the alerts and surveys themselves
    // landed long before).
    assertThat(
            lines(
                asOf,
                "select followup_id, owner, status, called_back_at is not null from fct_followups"
                    + " order by followup_id"))
        .containsExactly(
            "FU-A1 wang closed false",
            "FU-A2 责任部门负责人 open false",
            "FU-A4 quality-manager@example.com open false",
            "FU-S1 zhao assigned true",
            "FU-S2 客户服务部经理 open false",
            "FU-S3 客户服务部经理 open false",
            "FU-S6 客户服务部经理 open false",
            "FU-T1 品质管理部 open false");
  }

  private static String alert(String id, String type, String project, String severity, String at) {
    return LakeFixture.row(
        "sla_events",
        Map.ofEntries(
            Map.entry("alert_id", "'" + id + "'"),
            Map.entry("alert_type", "'" + type + "'"),
            Map.entry("alert_at", "timestamp '" + at + "'"),
            Map.entry("complaint_id", "'C-" + id + "'"),
            Map.entry("cycle", "1"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("rule_id", type.equals("ESCALATION") ? "null" : "'accept_24h'"),
            Map.entry("responsible_department", "'engineering'"),
            Map.entry("severity", "'" + severity + "'"),
            Map.entry("dt", "date '" + at.substring(0, 10) + "'")));
  }

  private static String survey(
      String id, String project, String day, Integer overall, String items, String response) {
    return LakeFixture.row(
        "callback_surveys",
        Map.ofEntries(
            Map.entry("event_id", "'" + id + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + day + " 10:00:00'"),
            Map.entry("survey_type", "'COMPLAINT_CALLBACK'"),
            Map.entry("channel", "'PHONE'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("score_overall", overall == null ? "null" : overall.toString()),
            Map.entry("dissatisfied_items", items == null ? "null" : items),
            Map.entry("response", response == null ? "null" : response),
            Map.entry("dt", "date '" + day + "'")));
  }

  private static String event(
      String id,
      String followup,
      String project,
      String at,
      String action,
      String assignee,
      String outcome) {
    return LakeFixture.row(
        "followup_events",
        Map.ofEntries(
            Map.entry("event_id", "'" + id + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("followup_id", "'" + followup + "'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("action", "'" + action + "'"),
            Map.entry("actor", "'qm'"),
            Map.entry("assignee", assignee == null ? "null" : "'" + assignee + "'"),
            Map.entry("outcome", outcome == null ? "null" : "'" + outcome + "'"),
            Map.entry("dt", "date '" + at.substring(0, 10) + "'")));
  }

  private static List<String> lines(Warehouse w, String sql) {
    return w.query(sql).stream()
        .map(r -> String.join(" ", r.values().stream().map(FollowUpsTest::text).toList()))
        .toList();
  }

  private static String text(Object v) {
    return v instanceof Number n && !(v instanceof Long || v instanceof Integer)
        ? String.valueOf(n.doubleValue())
        : String.valueOf(v);
  }
}
