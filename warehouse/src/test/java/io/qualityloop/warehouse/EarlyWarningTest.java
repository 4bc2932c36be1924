package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early warning of complaints that may become major (issue 21 item 4, 002 §3.7.4): the six signals
 * with the moment each became known, the flag now and at the cut-off, and its precision and recall,
 * on a lake worked out by hand. Settings as shipped (at least 2 signals or the strong
 * escalation_words; repeat window 90 days; cut-off 3 days after receipt for a complaint never
 * major; several households within 7 days) except several households at 3 (shipped 5), to keep the
 * lake small.
 */
class EarlyWarningTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Project P01, 2026-03 (received; household; issue; what else happened):
  //   K1 03-01 10:00 hh_1 waterproofing, intent VENTING; text "…要找媒体曝光" (媒体, 曝光), tone not
  // negative;
  //      ESCALATED (severity MAJOR) 03-01 14:00: major, cut-off 03-01 14:00.
  //   K2 03-02 10:00 hh_2 waterproofing; accept_24h BREACH 03-03 10:00; CLOSED 03-06 10:00, never
  // major:
  //      cut-off 03-05 10:00.
  //   K3 03-03 09:00 hh_3 waterproofing; text "家里漏水" not negative; ESCALATED 03-04 09:00: major,
  // cut-off then.
  //   K4 03-20 10:00 hh_1 environment/noise (no component): hh_1 complained 19 days before: repeat;
  //      text "律师函已经准备好" (律师, 律师函) step of 03-25 10:00, after its cut-off 03-23 10:00; CLOSED 03-26
  // 10:00.
  //   K5 03-30 10:00 hh_4 waterproofing, intent VENTING, text negative: the latest step in the
  // lake, so its
  //      cut-off (04-02 10:00) is not past, and it is still open: not judged.
  //   K6 03-10 10:00 hh_6 plumbing, nothing else: cut-off 03-13 10:00 is past, but it is still open
  // and may yet
  //      become major: not judged.
  //   K7 03-12 10:00 hh_7 electrical, intent VENTING; initial_investigation_72h BREACH 03-16 10:00;
  // ESCALATED
  //      03-17 10:00: major, but judged like every complaint 3 days after receipt, 03-15 10:00
  // (before it became
  //      major): venting only, the breach came after.
  // Several households (waterproofing in P01 within 7 days, 3 households): K1, K2 and K3 (hh_1,
  // hh_2, hh_3),
  //   complete when K3 arrived 03-03 09:00: K1 knows it only then (after its cut-off), K2 before
  // its cut-off,
  //   K3 at its own receipt. K5 has nobody within 7 days; K4's issue (environment/noise) has no
  // other household.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "complaint_events",
            String.join(
                ",",
                received("K1", "hh_1", "2026-03-01 10:00:00", "waterproofing", "VENTING"),
                step("K1", "ESCALATED", "2026-03-01 14:00:00", "MAJOR"),
                received("K2", "hh_2", "2026-03-02 10:00:00", "waterproofing", "PROBLEM_SOLVING"),
                received("K3", "hh_3", "2026-03-03 09:00:00", "waterproofing", null),
                step("K3", "ESCALATED", "2026-03-04 09:00:00", null),
                received("K4", "hh_1", "2026-03-20 10:00:00", null, null),
                received("K5", "hh_4", "2026-03-30 10:00:00", "waterproofing", "VENTING"),
                step("K2", "CLOSED", "2026-03-06 10:00:00", null),
                step("K4", "CLOSED", "2026-03-26 10:00:00", null),
                received("K6", "hh_6", "2026-03-10 10:00:00", "plumbing", null),
                received("K7", "hh_7", "2026-03-12 10:00:00", "electrical", "VENTING"),
                step("K7", "ESCALATED", "2026-03-17 10:00:00", "MAJOR")))
        .table(
            "complaint_text",
            String.join(
                ",",
                text("K1", "2026-03-01 10:00:00", "业主情绪激动，说要找媒体曝光", false),
                text("K3", "2026-03-03 09:00:00", "家里漏水，请尽快处理", false),
                text("K4", "2026-03-25 10:00:00", "楼下噪音，律师函已经准备好", false),
                text("K5", "2026-03-30 10:00:00", "太差了，非常失望", true)))
        .table(
            "sla_events",
            String.join(
                ",",
                LakeFixture.row(
                    "sla_events",
                    Map.of(
                        "alert_id",
                        "'B1'",
                        "alert_type",
                        "'BREACH'",
                        "alert_at",
                        "timestamp '2026-03-03 10:00:00'",
                        "complaint_id",
                        "'K2'",
                        "cycle",
                        "1",
                        "project_id",
                        "'P01'",
                        "rule_id",
                        "'accept_24h'",
                        "dt",
                        "date '2026-03-03'")),
                LakeFixture.row(
                    "sla_events",
                    Map.of(
                        "alert_id",
                        "'B2'",
                        "alert_type",
                        "'BREACH'",
                        "alert_at",
                        "timestamp '2026-03-16 10:00:00'",
                        "complaint_id",
                        "'K7'",
                        "cycle",
                        "1",
                        "project_id",
                        "'P01'",
                        "rule_id",
                        "'initial_investigation_72h'",
                        "dt",
                        "date '2026-03-16'"))));
    Path settings = lake.resolve("reference").resolve("metric_settings.csv");
    Files.writeString(
        settings,
        Files.readString(settings)
            .replace("early_warning_cluster_households,5,", "early_warning_cluster_households,3,"));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void eachSignalIsKnownFromItsMomentAndTheFlagReadsThemNow() {
    // Now: K1 venting + words + several households = 3; K2 broken deadline + several households =
    // 2; K3 several
    // households = 1 (not flagged); K4 repeat + words = 2; K5 venting + negative tone = 2.
    assertThat(
            lines(
                "select complaint_id, signals_now, is_flagged_now, array_to_string(risk_reasons,"
                    + " ','), array_to_string(escalation_words_found, ',') from fct_complaint_risk"
                    + " order by complaint_id"))
        .containsExactly(
            "K1 3 true venting,escalation_words,several_households 媒体,曝光",
            "K2 2 true deadline_broken,several_households ",
            "K3 1 false several_households ",
            "K4 2 true repeat,escalation_words 律师,律师函", // 律师函 contains 律师: both listed
            "K5 2 true venting,negative_tone ",
            "K6 0 false  ",
            "K7 2 true venting,deadline_broken ");
    assertThat(
            lines(
                "select complaint_id, several_households_at from fct_complaint_risk where"
                    + " several_households_at is not null order by complaint_id"))
        .containsExactly(
            "K1 2026-03-03 09:00:00.0", "K2 2026-03-03 09:00:00.0", "K3 2026-03-03 09:00:00.0");
    // The settings in force, on every row (a missing row fails the build: not_null).
    assertThat(
            lines(
                "select distinct min_signals, array_to_string(strong_signals, ','), cluster_days,"
                    + " cluster_households, observe_days from fct_complaint_risk"))
        .containsExactly("2 escalation_words 7 3 3");
  }

  @Test
  void atTheCutOffOnlyWhatWasKnownBeforeItCounts() {
    // K1 at 03-01 14:00: venting + words (several households only on 03-03): 2, flagged; without
    // words 1, not.
    // K2 at 03-05 10:00: breach + several households: 2. K3 at 03-04 09:00: several households: 1.
    // K4 at 03-23 10:00: repeat (the words came 03-25): 1. K5 at 04-02 10:00: venting + tone: 2.
    // K6 at 03-13 10:00: none, open (not settled). K7 at 03-15 10:00, 3 days after receipt and
    // before it became major
    // on 03-17: venting (the breach of 03-16 came later): 1.
    assertThat(
            lines(
                "select complaint_id, is_major, cutoff_at, is_settled, signals_at_cutoff,"
                    + " is_flagged_at_cutoff, is_flagged_at_cutoff_without_words,"
                    + " array_to_string(reasons_at_cutoff, ',') from fct_complaint_risk order by"
                    + " complaint_id"))
        .containsExactly(
            "K1 true 2026-03-01 14:00:00.0 true 2 true false venting,escalation_words",
            "K2 false 2026-03-05 10:00:00.0 true 2 true true deadline_broken,several_households",
            "K3 true 2026-03-04 09:00:00.0 true 1 false false several_households",
            "K4 false 2026-03-23 10:00:00.0 true 1 false false repeat",
            "K5 false 2026-04-02 10:00:00.0 false 2 true true venting,negative_tone",
            "K6 false 2026-03-13 10:00:00.0 false 0 false false ",
            "K7 true 2026-03-15 10:00:00.0 true 1 false false venting");
  }

  @Test
  void precisionAndRecallAgainstTheComplaintsThatBecameMajor() {
    // Judged: K1-K4 and K7 (K5's cut-off is after the latest step, 03-30 10:00; K5 and K6 are still
    // open).
    // Major: K1, K3, K7 (3 of 5 = 0.6). All signals: flagged K1, K2; K1 major: precision 1 / 2 =
    // 0.5, recall 1 / 3.
    // Without escalation words: flagged K2 only, not major: precision 0 / 1 = 0.0, recall 0 / 3 =
    // 0.0.
    assertThat(
            lines(
                "select variant, complaints_judged, major, flagged, true_positives, \"precision\","
                    + " recall, major_share from early_warning_quality order by variant"))
        .containsExactly(
            "all_signals 5 3 2 1 0.5 0.3333 0.6", "without_escalation_words 5 3 1 0 0.0 0.0 0.6");
  }

  private static List<String> lines(String sql) {
    return warehouse.query(sql).stream()
        .map(r -> String.join(" ", r.values().stream().map(String::valueOf).toList()))
        .toList();
  }

  private static String received(
      String complaint, String household, String at, String component, String intent) {
    return LakeFixture.row(
        "complaint_events",
        Map.ofEntries(
            Map.entry("event_id", "'" + complaint + "-R'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("event_type", "'RECEIVED'"),
            Map.entry("channel", "'PHONE'"),
            Map.entry("project_id", "'P01'"),
            Map.entry("household_id", "'" + household + "'"),
            Map.entry("category", component == null ? "'environment'" : "'product'"),
            Map.entry("sub_category", component == null ? "'noise'" : "'house_quality'"),
            Map.entry("building_component", component == null ? "null" : "'" + component + "'"),
            Map.entry("intent", intent == null ? "null" : "'" + intent + "'"),
            Map.entry("dt", "date '" + at.substring(0, 10) + "'")));
  }

  private static String step(String complaint, String type, String at, String severity) {
    return LakeFixture.row(
        "complaint_events",
        Map.ofEntries(
            Map.entry("event_id", "'" + complaint + "-" + type + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("event_type", "'" + type + "'"),
            Map.entry("project_id", "'P01'"),
            Map.entry("severity", severity == null ? "null" : "'" + severity + "'"),
            Map.entry("dt", "date '" + at.substring(0, 10) + "'")));
  }

  private static String text(String complaint, String at, String description, boolean negative) {
    return LakeFixture.row(
        "complaint_text",
        Map.of(
            "complaint_id",
            "'" + complaint + "'",
            "event_id",
            "'" + complaint + "-T'",
            "project_id",
            "'P01'",
            "occurred_at",
            "timestamp '" + at + "'",
            "week_start",
            "'2026-03-02'",
            "description",
            "'" + description + "'",
            "terms",
            "[]",
            "negative_tone",
            String.valueOf(negative),
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }
}
