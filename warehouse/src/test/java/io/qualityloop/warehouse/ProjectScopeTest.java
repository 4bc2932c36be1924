package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-level scope: a warehouse of some projects computes every metric from their rows only. */
class ProjectScopeTest {
  @TempDir static Path lake;

  // P01 (1,000 occupied households, 华东服务中心), P02 (500) and P03 (250), both 华南服务中心.
  // 2026Q3 callbacks, overall score: P01 5 (100), P02 3 (50), P03 1 (0).
  // 2026Q3 complaints: one in P01, one in P02.
  @BeforeAll
  static void buildLake() throws Exception {
    new LakeFixture(lake)
        .reference(
            List.of(
                project("P01", 1000, "华东服务中心"),
                project("P02", 500, "华南服务中心"),
                project("P03", 250, "华南服务中心")))
        .table(
            "callback_surveys",
            String.join(
                ",", survey("D1", "P01", 5), survey("D2", "P02", 3), survey("D3", "P03", 1)))
        .table(
            "complaint_events",
            String.join(",", received("E1", "K1", "P01"), received("E2", "K2", "P02")));
  }

  @Test
  void theWholeCompanyCountsEveryProject() {
    // Index (100 + 50 + 0) / 3 = 50.0; 2 complaints / 1,750 households * 1,000 = 1.143 (the metric
    // keeps 3 decimals).
    assertThat(q3(ProjectScope.ALL)).isEqualTo("3 50.0 1.143 [P01, P02, P03]");
  }

  @Test
  void aListOfProjectsCountsTheirAnswersComplaintsAndHouseholdsOnly() {
    // P01: index 100.0 on one answer; 1 complaint / 1,000 households * 1,000 = 1.0.
    assertThat(q3(ProjectScope.projects(List.of("P01")))).isEqualTo("1 100.0 1.0 [P01]");
    // P01 and P03: (100 + 0) / 2 = 50.0; 1 complaint / 1,250 * 1,000 = 0.8.
    assertThat(q3(ProjectScope.projects(List.of("P01", "P03")))).isEqualTo("2 50.0 0.8 [P01, P03]");
  }

  @Test
  void aRegionIsTheProjectsOfThatServiceOffice() {
    // 华南: P02, P03. Index (50 + 0) / 2 = 25.0; 1 complaint / 750 * 1,000 = 1.333.
    assertThat(q3(ProjectScope.region("华南服务中心"))).isEqualTo("2 25.0 1.333 [P02, P03]");
  }

  @Test
  void anUnknownProjectOrRegionIsAClearErrorNamingWhatExists() {
    assertThatThrownBy(() -> q3(ProjectScope.projects(List.of("P01", "P99"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown project P99")
        .hasMessageContaining("projects: P01, P02, P03");
    assertThatThrownBy(() -> q3(ProjectScope.region("西北服务中心")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region '西北服务中心' has no project")
        .hasMessageContaining("华东服务中心, 华南服务中心");
    assertThatThrownBy(() -> ProjectScope.of(List.of("P01"), "华南服务中心"))
        .hasMessage("give --projects or --region, not both");
  }

  private static String q3(ProjectScope scope) {
    try (Warehouse warehouse =
        Warehouse.build(lake, null, ModelCatalog.shipped(), AsOf.NOW, scope)) {
      Map<String, Object> s =
          warehouse
              .query(
                  "select responses, satisfaction_index from satisfaction_quarterly where quarter ="
                      + " '2026Q3' and scope = 'company'")
              .get(0);
      Map<String, Object> c =
          warehouse
              .query(
                  "select round(complaints_per_1000_households, 4) as rate from"
                      + " complaints_per_1000_households_quarterly where quarter = '2026Q3' and"
                      + " scope = 'company'")
              .get(0);
      List<Object> projects =
          warehouse.query("select project_id from ref_projects order by 1").stream()
              .map(r -> r.get("project_id"))
              .toList();
      return s.get("responses")
          + " "
          + ((Number) s.get("satisfaction_index")).doubleValue()
          + " "
          + ((Number) c.get("rate")).doubleValue()
          + " "
          + projects;
    }
  }

  private static ProjectRef project(String id, int occupied, String office) {
    return new ProjectRef(
        id,
        "项目" + id,
        "杭州",
        "high_rise",
        occupied + 100,
        occupied,
        LocalDate.of(2024, 1, 1),
        office);
  }

  private static String survey(String id, String project, int overall) {
    return "('"
        + id
        + "', 1, timestamp '2026-08-01 10:00:00', 'REPAIR_CALLBACK', 'PHONE', '"
        + project
        + "', null, null, null, null, 'S001', null, "
        + "5, 5, 5, 5, 5, "
        + overall
        + ", null, null, null, null, 0, 0, date '2026-08-01')";
  }

  private static String received(String id, String complaint, String project) {
    return "('"
        + id
        + "', 1, timestamp '2026-07-01 10:00:00', '"
        + complaint
        + "', 'RECEIVED', null, '"
        + project
        + "', null, null, null, null, null, null, null, null, 'S001', null, null, null, null, null,"
        + " 'NORMAL', null, null, null, null, null, null, null, null, 0, 0, date '2026-07-01')";
  }
}
