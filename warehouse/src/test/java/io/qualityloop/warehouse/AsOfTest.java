package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --as-of}: the warehouse reads only the lake rows that had landed by then. */
class AsOfTest {
  @TempDir static Path lake;

  // Three 2026Q3 callbacks: D1 (overall 5) and D2 (overall 3) landed on 2026-10-02 10:00, in time
  // for the quarterly report made on 2026-10-05; D3 (overall 1) was typed in on 2026-10-20 09:00.
  @BeforeAll
  static void buildLake() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .landedAt("2026-10-02 10:00:00")
        .table("callback_surveys", survey("D1", 5) + "," + survey("D2", 3))
        .landedAt("2026-10-20 09:00:00")
        .table("callback_surveys", survey("D3", 1));
  }

  @Test
  void theReportOfTheFifthOfOctoberIsRegeneratedToItsFigures() {
    // As of 2026-10-05 (the whole day): D1, D2. Index (100 + 50) / 2 = 75.0; top-2-box 1 / 2.
    assertThat(q3(AsOf.parse("2026-10-05"))).isEqualTo("2 75.0 0.5");
    // Now: D1, D2, D3. Index (100 + 50 + 0) / 3 = 50.0; top-2-box 1 / 3.
    assertThat(q3(AsOf.NOW)).isEqualTo("3 50.0 0.3333");
  }

  @Test
  void aMomentIncludesWhatLandedExactlyThenAndADateItsWholeDay() {
    assertThat(q3(AsOf.parse("2026-10-20T08:59:59"))).isEqualTo("2 75.0 0.5");
    assertThat(q3(AsOf.parse("2026-10-20T09:00"))).isEqualTo("3 50.0 0.3333");
    assertThat(q3(AsOf.parse("2026-10-20"))).isEqualTo("3 50.0 0.3333");
  }

  @Test
  void beforeAnythingLandedTheQuarterHasNoRow() {
    assertThat(q3(AsOf.parse("2026-10-01"))).isEqualTo("none");
  }

  @Test
  void anUnreadableMomentIsAClearError() {
    assertThatThrownBy(() -> AsOf.parse("05/10/2026"))
        .hasMessageContaining("--as-of '05/10/2026' is not a date");
  }

  private static String q3(AsOf asOf) {
    try (Warehouse warehouse = Warehouse.build(lake, null, ModelCatalog.shipped(), asOf)) {
      List<Map<String, Object>> rows =
          warehouse.query(
              "select responses, satisfaction_index, top2box_rate from satisfaction_quarterly where"
                  + " quarter = '2026Q3' and scope = 'company'");
      if (rows.isEmpty()) {
        return "none";
      }
      Map<String, Object> r = rows.get(0);
      return r.get("responses")
          + " "
          + ((Number) r.get("satisfaction_index")).doubleValue()
          + " "
          + ((Number) r.get("top2box_rate")).doubleValue();
    }
  }

  private static String survey(String id, int overall) {
    return "('"
        + id
        + "', 1, timestamp '2026-08-01 10:00:00', 'REPAIR_CALLBACK', 'PHONE', 'P01', null, null,"
        + " null, null, 'S001', null, 5, 5, 5, 5, 5, "
        + overall
        + ", null, null, null, null, 0, 0, date '2026-08-01')";
  }
}
