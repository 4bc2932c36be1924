package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA board shows the early warning of complaints that may become major (issue 21 item 4): the
 * flag and its reasons from fct_complaint_risk beside each open complaint's deadlines.
 */
class SlaBoardEarlyWarningTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;
  private static final ReportTemplates TEMPLATES = ReportTemplates.shipped();

  // Open (latest snapshot OPEN): KA (P01) with a warning, received with venting intent and a text
  // naming
  // 媒体: two signals, flagged; KB (P02) with a broken deadline and no signal (its breach alert is
  // not in
  // sla_events: the board reads the snapshot). KC (P01) is open with neither warning nor breach:
  // not on the board. KD (P02) has neither either, but its next deadline (12-01 10:00) is before
  // now (NOW, 12-04 12:00): the lifecycle's event time did not reach it (no later import), the
  // clock did. KE's next deadline is after now.
  @BeforeAll
  static void build() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table(
            "complaint_events",
            String.join(
                ",",
                received("KA", "P01", "hh_a", "VENTING"),
                received("KB", "P02", "hh_b", null),
                received("KC", "P01", "hh_c", null),
                received("KD", "P02", "hh_d", null),
                received("KE", "P02", "hh_e", null)))
        .table(
            "complaint_text",
            LakeFixture.row(
                "complaint_text",
                Map.of(
                    "complaint_id",
                    "'KA'",
                    "event_id",
                    "'KA-T'",
                    "project_id",
                    "'P01'",
                    "occurred_at",
                    "timestamp '2026-11-30 10:00:00'",
                    "week_start",
                    "'2026-11-30'",
                    "description",
                    "'再不修好就找媒体'",
                    "terms",
                    "[]",
                    "negative_tone",
                    "false",
                    "dt",
                    "date '2026-11-30'")))
        .table(
            "complaint_snapshots",
            String.join(
                ",",
                snapshot("KA", "P01", "['accept_24h']", "[]", null),
                snapshot("KB", "P02", "[]", "['accept_24h']", null),
                snapshot("KC", "P01", "[]", "[]", null),
                snapshot("KD", "P02", "[]", "[]", "2026-12-01 10:00:00"),
                snapshot("KE", "P02", "[]", "[]", "2026-12-04 12:00:01")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  private static final String NOW = "2026-12-04T12:00:00";

  @Test
  void theBoardShowsTheFlagAndItsReasons() {
    List<Map<String, Object>> rows =
        warehouse.query(TEMPLATES.read("web/queries/sla_board.sql"), null, NOW);
    assertThat(
            rows.stream()
                .map(
                    r ->
                        r.get("complaint_id")
                            + " "
                            + r.get("early_warning")
                            + " ["
                            + r.get("risk_reasons")
                            + "] ["
                            + r.get("escalation_words")
                            + "]")
                .toList())
        .containsExactly(
            "KD false [] []", "KB false [] []", "KA true [venting, escalation_words] [媒体]");
    assertThat(warehouse.query(TEMPLATES.read("web/queries/sla_board.sql"), "P01", NOW))
        .extracting(r -> r.get("complaint_id"))
        .containsExactly("KA");
  }

  @Test
  void anOpenComplaintPastItsNextDeadlineByTheClockIsOnTheBoardAndCountedAsPastADeadline() {
    assertThat(warehouse.query(TEMPLATES.read("web/queries/sla_board.sql"), "P02", NOW))
        .extracting(r -> r.get("complaint_id") + " " + r.get("past_deadline_now"))
        .as("past a deadline first, the earliest deadline first")
        .containsExactly("KD true", "KB false");
    // Home: KB (breach raised) and KD (past by the clock) past a deadline; KA warned.
    Map<String, Object> alerts =
        warehouse
            .query(TEMPLATES.read("web/queries/home_alerts.sql"), "2026-12-04", null, NOW)
            .get(0);
    assertThat(alerts.get("open_breached")).isEqualTo(2L);
    assertThat(alerts.get("open_warned")).isEqualTo(1L);
  }

  @Test
  void everyReasonHasALabelInBothLanguages() {
    for (ReportLanguage language : ReportLanguage.values()) {
      Map<String, String> labels = TEMPLATES.labels("web", language);
      for (String code :
          List.of(
              "flag",
              "venting",
              "repeat",
              "negative_tone",
              "deadline_broken",
              "escalation_words",
              "several_households")) {
        assertThat(labels).as(language + " risk." + code).containsKey("risk." + code);
      }
    }
  }

  private static String received(
      String complaint, String project, String household, String intent) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'" + complaint + "-R'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '2026-11-30 10:00:00'",
            "complaint_id",
            "'" + complaint + "'",
            "event_type",
            "'RECEIVED'",
            "project_id",
            "'" + project + "'",
            "household_id",
            "'" + household + "'",
            "intent",
            intent == null ? "null" : "'" + intent + "'",
            "dt",
            "date '2026-11-30'"));
  }

  private static String snapshot(
      String complaint, String project, String warnings, String breaches, String nextDeadline) {
    return LakeFixture.row(
        "complaint_snapshots",
        Map.ofEntries(
            Map.entry("snapshot_id", "'" + complaint + "-S'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("snapshot_at", "timestamp '2026-11-30 12:00:00'"),
            Map.entry("status", "'OPEN'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("received_at", "timestamp '2026-11-30 10:00:00'"),
            Map.entry("warning_rules", "cast(" + warnings + " as varchar[])"),
            Map.entry("breached_rules", "cast(" + breaches + " as varchar[])"),
            Map.entry(
                "next_deadline",
                nextDeadline == null ? "null" : "timestamp '" + nextDeadline + "'"),
            Map.entry("dt", "date '2026-11-30'")));
  }
}
