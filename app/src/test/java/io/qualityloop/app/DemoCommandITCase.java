package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.LakeFiles;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.WarehouseFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
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

  /**
   * A refresh of the warehouse file after new lake files (issue 18, item 4) appends to the staging
   * tables and recomputes what reads them; its tables equal a full build of the same lake, every
   * table row for row. The new files: the demo's newest month, held back from the first build, and
   * the lifecycle's rows of steps sent again (a twentieth of the complaints' facts, outcomes,
   * snapshots and alerts, same ids, landed a day later), so the latest-wins exclusions take out
   * rows the first build kept. (A step's own event is sent once: the door counts a copy as a
   * duplicate.)
   */
  @Test
  void aRefreshAfterNewLakeFilesGivesEveryTableOfAFullBuild(@TempDir Path dir) throws Exception {
    Path demoLake = workdir.resolve("lake");
    Path lake = dir.resolve("lake");
    String newest;
    try (Stream<Path> months = Files.list(demoLake.resolve("complaint_events"))) {
      newest =
          months
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("dt="))
              .sorted()
              .reduce((a, b) -> b)
              .orElseThrow();
    }
    copyTree(demoLake, lake, p -> !p.getFileName().toString().equals(newest));
    // As the service refreshes it: the first refresh opens a writer on a copy of the file (as a
    // command's refresh does), the second is made in that writer, held open between the two.
    WarehouseFile refreshed =
        new WarehouseFile(
                dir.resolve("refreshed.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL)
            .holdingItsWriter();
    assertThat(refreshed.refresh()).isTrue();

    copyTree(demoLake, lake, p -> true);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement()) {
      for (String table :
          List.of("complaint_facts", "complaint_sla", "complaint_snapshots", "sla_events")) {
        Path files = lake.resolve(table);
        s.execute(
            "copy (select * replace (landed_at + interval 1 day as landed_at) from "
                + LakeFiles.readParquet(LakeFiles.of(files))
                + " where hash(complaint_id) % 20 = 0) to '"
                + files
                + "' (format parquet, partition_by (dt), overwrite_or_ignore true,"
                + " filename_pattern 'part-resent-{i}')");
      }
    }
    assertThat(refreshed.refresh()).isTrue();
    assertThat(refreshed.refreshes()).as("refreshed in place, not built whole").isEqualTo(1);
    // A batch of one project: a model computed again for the changed projects only (Refresh: by
    // project_id) must give what it gives over every project.
    addOneProjectsBatch(lake, "P03");
    assertThat(refreshed.refresh()).isTrue();
    assertThat(refreshed.refreshes()).as("refreshed in place, not built whole").isEqualTo(2);
    assertThat(refreshed.lastRefreshPhases())
        .as("refreshed in the writer held since the first refresh")
        .doesNotContainKey("copy of the file (the writer opened)");
    refreshed.close();

    WarehouseFile whole =
        new WarehouseFile(
            dir.resolve("whole.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    assertThat(whole.refresh()).isTrue();
    assertThat(whole.refreshes()).isZero();

    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement()) {
      s.execute("attach '" + refreshed.file() + "' as r (read_only)");
      s.execute("attach '" + whole.file() + "' as w (read_only)");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select table_name from duckdb_tables() where database_name = 'w' and schema_name ="
                  + " 'main' and table_name"
                  + " not like 'warehouse_%' order by 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).hasSizeGreaterThan(70).contains("fct_complaints", "excluded_rows");
      Map<String, String> differences = new TreeMap<>();
      for (String table : tables) {
        // Doubles to 6 places: a sum over rows in another order may differ in its last bits.
        List<String> columns = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "select column_name, data_type from duckdb_columns() where database_name = 'w'"
                    + " and schema_name = 'main' and table_name = '"
                    + table
                    + "' order by column_index")) {
          while (rs.next()) {
            String column = '"' + rs.getString(1) + '"';
            columns.add(
                rs.getString(2).matches("DOUBLE|FLOAT") ? "round(" + column + ", 6)" : column);
          }
        }
        String select = "select " + String.join(", ", columns) + " from ";
        try (ResultSet rs =
            s.executeQuery(
                "select (select count(*) from ("
                    + select
                    + "r."
                    + table
                    + " except all "
                    + select
                    + "w."
                    + table
                    + ")), (select count(*) from ("
                    + select
                    + "w."
                    + table
                    + " except all "
                    + select
                    + "r."
                    + table
                    + "))")) {
          rs.next();
          if (rs.getLong(1) + rs.getLong(2) > 0) {
            differences.put(
                table, rs.getLong(1) + " only refreshed, " + rs.getLong(2) + " only whole");
          }
        }
      }
      assertThat(differences).isEmpty();
      try (ResultSet rs =
          s.executeQuery(
              "select model, count(*) from r.excluded_rows group by model order by model")) {
        Map<String, Long> excluded = new TreeMap<>();
        while (rs.next()) {
          excluded.put(rs.getString(1), rs.getLong(2));
        }
        assertThat(excluded)
            .as("the steps sent again were excluded")
            .containsKeys(
                "models/staging/stg_complaint_facts.sql",
                "models/staging/stg_complaint_sla.sql",
                "models/staging/stg_complaint_snapshots.sql",
                "models/staging/stg_sla_events.sql");
      }
    }
  }

  /**
   * The refresh benchmark runs end to end on a small scale: a full build as the baseline, then a
   * batch refreshed in place (it fails when a batch is built whole instead).
   */
  @Test
  void theRefreshBenchmarkRefreshesABatchInPlaceAndPrintsTheRatioToAFullBuild() {
    String out =
        run("bench", "refresh", "--rows", "200000", "--batch-events", "1000", "--batches", "1");
    assertThat(out)
        .containsPattern(
            "batch 1: [\\d,]+ events landed, refreshed in [\\d.]+ s \\([\\d.]+ of the full"
                + " build\\)")
        .contains("full build");
  }

  /** Copies the files under {@code from} that {@code take} accepts (directories included). */
  /**
   * Lands new rows of one project in every lake table with a project: a fifth of its rows again
   * under new ids (complaints, events, surveys, alerts), a day later, past every Kafka offset.
   */
  private static void addOneProjectsBatch(Path lake, String project) throws Exception {
    List<String> ids =
        List.of("event_id", "complaint_id", "survey_id", "outcome_id", "snapshot_id", "alert_id");
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement()) {
      try (Stream<Path> tables = Files.list(lake)) {
        for (Path table : tables.filter(Files::isDirectory).sorted().toList()) {
          if (LakeFiles.of(table).isEmpty()) {
            continue;
          }
          String rows = LakeFiles.readParquet(LakeFiles.of(table));
          List<String> columns = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("describe select * from " + rows)) {
            while (rs.next()) {
              columns.add(rs.getString(1));
            }
          }
          if (!columns.contains("project_id") || !columns.contains("dt")) {
            continue;
          }
          List<String> replaced = new ArrayList<>();
          ids.stream().filter(columns::contains).forEach(id -> replaced.add(id + " || '~p'"));
          replaced.replaceAll(r -> r + " as " + r.substring(0, r.indexOf(' ')));
          if (columns.contains("src_offset")) {
            replaced.add("src_offset + 1000000000 as src_offset");
          }
          if (columns.contains("landed_at")) {
            replaced.add("landed_at + interval 1 day as landed_at");
          }
          String sampled =
              columns.contains("complaint_id")
                  ? "hash(complaint_id) % 5 = 0"
                  : "hash(" + columns.get(0) + ") % 5 = 0";
          s.execute(
              "copy (select * "
                  + (replaced.isEmpty() ? "" : "replace (" + String.join(", ", replaced) + ") ")
                  + "from "
                  + rows
                  + " where project_id = '"
                  + project
                  + "' and "
                  + sampled
                  + ") to '"
                  + table
                  + "' (format parquet, partition_by (dt), overwrite_or_ignore true,"
                  + " filename_pattern 'part-project-{i}')");
        }
      }
    }
  }

  private static void copyTree(Path from, Path to, Predicate<Path> take) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.filter(p -> !p.equals(from)).toList()) {
        if (!take.test(p) || !take.test(p.getParent())) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)) {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }
}
