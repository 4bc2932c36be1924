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

/**
 * Suggestions for complaints filed without a usable cause, and the emerging-issues list. Complaints
 * (all P01, week of Monday 2026-08-03): K1 filed other/process, text about a leak (suggested
 * waterproofing 0.833) -> review: category_other K2 product, no component, text about a crack
 * (suggested walls_cracks 0.75) -> review: component_missing K3 product/waterproofing, text about a
 * leak -> its record is usable: no review K4 no category at all, text without a dictionary word (no
 * suggestion) -> nothing to suggest K5 service complaint (component none), text about attitude
 * (component none) -> service: no review One surge of 电梯困人 in P01 that week: 5 observed against 0.5
 * expected.
 */
class TextAnalyticsModelsTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  @BeforeAll
  static void buildOnFixture() throws Exception {
    String events =
        String.join(
            ",",
            accepted("K1", "other", "process", null),
            accepted("K2", "product", "house_quality", null),
            accepted("K3", "product", "house_quality", "waterproofing"),
            accepted("K4", null, null, null),
            accepted("K5", "service", "after_sales", "none"));
    String texts =
        String.join(
            ",",
            text("K1", "卫生间渗水，墙上有水渍", "waterproofing", 0.833, false),
            text("K2", "客厅墙面出现裂缝", "walls_cracks", 0.75, false),
            text("K3", "阳台渗水", "waterproofing", 0.75, false),
            text("K4", "请尽快联系我", null, null, false),
            text("K5", "管家推诿敷衍", "none", 0.6, true));
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_events", events)
        .table("complaint_text", texts)
        .table(
            "text_alerts",
            LakeFixture.row(
                "text_alerts",
                Map.ofEntries(
                    Map.entry("alert_id", "'surge|P01|2026-08-03|电梯困人'"),
                    Map.entry("alert_type", "'EMERGING_ISSUE'"),
                    Map.entry("alert_at", "timestamp '2026-08-10 00:00:00'"),
                    Map.entry("project_id", "'P01'"),
                    Map.entry("week_start", "'2026-08-03'"),
                    Map.entry("term", "'电梯困人'"),
                    Map.entry("observed", "5"),
                    Map.entry("expected", "0.5"),
                    Map.entry("p_value", "0.00017"),
                    Map.entry("lift_percent", "900"),
                    Map.entry("baseline_weeks", "8"),
                    Map.entry("complaint_ids", "['K1', 'K2', 'K3', 'K4', 'K5']"),
                    Map.entry("dt", "date '2026-08-10'"))));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void complaintsFiledAsOtherOrWithoutAComponentGetTheSuggestionBesideTheirRecord() {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select complaint_id, category, building_component, needs_review_because,"
                + " suggested_component, suggestion_confidence from fct_complaint_suggestions order"
                + " by complaint_id");
    assertThat(rows)
        .extracting(
            r ->
                r.get("complaint_id")
                    + " "
                    + r.get("category")
                    + " "
                    + r.get("building_component")
                    + " "
                    + r.get("needs_review_because")
                    + " "
                    + r.get("suggested_component")
                    + " "
                    + r.get("suggestion_confidence"))
        .containsExactly(
            "K1 other null category_other waterproofing 0.833",
            "K2 product null component_missing walls_cracks 0.75");
  }

  @Test
  void anEmergingIssueNamesItsProjectWeekLiftAndShareOfTheWeek() {
    // 5 of the project's 5 complaint texts that week mention the term: share 1.0
    List<Map<String, Object>> rows = warehouse.query("select * from emerging_issues_weekly");
    assertThat(rows)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("project_name")).isEqualTo("项目P01");
              assertThat(r.get("week_start").toString()).isEqualTo("2026-08-03");
              assertThat(r.get("quarter")).isEqualTo("2026Q3");
              assertThat(r.get("term")).isEqualTo("电梯困人");
              assertThat(r.get("lift_percent")).isEqualTo(900L);
              assertThat(r.get("week_complaints")).isEqualTo(5L);
              assertThat(((Number) r.get("share_of_week")).doubleValue()).isEqualTo(1.0);
            });
  }

  private static String accepted(String id, String category, String sub, String component) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'E" + id + "'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '2026-08-04 09:00:00'",
            "complaint_id",
            "'" + id + "'",
            "event_type",
            "'ACCEPTED'",
            "project_id",
            "'P01'",
            "category",
            literal(category),
            "sub_category",
            literal(sub),
            "building_component",
            literal(component),
            "dt",
            "date '2026-08-04'"));
  }

  private static String text(
      String id, String description, String component, Double confidence, boolean negative) {
    return LakeFixture.row(
        "complaint_text",
        Map.ofEntries(
            Map.entry("complaint_id", "'" + id + "'"),
            Map.entry("event_id", "'T" + id + "'"),
            Map.entry("project_id", "'P01'"),
            Map.entry("occurred_at", "timestamp '2026-08-04 09:00:00'"),
            Map.entry("week_start", "'2026-08-03'"),
            Map.entry("description", "'" + description + "'"),
            Map.entry("terms", "[]"),
            Map.entry("negative_tone", String.valueOf(negative)),
            Map.entry("tone_score", negative ? "6" : "0"),
            Map.entry("tone_words", "[]"),
            Map.entry("suggested_component", literal(component)),
            Map.entry("suggestion_confidence", confidence == null ? "null" : confidence.toString()),
            Map.entry("suggestion_evidence", "[]"),
            Map.entry("dt", "date '2026-08-04'")));
  }

  private static String literal(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
