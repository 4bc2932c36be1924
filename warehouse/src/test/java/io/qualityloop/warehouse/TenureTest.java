package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner tenure: whole months from the project's delivery to the survey, and the band they fall in.
 */
class TenureTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // P01 delivered 2024-01-01, P02 delivered 2024-01-15.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    new LakeFixture(lake)
        .reference(
            List.of(
                LakeFixture.project("P01", 100),
                new ProjectRef(
                    "P02",
                    "项目P02",
                    "杭州",
                    "high_rise",
                    200,
                    100,
                    LocalDate.of(2024, 1, 15),
                    "华东服务中心")))
        .table(
            "callback_surveys",
            String.join(
                ",",
                survey("T1", "P01", "2023-12-31", 5),
                survey("T2", "P01", "2024-01-01", 4),
                survey("T3", "P01", "2024-12-31", 3),
                survey("T4", "P01", "2025-01-01", 2),
                survey("T5", "P01", "2026-01-01", 1),
                survey("T6", "P02", "2024-02-14", 5),
                survey("T7", "P02", "2024-02-15", 3)));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void monthsSinceDeliveryAndBandOfEachAnswer() {
    // P01: 2023-12-31 is one month before delivery (-1, 准业主); 2024-01-01 month 0; 2024-12-31 month
    // 11
    // (still the first year); 2025-01-01 month 12 (second year); 2026-01-01 month 24 (稳定期).
    // P02: 2024-02-14 is a day short of a month after 01-15 (0); 2024-02-15 is one month (1).
    List<Map<String, Object>> rows =
        warehouse.query(
            "select survey_id, months_since_delivery, tenure_band from fct_surveys order by"
                + " survey_id");
    assertThat(rows)
        .extracting(
            r ->
                r.get("survey_id")
                    + " "
                    + r.get("months_since_delivery")
                    + " "
                    + r.get("tenure_band"))
        .containsExactly(
            "T1 -1 pre_delivery",
            "T2 0 running_in",
            "T3 11 running_in",
            "T4 12 second_year",
            "T5 24 stable",
            "T6 0 running_in",
            "T7 1 running_in");
  }

  @Test
  void satisfactionSplitsByTenureBand() {
    // 2024Q1 running_in: T2 (75), T6 (100), T7 (50): index 75.0, top-2-box 2/3. 2023Q4
    // pre_delivery: T1 100.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select quarter, tenure_band, responses, satisfaction_index, top2box_rate from"
                + " satisfaction_by_tenure_quarterly order by quarter, sort_order");
    assertThat(rows)
        .extracting(
            r ->
                r.get("quarter")
                    + " "
                    + r.get("tenure_band")
                    + " "
                    + r.get("responses")
                    + " "
                    + ((Number) r.get("satisfaction_index")).doubleValue()
                    + " "
                    + ((Number) r.get("top2box_rate")).doubleValue())
        .containsExactly(
            "2023Q4 pre_delivery 1 100.0 1.0",
            "2024Q1 running_in 3 75.0 0.6667",
            "2024Q4 running_in 1 50.0 0.0",
            "2025Q1 second_year 1 25.0 0.0",
            "2026Q1 stable 1 0.0 0.0");
  }

  private static String survey(String id, String project, String day, int overall) {
    return "('"
        + id
        + "', 1, timestamp '"
        + day
        + " 10:00:00', 'ANNUAL_REVISIT', 'PHONE', '"
        + project
        + "', null, null, null, null, 'S001', null, null, null, null, null, null, "
        + overall
        + ", null, null, null, null, 0, 0, date '"
        + day
        + "')";
  }
}
