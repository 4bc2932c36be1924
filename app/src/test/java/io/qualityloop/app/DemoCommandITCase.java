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
    exitCode = QualityLoopCommand.execute(
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "--workdir", workdir.toString(), "demo", "--months", "4", "--projects", "3", "--household-scale", "0.5");
    output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void finishesWithZeroDifferenceForEveryTable() {
    assertThat(exitCode).as(output).isZero();
    Matcher m = Pattern.compile("reconcile (\\w+)\\s+produced\\s+([\\d,]+) = lake\\s+([\\d,]+) \\+ quarantine (\\d+)\\s+difference (-?\\d+)").matcher(output);
    int lines = 0;
    while (m.find()) {
      lines++;
      assertThat(m.group(5)).as(m.group()).isEqualTo("0");
      assertThat(m.group(2)).as(m.group()).isEqualTo(m.group(3));
    }
    assertThat(lines).as(output).isEqualTo(3);
    assertThat(output).contains("Reconciliation: every event accounted for (difference 0)");
  }

  @Test
  void anIndependentDuckDbReaderCountsTheSameRowsInTheLake() throws Exception {
    Matcher m = Pattern.compile("reconcile (\\w+)\\s+produced\\s+([\\d,]+)").matcher(output);
    int tables = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      while (m.find()) {
        tables++;
        String glob = workdir.resolve("lake").resolve(m.group(1)) + "/**/[!.]*.parquet";
        try (ResultSet rs = s.executeQuery("select count(*), count(distinct event_id) from read_parquet('" + glob + "')")) {
          rs.next();
          long produced = Long.parseLong(m.group(2).replace(",", ""));
          assertThat(rs.getLong(1)).as(m.group(1) + " rows").isEqualTo(produced);
          assertThat(rs.getLong(2)).as(m.group(1) + " distinct ids").isEqualTo(produced);
        }
      }
    }
    assertThat(tables).isEqualTo(3);
  }

  @Test
  void writesTheQuarterlyReportThatOpensInChromiumWithChartsAndNoConsoleMessages() throws Exception {
    Path reports = workdir.resolve("out/reports");
    Path report;
    try (Stream<Path> files = Files.list(reports)) {
      report = files.filter(f -> f.getFileName().toString().matches("quarterly-\\d{4}Q\\d\\.zh-CN\\.html")).findFirst().orElseThrow();
    }
    assertThat(output).contains("Report: " + report);

    HeadlessChromium.LoadedPage page = BrowserRequirement.chromium().load(report);
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom()).contains("id=\"chart-satisfaction-trend\"");
    assertThat(page.dom().split("<svg", -1)).as("svg charts drawn").hasSizeGreaterThanOrEqualTo(3);
  }
}
