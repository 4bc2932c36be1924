package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects against each other and against the industry's 85.6, 2026Q3, worked by hand: P01 30
 * answers of 5 (100 points): index 100.0, no spread, interval [100, 100]: above 85.6 P02 15 answers
 * of 4 (75) and 15 of 5 (100): index 87.5; variance 30 * 12.5^2 / 29 = 161.638, se = sqrt(161.638 /
 * 30) = 2.3212, t(29) = 2.045: 87.5 -+ 4.747 = [82.8, 92.2], holds 85.6: not_different P03 30
 * answers of 3 (50): index 50.0, interval [50, 50]: below P04 2 answers of 5: under min_responses
 * (30): no rank, insufficient_sample, no verdict against the industry (its zero-width interval is
 * no evidence) Ranks among P01-P03: P03 0, P02 50, P01 100. Company: (3000 + 1125 + 1500 + 1500 +
 * 200) / 92 = 79.6.
 */
class ProjectBenchmarksTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> rows = new ArrayList<>();
    answers(rows, "P01", 5, 30);
    answers(rows, "P02", 4, 15);
    answers(rows, "P02", 5, 15);
    answers(rows, "P03", 3, 30);
    answers(rows, "P04", 5, 2);
    new LakeFixture(lake)
        .reference(
            List.of(
                LakeFixture.project("P01", 100),
                LakeFixture.project("P02", 100),
                LakeFixture.project("P03", 100),
                LakeFixture.project("P04", 100)))
        .table("callback_surveys", String.join(",", rows));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void eachProjectHasItsPercentileRankIntervalAndVerdictAgainstTheIndustry() {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from project_benchmarks_quarterly where quarter = '2026Q3' order by"
                + " project_id");
    assertThat(rows)
        .extracting(
            r ->
                r.get("project_id")
                    + " "
                    + r.get("satisfaction_index")
                    + " ["
                    + r.get("ci_low")
                    + ", "
                    + r.get("ci_high")
                    + "] rank "
                    + r.get("percentile_rank")
                    + " "
                    + r.get("sample_note")
                    + " "
                    + r.get("versus_industry")
                    + " "
                    + r.get("gap_to_industry"))
        .containsExactly(
            "P01 100.0 [100.0, 100.0] rank 100.0 ok above 14.4",
            "P02 87.5 [82.8, 92.2] rank 50.0 ok not_different 1.9",
            "P03 50.0 [50.0, 50.0] rank 0.0 ok below -35.6",
            "P04 100.0 [100.0, 100.0] rank null insufficient_sample null 14.4");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get("company_index")).isEqualTo(79.6);
              assertThat(r.get("industry_index")).isEqualTo(85.6);
            });
  }

  private static int seq;

  private static void answers(List<String> rows, String project, int overall, int n) {
    for (int i = 0; i < n; i++) {
      rows.add(
          "('A"
              + (++seq)
              + "', 1, timestamp '2026-08-01 10:00:00', 'FIRST_REVISIT', 'PHONE', '"
              + project
              + "', null, null, null, null, 'S001', null, null, null, null, null, null, "
              + overall
              + ", null, null, null, 'ANSWERED', 0, 0, date '2026-08-01')");
    }
  }
}
