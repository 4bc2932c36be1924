package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planners' lessons pack on a fixture worked out by hand. */
class LessonsPackTest {
  private static final ZonedDateTime GENERATED =
      ZonedDateTime.of(2026, 10, 8, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
  @TempDir static Path dir;
  private static Warehouse warehouse;

  // Projects: P01 high-rise 杭州, 1,000 occupied, delivered 2024-01-01; P02 high-rise 上海, 500,
  // 2025-01-01;
  //   P03 townhouse 杭州, 200, 2024-01-01.
  // Complaints (component, root cause, received, description):
  //   K1 P01 waterproofing workmanship 2024-07-10 (6 months) 卫生间渗水A, repair 500 yuan
  //   K2 P01 waterproofing workmanship 2024-10-10 (9 months) 卫生间渗水B, repair 1,500 yuan
  //   K3 P02 waterproofing workmanship 2025-04-15 (3 months) 阳台渗水
  //   K4 P01 doors_windows materials   2024-03-05 (2 months) =HYPERLINK("x") (a formula in a
  // description)
  //   K5 P01 waterproofing communication (not a lesson); K6 P03 waterproofing design (townhouse)
  @BeforeAll
  static void buildOnFixture() throws Exception {
    Path lake = dir.resolve("lake");
    List<String> events = new ArrayList<>();
    events.add(complaint("K1", "P01", "waterproofing", "workmanship", "2024-07-10", "卫生间渗水A"));
    events.add(complaint("K2", "P01", "waterproofing", "workmanship", "2024-10-10", "卫生间渗水B"));
    events.add(complaint("K3", "P02", "waterproofing", "workmanship", "2025-04-15", "阳台渗水"));
    events.add(
        complaint("K4", "P01", "doors_windows", "materials", "2024-03-05", "=HYPERLINK(\"x\")"));
    events.add(complaint("K5", "P01", "waterproofing", "communication", "2024-05-05", "沟通不畅"));
    events.add(complaint("K6", "P03", "waterproofing", "design", "2024-06-06", "屋面渗水"));
    new LakeFixture(lake)
        .reference(
            List.of(
                new ProjectRef(
                    "P01",
                    "项目一",
                    "杭州",
                    "high_rise",
                    1100,
                    1000,
                    LocalDate.of(2024, 1, 1),
                    "华东服务中心"),
                new ProjectRef(
                    "P02", "项目二", "上海", "high_rise", 600, 500, LocalDate.of(2025, 1, 1), "华东服务中心"),
                new ProjectRef(
                    "P03", "项目三", "杭州", "townhouse", 220, 200, LocalDate.of(2024, 1, 1), "华东服务中心")))
        .table("complaint_events", String.join(",", events))
        .table(
            "complaint_facts",
            fact("K1", "500.00", "2024-07-20") + "," + fact("K2", "1500.00", "2024-10-20"));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void highRiseLessonsWorstFirstWithRecurrenceMonthsCostAndExamples() {
    // High-rise in scope: P01 + P02, 1,000 + 500 = 1,500 occupied households.
    // Waterproofing / workmanship: 3 defects -> 3 * 1000 / 1500 = 2.00; in 2 of 2 projects; months
    // 6, 9, 3 -> median 6;
    //   cost 500 + 1,500 = 2,000; examples latest first. Doors and windows / materials: 1 -> 0.67;
    // 1 of 2; 2 months.
    List<Map<String, Object>> rows =
        new LessonsPack(ReportTemplates.shipped(), warehouse)
            .lessons(new LessonsPack.Filter("high_rise", null, null));
    assertThat(rows)
        .extracting(LessonsPackTest::line)
        .containsExactly(
            "high_rise waterproofing workmanship 3 2/2 2.0 6.0 2000.00 [阳台渗水, 卫生间渗水B, 卫生间渗水A]",
            "high_rise doors_windows materials 1 1/2 0.67 2.0 null [=HYPERLINK(\"x\")]");
  }

  @Test
  void aCityAndTheReadersProjectsNarrowTheScopeAndTheRates() {
    LessonsPack pack = new LessonsPack(ReportTemplates.shipped(), warehouse);
    // 杭州 high-rise: P01 only, 1,000 households: waterproofing 2 -> 2.00, 1 of 1, months 6 and 9 ->
    // 7.5.
    assertThat(pack.lessons(new LessonsPack.Filter("high_rise", "杭州", null)))
        .extracting(LessonsPackTest::line)
        .first()
        .isEqualTo("high_rise waterproofing workmanship 2 1/1 2.0 7.5 2000.00 [卫生间渗水B, 卫生间渗水A]");
    // A reader who may see P02 only: 1 defect over 500 households = 2.00.
    assertThat(pack.lessons(new LessonsPack.Filter(null, null, List.of("P02"))))
        .extracting(LessonsPackTest::line)
        .containsExactly("high_rise waterproofing workmanship 1 1/1 2.0 3.0 null [阳台渗水]");
  }

  @Test
  void writesAChecklistInHtmlAndMarkdownAndACsvWithFormulasNeutralised() throws Exception {
    List<Path> files =
        new LessonsPack(ReportTemplates.shipped(), warehouse)
            .write(
                new LessonsPack.Filter("high_rise", null, null),
                ReportLanguage.ZH_CN,
                GENERATED,
                dir.resolve("out"));
    String html = Files.readString(files.get(0), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("设计评审经验教训清单", "范围: 高层 · 全部城市", "<td>防水渗漏</td><td>施工工艺</td>", "<li>阳台渗水</li>")
        .contains("=HYPERLINK(&quot;x&quot;)")
        .doesNotContain("<li>=HYPERLINK(\"x\")");
    String md = Files.readString(files.get(1), StandardCharsets.UTF_8);
    assertThat(md)
        .contains(
            "| [ ] | 高层 | 防水渗漏 | 施工工艺 | 3 | 2.00 | 2 / 2 | 6 | 2,000 | 阳台渗水 / 卫生间渗水B / 卫生间渗水A |");
    List<String> csv = Files.readAllLines(files.get(2), StandardCharsets.UTF_8);
    assertThat(csv.get(0)).startsWith("\ufeffproduct_type,building_component");
    assertThat(csv.get(2)).contains("'=HYPERLINK(\"\"x\"\")");
  }

  @Test
  void theChecklistOpensInHeadlessChromiumWithoutConsoleErrors() throws Exception {
    HeadlessChromium chromium = BrowserRequirement.chromium();
    Path html =
        new LessonsPack(ReportTemplates.shipped(), warehouse)
            .write(
                new LessonsPack.Filter(null, null, null),
                ReportLanguage.EN,
                GENERATED,
                dir.resolve("browser"))
            .get(0);
    HeadlessChromium.LoadedPage page = chromium.load(html);
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom()).contains("Design review lessons checklist", "Waterproofing and leaks");
    Path png = Path.of("target/screenshots/lessons.en.png");
    Files.createDirectories(png.getParent());
    chromium.screenshot(html, png, 1280, 900);
    assertThat(png).isNotEmptyFile();
  }

  private static String line(Map<String, Object> r) {
    return r.get("product_type")
        + " "
        + r.get("building_component")
        + " "
        + r.get("root_cause")
        + " "
        + r.get("defects")
        + " "
        + r.get("projects_affected")
        + "/"
        + r.get("projects_in_scope")
        + " "
        + ((Number) r.get("defects_per_1000_households")).doubleValue()
        + " "
        + ((Number) r.get("median_months_after_delivery")).doubleValue()
        + " "
        + r.get("repair_cost_yuan")
        + " "
        + examples(r.get("examples"));
  }

  private static String examples(Object v) throws RuntimeException {
    try {
      return v instanceof Array a ? Arrays.toString((Object[]) a.getArray()) : String.valueOf(v);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String complaint(
      String id, String project, String component, String cause, String day, String description) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'" + id + "-1'",
            "occurred_at",
            "timestamp '" + day + " 09:00:00'",
            "complaint_id",
            "'" + id + "'",
            "event_type",
            "'RECEIVED'",
            "project_id",
            "'" + project + "'",
            "category",
            "'product'",
            "building_component",
            "'" + component + "'",
            "root_cause",
            "'" + cause + "'",
            "description",
            "'" + description.replace("'", "''") + "'",
            "dt",
            "date '" + day + "'"));
  }

  private static String fact(String complaint, String cost, String day) {
    return LakeFixture.row(
        "complaint_facts",
        Map.of(
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "project_id",
            "'P01'",
            "repair_cost_yuan",
            cost,
            "cycle_started_at",
            "timestamp '" + day + " 09:00:00'",
            "ended_at",
            "timestamp '" + day + " 18:00:00'",
            "dt",
            "date '" + day + "'"));
  }
}
