package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ReferenceData;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company's reference files as Excel saves them ("CSV UTF-8": a byte-order mark, CRLF, quotes
 * around a cell with a comma) are read by the warehouse as by the Java readers (issue 22, item 6).
 */
class ExcelSavedReferenceTest {
  @Test
  void slaRulesAndProjectsSavedByExcelAreReadWithTheirQuotedCommas(@TempDir Path dir)
      throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    Path rules = lake.resolve("reference/sla_rules.csv");
    String shipped = Files.readString(rules);
    int ruleCount = (int) shipped.lines().count() - 1;
    String excel =
        "\ufeff"
            + shipped
                .replace("000 §5.3.1; 002 篇2", "\"000 §5.3.1, 002 篇2\"")
                .lines()
                .map(line -> line + "\r\n")
                .reduce("", String::concat);
    Files.writeString(rules, excel, StandardCharsets.UTF_8);
    Path projects = lake.resolve("reference/projects.csv");
    Files.writeString(
        projects,
        "\ufeff" + Files.readString(projects).replace("项目P01", "\"项目P01, 一期\""),
        StandardCharsets.UTF_8);

    assertThat(ReferenceData.readProjects(projects))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.projectId()).isEqualTo("P01");
              assertThat(p.nameZh()).isEqualTo("项目P01, 一期");
            });
    try (Warehouse w = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      assertThat(w.count("ref_sla_rules")).isEqualTo(ruleCount);
      assertThat(
              w.query(
                  "select rule_id, source, limit_amount from ref_sla_rules where rule_id ="
                      + " 'accept_24h'"))
          .containsExactly(
              Map.of(
                  "rule_id", "accept_24h", "source", "000 §5.3.1, 002 篇2", "limit_amount", 24.0));
      assertThat(w.query("select project_id, name_zh from ref_projects"))
          .containsExactly(Map.of("project_id", "P01", "name_zh", "项目P01, 一期"));
    }
  }
}
