package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeFiles;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.WarehouseFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qualityloop bench refresh}: how long the warehouse file takes to catch up with a batch of
 * new events on a large lake (issue 18, item 4). The demo lake is scaled to {@code --rows} as
 * {@code bench pipeline} scales it; the baseline is a full build of the file in the same run; then
 * each batch of about {@code --batch-events} events lands as new Parquet files (as a checkpoint of
 * the lake job leaves them: the rows the streaming jobs wrote for a sample of the demo's
 * complaints, interactions and surveys, under new ids) and the file is refreshed.
 */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description =
        "Time to refresh the warehouse file after a batch of new events on a large lake, against a"
            + " full build of it. Needs a lake (run `qualityloop demo` first).")
final class RefreshBenchmark implements Callable<Integer> {
  /** Lake tables a batch adds rows to, and the column its sample is drawn by. */
  private static final Map<String, String> TABLES =
      Map.of(
          "complaint_events", "complaint_id",
          "complaint_facts", "complaint_id",
          "complaint_sla", "complaint_id",
          "complaint_snapshots", "complaint_id",
          "complaint_text", "complaint_id",
          "sla_events", "complaint_id",
          "service_interactions", "event_id",
          "callback_surveys", "event_id",
          "survey_comment_tone", "survey_id");

  /** Columns a batch's copy suffixes, so its rows are new ones. */
  private static final List<String> IDS =
      List.of("event_id", "complaint_id", "survey_id", "outcome_id", "snapshot_id", "alert_id");

  /** The input streams: their rows are the events a batch counts. */
  private static final List<String> EVENT_TABLES =
      List.of("complaint_events", "service_interactions", "callback_surveys");

  /** Models a batch's breakdown names, slowest first; the rest are summed. */
  private static final int SLOWEST_MODELS = 12;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--rows",
      defaultValue = "10000000",
      description = "Rows of the scaled lake. Default: ${DEFAULT-VALUE}.")
  private long rows;

  @Option(
      names = "--batch-events",
      defaultValue = "10000",
      description = "Events per batch. Default: ${DEFAULT-VALUE}.")
  private long batchEvents;

  @Option(
      names = "--batches",
      defaultValue = "3",
      description = "Batches, each refreshed after it lands. Default: ${DEFAULT-VALUE}.")
  private int batches;

  @Override
  public Integer call() throws Exception {
    QualityLoopCommand root = (QualityLoopCommand) spec.root().userObject();
    QualityLoopConfig config = root.config();
    PrintStream out = root.out();
    if (LakeFiles.of(config.lakeRoot().resolve("complaint_events")).isEmpty()) {
      root.err()
          .println(
              "qualityloop: no lake at " + config.lakeRoot() + ": run `qualityloop demo` first");
      return 1;
    }
    Path work = config.outDir().resolve("bench-work").toAbsolutePath();
    Path lake = work.resolve("refresh-lake");
    out.printf("[1] scaling %s to about %,d rows ...%n", config.lakeRoot(), rows);
    long actual = LayoutBenchmark.scale(config.lakeRoot(), lake, rows);
    Path file = work.resolve("refresh.duckdb");
    Files.deleteIfExists(file);
    // The service's file: its writer stays open between refreshes (WarehouseFile#holdingItsWriter).
    try (WarehouseFile warehouse =
        new WarehouseFile(file, lake, ModelCatalog.shipped(), ProjectScope.ALL)
            .holdingItsWriter()) {
      return run(root, out, lake, actual, warehouse);
    }
  }

  private int run(
      QualityLoopCommand root, PrintStream out, Path lake, long actual, WarehouseFile warehouse)
      throws SQLException {
    out.printf("[2] baseline: a full build of the warehouse file over %,d rows ...%n", actual);
    warehouse.refresh();
    double full = warehouse.lastBuildSeconds();
    out.printf("    %.2f s%n", full);

    List<Double> refreshes = new ArrayList<>();
    for (int batch = 1; batch <= batches; batch++) {
      long events = writeBatch(lake, batch);
      long before = warehouse.refreshes();
      warehouse.refresh();
      if (warehouse.refreshes() != before + 1) {
        root.err()
            .println("qualityloop: batch " + batch + " was not refreshed in place (built whole)");
        return 1;
      }
      refreshes.add(warehouse.lastBuildSeconds());
      out.printf(
          "[%d] batch %d: %,d events landed, refreshed in %.2f s (%.3f of the full build)%n",
          batch + 2,
          batch,
          events,
          warehouse.lastBuildSeconds(),
          warehouse.lastBuildSeconds() / full);
      printPhases(out, warehouse.lastRefreshPhases());
    }
    double best = refreshes.stream().mapToDouble(d -> d).min().orElse(0);
    double worst = refreshes.stream().mapToDouble(d -> d).max().orElse(0);
    out.printf(
        "refresh after a batch of about %,d events at %,d rows: %.2f-%.2f s; full build %.2f s;"
            + " ratio %.3f-%.3f%n",
        batchEvents, actual, best, worst, full, best / full, worst / full);
    return 0;
  }

  /** Where a refresh spent its time: each phase, and the slowest models it computed. */
  private static void printPhases(PrintStream out, Map<String, Double> phases) {
    List<Map.Entry<String, Double>> models =
        phases.entrySet().stream()
            .filter(e -> e.getKey().startsWith("  "))
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .toList();
    for (Map.Entry<String, Double> phase : phases.entrySet()) {
      if (phase.getKey().startsWith("  ")) {
        continue;
      }
      out.printf("      %-32s %6.2f s%n", phase.getKey(), phase.getValue());
      if (phase.getKey().equals("models")) {
        models.stream()
            .limit(SLOWEST_MODELS)
            .forEach(m -> out.printf("        %-30s %6.2f s%n", m.getKey().strip(), m.getValue()));
        if (models.size() > SLOWEST_MODELS) {
          out.printf(
              "        %-30s %6.2f s%n",
              "(" + (models.size() - SLOWEST_MODELS) + " others)",
              models.stream().skip(SLOWEST_MODELS).mapToDouble(Map.Entry::getValue).sum());
        }
      }
    }
  }

  /**
   * Writes batch {@code n}: of each lake table, the rows of a sample of copy 0 (the demo's own
   * rows) drawn so that the input streams get about {@code batchEvents} rows, ids suffixed {@code
   * ~b<n>}, Kafka offsets moved past every copy's; one file per partition. Returns its events.
   */
  private long writeBatch(Path lake, int n) throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement()) {
      long demoEvents = 0;
      for (String table : EVENT_TABLES) {
        demoEvents += count(s, "select count(*) from " + copyZero(lake, table));
      }
      long perMillion = Math.min(1_000_000, batchEvents * 1_000_000 / Math.max(1, demoEvents));
      long events = 0;
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        if (LakeFiles.of(lake.resolve(table.getKey())).isEmpty()) {
          continue;
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery("describe select * from " + copyZero(lake, table.getKey()))) {
          while (rs.next()) {
            columns.add(rs.getString(1));
          }
        }
        List<String> replaced = new ArrayList<>();
        for (String id : IDS) {
          if (columns.contains(id)) {
            replaced.add(id + " || '~b" + n + "' as " + id);
          }
        }
        if (columns.contains("src_offset")) {
          replaced.add("src_offset + " + (900L + n) + " * 100000000000 as src_offset");
        }
        String sample =
            "select * replace ("
                + String.join(", ", replaced)
                + ") from "
                + copyZero(lake, table.getKey())
                + " where hash("
                + table.getValue()
                + ") % 1000000 < "
                + perMillion;
        s.execute(
            "copy ("
                + sample
                + ") to '"
                + lake.resolve(table.getKey())
                + "' (format parquet, compression zstd, partition_by (dt), overwrite_or_ignore"
                + " true, filename_pattern 'part-batch"
                + n
                + "-{i}')");
        if (EVENT_TABLES.contains(table.getKey())) {
          events +=
              count(
                  s,
                  "select count(*) from read_parquet('"
                      + lake.resolve(table.getKey())
                      + "/*/part-batch"
                      + n
                      + "-*.parquet')");
        }
      }
      return events;
    }
  }

  /** The rows of copy 0 of a scaled lake table (the demo's own rows). */
  private static String copyZero(Path lake, String table) {
    return LakeFiles.readParquet(
        LakeFiles.of(lake.resolve(table)).stream()
            .filter(f -> f.getFileName().toString().startsWith("part-copy0-"))
            .toList());
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
