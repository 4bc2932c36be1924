package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The year's KPIs (kpi_annual) keep the quarterly definitions over every case of the year, and
 * their change (kpi_change_annual) is judged against the same quarters of the year before.
 * min_responses is 3 here so that the arithmetic stays small.
 */
class KpiAnnualTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // P01 has 100 occupied households, P02 200.
  // Closed complaint cycles (P01) and how many were called back:
  //   2025Q1 10 of 20, 2025Q2 12 of 20, 2025Q3 25 of 50; 2026Q1 27 of 30, 2026Q2 18 of 20 (2026
  // runs to Q2).
  // Complaints received: 2025Q1 P01 2; 2026Q1 P01 3 (P02 none); 2026Q2 P01 1, P02 4.
  // Survey answers (points 1->0 ... 5->100): P01 2025Q2 2, 2, 2; 2025Q3 5; 2026Q1 5, 5; 2026Q2 1,
  // 3, 3, 3.
  //                                         P02 2025Q1 4, 4, 4; 2026Q1 4, 4.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> facts = new ArrayList<>();
    facts.addAll(LakeFixture.closedCycles("2025-02-10", 20, 10));
    facts.addAll(LakeFixture.closedCycles("2025-05-10", 20, 12));
    facts.addAll(LakeFixture.closedCycles("2025-08-10", 50, 25));
    facts.addAll(LakeFixture.closedCycles("2026-02-10", 30, 27));
    facts.addAll(LakeFixture.closedCycles("2026-05-10", 20, 18));
    List<String> events = new ArrayList<>();
    received(events, "P01", "2025-03-01", 2);
    received(events, "P01", "2026-01-15", 3);
    received(events, "P01", "2026-04-15", 1);
    received(events, "P02", "2026-04-16", 4);
    List<String> surveys = new ArrayList<>();
    answers(surveys, "P02", "2025-02-20", 4, 4, 4);
    answers(surveys, "P02", "2026-02-21", 4, 4);
    answers(surveys, "2025-05-20", 2, 2, 2);
    answers(surveys, "2025-08-20", 5);
    answers(surveys, "2026-02-20", 5, 5);
    answers(surveys, "2026-05-20", 1, 3, 3, 3);
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 200)))
        .table("complaint_facts", String.join(",", facts))
        .table("complaint_events", String.join(",", events))
        .table("callback_surveys", String.join(",", surveys));
    // The shipped settings with a minimum sample of 3 answers (30 as shipped).
    Path settings = lake.resolve("reference/metric_settings.csv");
    Files.writeString(
        settings,
        Files.readString(settings, StandardCharsets.UTF_8)
            .replaceFirst("(?m)^min_responses,30,", "min_responses,3,"),
        StandardCharsets.UTF_8);
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theYearAddsUpTheCasesOfItsQuarters() {
    // 2026: (27 + 18) / (30 + 20) = 0.9 over 2 quarters; 2025: (10 + 12 + 25) / 90 = 0.5222 over 3.
    assertThat(annual("2026", null, "callback_coverage")).isEqualTo("0.9 2 2026Q1..2026Q2 true");
    assertThat(annual("2025", null, "callback_coverage"))
        .isEqualTo("0.5222 3 2025Q1..2025Q3 false");
  }

  @Test
  void theYearsSatisfactionIsTheMeanOfAllItsAnswersNotOfItsQuarters() {
    // P01 2026 points 100, 100, 0, 50, 50, 50: 350 / 6 = 58.3 (the mean of the quarterly means
    // would be
    // (100 + 37.5) / 2 = 68.75). Top-2-box: 2 of 6 = 0.3333. Company: 500 / 8 = 62.5, top-2-box 4
    // of 8.
    assertThat(annual("2026", "P01", "satisfaction_index"))
        .isEqualTo("58.3 2 2026Q1..2026Q2 false");
    assertThat(annual("2026", "P01", "top2box_rate")).isEqualTo("0.3333 2 2026Q1..2026Q2 false");
    assertThat(annual("2026", null, "satisfaction_index")).isEqualTo("62.5 2 2026Q1..2026Q2 false");
    assertThat(annual("2026", null, "top2box_rate")).isEqualTo("0.5 2 2026Q1..2026Q2 false");
  }

  @Test
  void complaintsPerThousandAreTheAverageQuarterCountingQuartersWithoutComplaints() {
    // P02: 0 + 4 complaints over 2 quarters of 200 households: 1000 * 4 / 400 = 10.0 (not 20.0,
    // which
    // leaving out its empty quarter would give). P01: 1000 * 4 / 200 = 20.0. Company: 1000 * 8 /
    // 600 = 13.333.
    assertThat(annual("2026", "P02", "complaints_per_1000_households"))
        .isEqualTo("10.0 2 2026Q1..2026Q2 true");
    assertThat(annual("2026", "P01", "complaints_per_1000_households"))
        .isEqualTo("20.0 2 2026Q1..2026Q2 true");
    assertThat(annual("2026", null, "complaints_per_1000_households"))
        .isEqualTo("13.333 2 2026Q1..2026Q2 true");
  }

  @Test
  void aYearToDateIsComparedWithTheSameQuartersOfTheYearBefore() {
    // 2026 Q1-Q2: 45/50 = 0.9, Wilson [0.786395, 0.956525]; 2025 Q1-Q2 (Q3 left out): 22/40 = 0.55,
    // Wilson [0.398288, 0.692949]. d = 0.35; low = 0.35 - sqrt(0.113605^2 + 0.142949^2) = 0.35 -
    // 0.182594 = 0.1674;
    // high = 0.35 + sqrt(0.056525^2 + 0.151712^2) = 0.35 + 0.161900 = 0.5119: excludes 0.
    assertThat(change(null, "callback_coverage"))
        .isEqualTo("2025Q1..2025Q2 0.9 0.55 0.35 [0.1674, 0.5119] true ok");
  }

  @Test
  void theYearsSatisfactionChangeIsAWelchTestOnTheAnswers() {
    // 2026: 100, 100, 0, 50, 50, 50, 75, 75: n 8, mean 62.5, variance (38750 - 500^2 / 8) / 7 =
    // 1071.43.
    // 2025 Q1-Q2: 25, 25, 25, 75, 75, 75 (the Q3 answer is left out): n 6, mean 50.0, variance
    // (18750 - 300^2 / 6) / 5 = 750.
    // SE = sqrt(1071.43 / 8 + 750 / 6) = sqrt(133.93 + 125) = 16.091;
    // Welch df = 258.93^2 / (133.93^2 / 7 + 125^2 / 5) = 11.79 -> t(11) 2.201; 12.5 -+ 35.42 ->
    // [-22.9, 47.9].
    assertThat(change(null, "satisfaction_index"))
        .isEqualTo("2025Q1..2025Q2 62.5 50.0 12.5 [-22.9, 47.9] false ok");
  }

  @Test
  void theComplaintRateChangeIsAPoissonDifference() {
    // 2026: 8 / 600 household-quarters; 2025 Q1 (Q2 had no complaints, no company row): 2 / 300.
    // 13.333 - 6.667 = 6.667; margin 1.96 * 1000 * sqrt(8 / 600^2 + 2 / 300^2) = 1.96 * 1000 *
    // 0.0066667 = 13.067.
    assertThat(change(null, "complaints_per_1000_households"))
        .isEqualTo("2025Q1..2025Q1 13.333 6.667 6.667 [-6.4, 19.733] false ok");
  }

  @Test
  void tooFewAnswersSayInsufficientSample() {
    // P02 2026 has 2 answers (< 3): the values are shown, the change is not judged.
    assertThat(change("P02", "satisfaction_index"))
        .isEqualTo("2025Q1..2025Q1 75.0 75.0 null [null, null] null insufficient_sample");
  }

  @Test
  void aProjectWithoutComplaintsLastYearStillHasItsHouseholdsAsBase() {
    // P02: 2026 4 / 400 = 10.0; 2025 Q1 0 / 200 = 0.0. Margin 1.96 * 1000 * sqrt(4 / 400^2 + 0) =
    // 9.8 -> [0.2, 19.8].
    assertThat(change("P02", "complaints_per_1000_households"))
        .isEqualTo("2025Q1..2025Q1 10.0 0.0 10.0 [0.2, 19.8] true ok");
  }

  private static String annual(String year, String project, String kpi) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from kpi_annual where year = ? and kpi_id = ? and "
                + (project == null ? "scope = 'company'" : "project_id = '" + project + "'"),
            year,
            kpi);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return num(r.get("value"))
        + " "
        + r.get("quarters")
        + " "
        + r.get("from_quarter")
        + ".."
        + r.get("through_quarter")
        + " "
        + r.get("meets_target");
  }

  private static String change(String project, String kpi) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from kpi_change_annual where year = '2026' and measure = ? and "
                + (project == null ? "scope = 'company'" : "project_id = '" + project + "'"),
            kpi);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return r.get("base_from")
        + ".."
        + r.get("base_through")
        + " "
        + num(r.get("value"))
        + " "
        + num(r.get("base_value"))
        + " "
        + num(r.get("change"))
        + " ["
        + num(r.get("ci_low"))
        + ", "
        + num(r.get("ci_high"))
        + "] "
        + r.get("significant")
        + " "
        + r.get("sample_note");
  }

  private static String num(Object v) {
    return v == null ? "null" : String.valueOf(((Number) v).doubleValue());
  }

  private static void received(List<String> events, String project, String day, int n) {
    for (int i = 0; i < n; i++) {
      String id = "K-" + project + "-" + day + "-" + i;
      events.add(
          LakeFixture.row(
              "complaint_events",
              Map.of(
                  "event_id",
                  "'" + id + "-1'",
                  "schema_version",
                  "1",
                  "occurred_at",
                  "timestamp '" + day + " 09:00:00'",
                  "complaint_id",
                  "'" + id + "'",
                  "event_type",
                  "'RECEIVED'",
                  "project_id",
                  "'" + project + "'",
                  "dt",
                  "date '" + day + "'")));
    }
  }

  private static void answers(List<String> surveys, String day, int... scores) {
    answers(surveys, "P01", day, scores);
  }

  private static void answers(List<String> surveys, String project, String day, int... scores) {
    for (int score : scores) {
      String id = "S-" + day + "-" + surveys.size();
      surveys.add(
          LakeFixture.row(
              "callback_surveys",
              Map.of(
                  "event_id",
                  "'" + id + "'",
                  "schema_version",
                  "1",
                  "occurred_at",
                  "timestamp '" + day + " 10:00:00'",
                  "survey_type",
                  "'ANNUAL'",
                  "channel",
                  "'PHONE'",
                  "project_id",
                  "'" + project + "'",
                  "staff_id",
                  "'S001'",
                  "score_overall",
                  String.valueOf(score),
                  "dt",
                  "date '" + day + "'")));
    }
  }
}
