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
 * Changes of satisfaction with 95% intervals (Welch t for the index, Newcombe for top-2-box) and
 * "insufficient sample", worked out by hand. The minimum sample is lowered to 3 answers here, so
 * that the arithmetic stays small.
 */
class SatisfactionChangeTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Overall scores (points: 1->0, 2->25, 3->50, 4->75, 5->100):
  //   P01 2026Q2 1, 2, 3        2026Q3 3, 4, 5
  //   P02 2026Q2 2, 2, 2, 3     2026Q3 4, 5, 5, 5     2025Q3 2, 2, 2, 3
  //   P03 2026Q2 5, 5, 5        2026Q3 1, 1 (2 answers: below the minimum of 3)
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> rows = new ArrayList<>();
    add(rows, "P01", "2026-05-10", 1, 2, 3);
    add(rows, "P01", "2026-08-10", 3, 4, 5);
    add(rows, "P02", "2026-05-11", 2, 2, 2, 3);
    add(rows, "P02", "2026-08-11", 4, 5, 5, 5);
    add(rows, "P02", "2025-08-11", 2, 2, 2, 3);
    add(rows, "P03", "2026-05-12", 5, 5, 5);
    add(rows, "P03", "2026-08-12", 1, 1);
    new LakeFixture(lake)
        .reference(
            List.of(
                LakeFixture.project("P01", 100),
                LakeFixture.project("P02", 100),
                LakeFixture.project("P03", 100)))
        .table("callback_surveys", String.join(",", rows));
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
  void aSmallProjectsBigWobbleIsNotSignificant() {
    // P01 index: 75 - 25 = 50. Variances (n - 1): both ((-25)^2 + 0 + 25^2) / 2 = 625.
    //   SE = sqrt(625/3 + 625/3) = 20.412; Welch df = (416.67)^2 / (2 * 208.33^2 / 2) = 4 -> t
    // 2.776;
    //   50 -+ 2.776 * 20.412 = 50 -+ 56.66 -> [-6.7, 106.7]: includes 0, not significant.
    assertThat(line("P01", "previous_quarter", "satisfaction_index"))
        .isEqualTo("75.0 25.0 50.0 [-6.7, 106.7] false ok");
    // P01 top-2-box: 2/3 vs 0/3. Wilson (z 1.96): 2/3 of 3 -> [0.2077, 0.9385]; 0 of 3 -> [0,
    // 0.5615].
    //   Newcombe: low = 0.6667 - sqrt(0.4590^2 + 0.5615^2) = 0.6667 - 0.7253 = -0.0586;
    //   high = 0.6667 + sqrt(0.2718^2 + 0^2) = 0.9385: includes 0.
    assertThat(line("P01", "previous_quarter", "top2box_rate"))
        .isEqualTo("0.6667 0.0 0.6667 [-0.0586, 0.9385] false ok");
  }

  @Test
  void aConsistentRiseIsSignificant() {
    // P02 index: 93.75 - 31.25 = 62.5. Variances: (3 * 6.25^2 + 18.75^2) / 3 = 156.25 both.
    //   SE = sqrt(156.25/4 * 2) = 8.839; df = 78.125^2 / (2 * 39.0625^2 / 3) = 6 -> t 2.447;
    //   62.5 -+ 21.63 -> [40.9, 84.1]: excludes 0.
    assertThat(line("P02", "previous_quarter", "satisfaction_index"))
        .isEqualTo("93.8 31.3 62.5 [40.9, 84.1] true ok");
    // P02 top-2-box 4/4 vs 0/4: Wilson [0.5101, 1] and [0, 0.4899]; low = 1 - sqrt(0.4899^2 +
    // 0.4899^2) = 0.3072.
    assertThat(line("P02", "previous_quarter", "top2box_rate"))
        .isEqualTo("1.0 0.0 1.0 [0.3072, 1.0] true ok");
    // Against 2025Q3 (the same answers as 2026Q2): the same change.
    assertThat(line("P02", "same_quarter_last_year", "satisfaction_index"))
        .isEqualTo("93.8 31.3 62.5 [40.9, 84.1] true ok");
  }

  @Test
  void tooFewAnswersSayInsufficientSampleInsteadOfANumber() {
    // P03 2026Q3 has 2 answers (< 3): the values are shown, the change is not judged.
    assertThat(line("P03", "previous_quarter", "satisfaction_index"))
        .isEqualTo("0.0 100.0 null [null, null] null insufficient_sample");
  }

  @Test
  void theCompanyChangeUsesEveryAnswer() {
    // Company 2026Q3: 9 answers, mean 600/9 = 66.7; 2026Q2: 10 answers, mean 500/10 = 50.0; change
    // 16.7.
    //   Variances 1718.75 and 1388.89: SE = sqrt(190.97 + 138.89) = 18.162; df = 16.23 -> t(16) =
    // 2.120;
    //   16.67 -+ 38.50 -> [-21.8, 55.2]: not significant. No year-ago quarter for the company but
    // P02's.
    assertThat(line(null, "previous_quarter", "satisfaction_index"))
        .isEqualTo("66.7 50.0 16.7 [-21.8, 55.2] false ok");
    assertThat(
            warehouse.query(
                "select * from satisfaction_change_quarterly where comparison ="
                    + " 'same_quarter_last_year' and scope = 'project'"))
        .extracting(r -> r.get("project_id") + " " + r.get("measure"))
        .containsExactlyInAnyOrder("P02 satisfaction_index", "P02 top2box_rate");
  }

  private static String line(String project, String comparison, String measure) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from satisfaction_change_quarterly where quarter = '2026Q3'"
                + " and comparison = ? and measure = ? and "
                + (project == null ? "scope = 'company'" : "project_id = '" + project + "'"),
            comparison,
            measure);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return num(r.get("value"))
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

  private static void add(List<String> rows, String project, String day, int... scores) {
    for (int score : scores) {
      String id = "S-" + project + "-" + day + "-" + rows.size();
      rows.add(
          "('"
              + id
              + "', 1, timestamp '"
              + day
              + " 10:00:00', 'ANNUAL', 'PHONE', '"
              + project
              + "', null, null, null, null, 'S001', null, null, null, null, null, null, "
              + score
              + ", null, null, null, null, 0, 0, date '"
              + day
              + "')");
    }
  }
}
