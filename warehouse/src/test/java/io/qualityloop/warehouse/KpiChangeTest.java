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
 * KPI changes with Newcombe intervals, a significance flag and "insufficient sample" (min_responses
 * = 30).
 */
class KpiChangeTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Closed complaint cycles and how many were called back:
  //   2025Q3: 25 of 50; 2026Q1: 9 of 10; 2026Q2: 30 of 40; 2026Q3: 45 of 50.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> facts = new ArrayList<>();
    facts.addAll(LakeFixture.closedCycles("2025-08-10", 50, 25));
    facts.addAll(LakeFixture.closedCycles("2026-02-10", 10, 9));
    facts.addAll(LakeFixture.closedCycles("2026-05-10", 40, 30));
    facts.addAll(LakeFixture.closedCycles("2026-08-10", 50, 45));
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void aFifteenPointRiseOnFortyAndFiftyCasesIsNotSignificant() {
    // 45/50 = 0.9, Wilson [0.786395, 0.956525]; 30/40 = 0.75, Wilson [0.598057, 0.858130].
    // d = 0.15; low = 0.15 - sqrt((0.9 - 0.786395)^2 + (0.858130 - 0.75)^2) = 0.15 - 0.156838 =
    // -0.0068;
    // high = 0.15 + sqrt((0.956525 - 0.9)^2 + (0.75 - 0.598057)^2) = 0.15 + 0.162114 = 0.3121.
    assertThat(change("2026Q3", "previous_quarter"))
        .isEqualTo("2026Q2 0.9 0.75 0.15 -0.0068 0.3121 false ok");
  }

  @Test
  void againstTheSameQuarterLastYearTheFortyPointRiseIsSignificant() {
    // 25/50 = 0.5, Wilson [0.366443, 0.633557]. d = 0.4; low = 0.4 - sqrt(0.113605^2 + 0.133557^2)
    // = 0.2247;
    // high = 0.4 + sqrt(0.056525^2 + 0.133557^2) = 0.5450.
    assertThat(change("2026Q3", "same_quarter_last_year"))
        .isEqualTo("2025Q3 0.9 0.5 0.4 0.2247 0.545 true ok");
  }

  @Test
  void aQuarterWithTooFewCasesGivesNoNumber() {
    // 2026Q1 has 10 closed cycles, under 30.
    assertThat(change("2026Q2", "previous_quarter"))
        .isEqualTo("2026Q1 0.75 0.9 null null null null insufficient_sample");
  }

  private static String change(String quarter, String comparison) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from kpi_change_quarterly where measure = 'callback_coverage' "
                + "and quarter = ? and comparison = ?",
            quarter,
            comparison);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return r.get("base_quarter")
        + " "
        + num(r.get("value"))
        + " "
        + num(r.get("base_value"))
        + " "
        + num(r.get("change"))
        + " "
        + num(r.get("ci_low"))
        + " "
        + num(r.get("ci_high"))
        + " "
        + r.get("significant")
        + " "
        + r.get("sample_note");
  }

  private static String num(Object v) {
    return v == null ? "null" : String.valueOf(((Number) v).doubleValue());
  }
}
