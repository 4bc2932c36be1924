package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.testutils.BrowserRequirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qualityloop demo} as a newcomer runs it, on a smaller company (3 projects, 4 months) so
 * the suite stays fast: real broker, real Flink MiniCluster, real Parquet, real DuckDB, a real
 * browser opening the report.
 */
class DemoCommandITCase {
  @TempDir static Path workdir;
  private static int exitCode;
  private static String output;

  @BeforeAll
  static void runTheDemo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    exitCode =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--workdir",
            workdir.toString(),
            "demo",
            "--months",
            "4",
            "--projects",
            "3",
            "--household-scale",
            "0.5");
    output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private static final Pattern LINE =
      Pattern.compile(
          "reconcile ql\\.([a-z-]+)\\.v1/(\\d+) offsets \\[[\\d,]+, [\\d,]+\\): ([\\d,]+) records ="
              + " table ([\\d,]+) \\+ quarantine ([\\d,]+) \\+ duplicates ([\\d,]+); missing"
              + " ([\\d,]+), twice ([\\d,]+)");

  private static long n(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  @Test
  void everyKafkaRecordIsInExactlyOneOfTableQuarantineOrDuplicates() {
    assertThat(exitCode).as(output).isZero();
    Matcher m = LINE.matcher(output);
    int lines = 0;
    while (m.find()) {
      lines++;
      assertThat(n(m.group(3)))
          .as(m.group())
          .isPositive()
          .isEqualTo(n(m.group(4)) + n(m.group(5)) + n(m.group(6)));
      assertThat(m.group(7) + " " + m.group(8)).as(m.group()).isEqualTo("0 0");
    }
    assertThat(lines).as("3 topics x 2 partitions\n" + output).isEqualTo(6);
    assertThat(output).contains("Reconciliation: every event accounted for (difference 0)");
  }

  @Test
  void anIndependentDuckDbReaderCountsTheSameRowsInTheLake() throws Exception {
    Map<String, Long> perTable = new TreeMap<>();
    Matcher m = LINE.matcher(output);
    while (m.find()) {
      perTable.merge(m.group(1).replace('-', '_'), n(m.group(4)), Long::sum);
    }
    assertThat(perTable).hasSize(3);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (var e : perTable.entrySet()) {
        String glob = workdir.resolve("lake").resolve(e.getKey()) + "/**/[!.]*.parquet";
        try (ResultSet rs =
            s.executeQuery(
                "select count(*), count(distinct event_id) from read_parquet('" + glob + "')")) {
          rs.next();
          assertThat(rs.getLong(1)).as(e.getKey() + " rows").isEqualTo(e.getValue());
          assertThat(rs.getLong(2)).as(e.getKey() + " distinct ids").isEqualTo(e.getValue());
        }
      }
    }
  }

  @Test
  void theReconcileCommandProvesItAgainAfterTheDemoFromTheRecordedOffsets() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "--workdir",
            workdir.toString(),
            "reconcile");

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(LINE.matcher(text).results().count()).isEqualTo(6);
    assertThat(text).contains("Reconciliation: every record accounted for (difference 0).");
  }

  @Test
  void writesTheQuarterlyReportThatOpensInChromiumWithChartsAndNoConsoleMessages()
      throws Exception {
    Path reports = workdir.resolve("out/reports");
    Path report;
    try (Stream<Path> files = Files.list(reports)) {
      report =
          files
              .filter(
                  f -> f.getFileName().toString().matches("quarterly-\\d{4}Q\\d\\.zh-CN\\.html"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(output).contains("Report: " + report);

    HeadlessChromium.LoadedPage page = BrowserRequirement.chromium().load(report);
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom()).contains("id=\"chart-satisfaction-trend\"");
    assertThat(page.dom().split("<svg", -1)).as("svg charts drawn").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aReportOfSomeProjectsIsWrittenBesideTheCompanysAndNamesThemAndAnUnknownProjectIsOneLine()
      throws Exception {
    String text = run("report", "quarterly", "--quarter", "latest", "--projects", "P02");
    Matcher file =
        Pattern.compile("Report: (.*quarterly-\\d{4}Q\\d-P02\\.zh-CN\\.html)").matcher(text);
    assertThat(file.find()).as(text).isTrue();
    String html = Files.readString(Path.of(file.group(1)));
    assertThat(html).contains("id=\"report-scope\">范围：P02 ");
    // the league table lists the project in scope only
    String league =
        html.substring(
            html.indexOf("id=\"league-table\""),
            html.indexOf("</table>", html.indexOf("id=\"league-table\"")));
    assertThat(league).contains("P02 ").doesNotContain("P01 ", "P03 ");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--workdir",
            workdir.toString(),
            "report",
            "quarterly",
            "--quarter",
            "latest",
            "--projects",
            "P99");
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(message)
        .contains("qualityloop: unknown project P99: not in ", "(projects: P01, P02, P03)")
        .doesNotContain("\tat ");
  }

  /**
   * Runs a command that must succeed; returns its stdout (stderr carries messages such as a
   * warehouse build's progress).
   */
  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--workdir";
    all[1] = workdir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
    return text;
  }

  @Test
  void theMetricsCommandPrintsTheCompanyRowOfEveryQuarterlyMetric() {
    String text = run("metrics"); // the latest quarter with surveys

    assertThat(text).containsPattern("^Metrics for \\d{4}Q\\d, company");
    assertThat(text)
        .contains(
            "== satisfaction_quarterly",
            "== nps_quarterly",
            "== sla_compliance_quarterly",
            "== kpi_quarterly");
    assertThat(text).doesNotContain("project  P0");
  }

  @Test
  void theQueryCommandWritesCsvWithFormulasNeutralisedAndJson() {
    assertThat(run("query", "select '=HYPERLINK(1)' as cell, 2 as n", "--format", "csv"))
        .isEqualTo("cell,n\r\n'=HYPERLINK(1),2\r\n");
    assertThat(run("query", "select count(*) as surveys from fct_surveys", "--format", "json"))
        .contains("\"surveys\" : ");
  }
}
