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

/** The Pareto of top problems: shares, running share, change on the previous quarter. */
class TopProblemsTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Complaints received: 2026Q3 house_quality 3, reception 1, response_delay 1;
  //                      2026Q2 house_quality 1, reception 2.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> events = new ArrayList<>();
    received(events, "2026-08-03", "product", "house_quality", 3);
    received(events, "2026-08-04", "service", "reception", 1);
    received(events, "2026-08-05", "service", "response_delay", 1);
    received(events, "2026-05-03", "product", "house_quality", 1);
    received(events, "2026-05-04", "service", "reception", 2);
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_events", String.join(",", events));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void largestFirstWithRunningShareAndChange() {
    // 5 complaints: 3 / 5 = 0.6 (cumulative 0.6), 1 / 5 = 0.2 (0.8), 1 / 5 = 0.2 (1.0); reception
    // before
    // response_delay on the tie. Changes: 3 - 1 = +2, 1 - 2 = -1, 1 - 0 = +1.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from top_problems_quarterly where quarter = '2026Q3' order by rank");
    assertThat(rows)
        .extracting(
            r ->
                r.get("rank")
                    + " "
                    + r.get("sub_category_zh")
                    + " "
                    + r.get("complaints")
                    + " "
                    + ((Number) r.get("share")).doubleValue()
                    + " "
                    + ((Number) r.get("cumulative_share")).doubleValue()
                    + " "
                    + r.get("previous_complaints")
                    + " "
                    + r.get("change"))
        .containsExactly("1 房屋质量 3 0.6 0.6 1 2", "2 接待服务 1 0.2 0.8 2 -1", "3 响应不及时 1 0.2 1.0 0 1");
  }

  private static int complaints;

  private static void received(
      List<String> events, String day, String category, String subCategory, int n) {
    for (int i = 0; i < n; i++) {
      complaints++;
      events.add(
          LakeFixture.row(
              "complaint_events",
              Map.of(
                  "event_id",
                  "'E" + complaints + "'",
                  "schema_version",
                  "1",
                  "occurred_at",
                  "timestamp '" + day + " 09:00:00'",
                  "complaint_id",
                  "'K" + complaints + "'",
                  "event_type",
                  "'RECEIVED'",
                  "project_id",
                  "'P01'",
                  "category",
                  "'" + category + "'",
                  "sub_category",
                  "'" + subCategory + "'",
                  "dt",
                  "date '" + day + "'")));
    }
  }
}
