package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference label that tries to close the chart data's script element stays a label (issue 20,
 * stored XSS).
 */
class HostileLabelTest {
  private static final String HOSTILE = "</script><script>console.log('pwned')</script><!--";
  @TempDir Path dir;

  @Test
  void aHostileSlaRuleNameIsDrawnAsTextAndRunsNothing() throws Exception {
    Path lake = dir.resolve("lake");
    Path reference = Files.createDirectories(lake.resolve("reference"));
    try (var in = ReportTemplates.class.getResourceAsStream("/reference/sla_rules.csv")) {
      String rules =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("24小时内受理", HOSTILE);
      Files.writeString(reference.resolve("sla_rules.csv"), rules, StandardCharsets.UTF_8);
    }
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "complaint_sla",
            LakeFixture.row(
                "complaint_sla",
                Map.of(
                    "outcome_id",
                    "'K1/1/accept_24h'",
                    "complaint_id",
                    "'K1'",
                    "cycle",
                    "1",
                    "rule_id",
                    "'accept_24h'",
                    "project_id",
                    "'P01'",
                    "outcome",
                    "'MISSED'",
                    "started_at",
                    "timestamp '2026-08-03 09:00:00'",
                    "dt",
                    "date '2026-08-03'")));
    Path file;
    try (Warehouse warehouse = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      file =
          new ExecutiveReport(ReportTemplates.shipped(), warehouse)
              .write(
                  Quarter.parse("2026Q3"),
                  ReportLanguage.ZH_CN,
                  ZonedDateTime.of(2026, 10, 8, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai")),
                  dir.resolve("report.html"));
    }
    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html)
        .doesNotContain("<script>console.log")
        .contains("\\u003c/script\\u003e\\u003cscript\\u003econsole.log");

    HeadlessChromium.LoadedPage page = BrowserRequirement.chromium().load(file);
    assertThat(page.consoleMessages()).as("console output of the report").isEmpty();
    String chart = page.dom().substring(page.dom().indexOf("id=\"chart-sla-by-rule\""));
    assertThat(chart.substring(0, chart.indexOf("</svg>")))
        .contains("<path")
        .contains("&lt;/script&gt;&lt;script&gt;console.log");
  }
}
