package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarterly report's improvement actions name their owner in the report's language when the
 * owner is a department of departments.csv (by its id or its Chinese name), and as the company
 * wrote it otherwise.
 */
class ImprovementActionsInReportTest {
  private static final ZonedDateTime GENERATED =
      ZonedDateTime.of(2026, 10, 8, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // One closed cycle called back in each of 2026Q1-Q3, so that callback coverage has a value in
  // every quarter and each action an effect in Q3. Owners: the Chinese name of customer_service,
  // the id engineering, and a person departments.csv does not know.
  @BeforeAll
  static void fixture() throws Exception {
    List<String> facts = new ArrayList<>();
    for (String day : List.of("2026-02-10", "2026-05-10", "2026-08-10")) {
      facts.addAll(LakeFixture.closedCycles(day, 1, 1));
    }
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts));
    Files.writeString(
        lake.resolve("reference/improvement_actions.csv"),
        """
        action_id,title_zh,title_en,measure,owner,started_on,due_on,expected_change
        A1,回访专项整改,Callback drive,callback_coverage,客户服务部,2026-04-10,2026-09-30,0.2
        A2,回访复核,Callback review,callback_coverage,engineering,2026-04-11,2026-09-30,0.1
        A3,回访抽查,Callback spot checks,callback_coverage,张经理,2026-04-12,2026-09-30,0.1
        """,
        StandardCharsets.UTF_8);
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  private static List<String> owners(ReportLanguage language) {
    String html =
        new ExecutiveReport(ReportTemplates.shipped(), warehouse)
            .render(Quarter.parse("2026Q3"), language, GENERATED);
    return ProceduresInReportsTest.rows(html, "actions-table").stream()
        .map(row -> row.split(" \\| ")[2])
        .toList();
  }

  @Test
  void aDepartmentOwnerIsNamedInTheReportsLanguageAnyOtherAsWritten() {
    assertThat(owners(ReportLanguage.EN)).containsExactly("Customer service", "Engineering", "张经理");
    assertThat(owners(ReportLanguage.ZH_CN)).containsExactly("客户服务部", "工程管理部", "张经理");
  }
}
