package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-dimension scores: each dimension over the surveys that scored it. */
class DimensionScoresTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // 2026Q3, P01 (speed, completeness, professionalism, attitude, result, overall):
  //   D1: 5, 4, 3, 2, 1, 3     D2: 3, null, 5, 4, 5, 4     D3 (P02): 1, 1, 1, 1, 1, 1
  @BeforeAll
  static void buildOnFixture() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table(
            "callback_surveys",
            String.join(
                ",",
                survey("D1", "P01", "5, 4, 3, 2, 1, 3"),
                survey("D2", "P01", "3, null, 5, 4, 5, 4"),
                survey("D3", "P02", "1, 1, 1, 1, 1, 1")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void eachDimensionIsAveragedOverTheAnswersThatScoredIt() {
    // P01: speed (100 + 50) / 2 = 75.0, top-2-box 1/2; completeness only D1: 75.0 (D2 left it
    // blank);
    //   professionalism (50 + 100) / 2 = 75.0; attitude (25 + 75) / 2 = 50.0; result (0 + 100) / 2
    // = 50.0;
    //   overall (50 + 75) / 2 = 62.5.
    assertThat(lines("project_id = 'P01'"))
        .containsExactly(
            "attitude 2 50.0 0.5",
            "completeness 1 75.0 1.0",
            "overall 2 62.5 0.5",
            "professionalism 2 75.0 0.5",
            "response_speed 2 75.0 0.5",
            "result 2 50.0 0.5");
    // Company speed: (100 + 50 + 0) / 3 = 50.0, top-2-box 1/3; completeness (75 + 0) / 2 = 37.5.
    assertThat(lines("scope = 'company' and dimension in ('response_speed', 'completeness')"))
        .containsExactly("completeness 2 37.5 0.5", "response_speed 3 50.0 0.3333");
  }

  @Test
  void eachProjectsSumsAreKeptPerDimensionForTheCompanyRowToAddUp() {
    // fct_dimension_scores, the sums the metric adds up: points = (score - 1) * 25 per answer.
    // P01 speed: D1 5 -> 100, D2 3 -> 50: 2 answers, 150 points, 1 of 4-5; completeness: D1 only
    // (4 -> 75); P02 speed: D3 1 -> 0 points, no 4-5.
    assertThat(
            warehouse
                .query(
                    "select project_id, dimension, answers, score_points, top2_answers from"
                        + " fct_dimension_scores where quarter = '2026Q3' and dimension in"
                        + " ('response_speed', 'completeness') order by all")
                .stream()
                .map(r -> String.join(" ", r.values().stream().map(String::valueOf).toList())))
        .containsExactly(
            "P01 completeness 1 75 1",
            "P01 response_speed 2 150 1",
            "P02 completeness 1 0 0",
            "P02 response_speed 1 0 0");
  }

  private static List<String> lines(String where) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select dimension, answers, score, top2box_rate from dimension_scores_quarterly where"
                + " quarter = '2026Q3' and "
                + where
                + " order by dimension");
    return rows.stream()
        .map(
            r ->
                r.get("dimension")
                    + " "
                    + r.get("answers")
                    + " "
                    + ((Number) r.get("score")).doubleValue()
                    + " "
                    + ((Number) r.get("top2box_rate")).doubleValue())
        .toList();
  }

  private static String survey(String id, String project, String scores) {
    return "('"
        + id
        + "', 1, timestamp '2026-08-01 10:00:00', 'REPAIR_CALLBACK', 'PHONE', '"
        + project
        + "', null, null, null, null, 'S001', null, "
        + scores
        + ", null, null, null, null, 0, 0, date '2026-08-01')";
  }
}
