package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State survives every run: the sample complaint form (客户投诉单) imported whole in one working
 * directory, and in another split into four files at three step boundaries (its rows in time
 * order, as weekly imports cut it), each imported by its own {@code ./qualityloop ingest}, a new
 * process that resumes the streaming state the one before left. Facts, SLA outcomes and alerts are
 * identical, with the same pseudonym key.
 */
class SplitImportITCase {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Path FORM = ShippedCommand.REPOSITORY.resolve("examples/imports/客户投诉单.csv");
  private static final String REFERENCE = ShippedCommand.REPOSITORY.resolve("examples/imports/reference").toString();
  /** A fixed key for both directories, and a quicker rhythm than the default (the checkpoints commit each run's output). */
  private static final Map<String, String> ENV = Map.of("QUALITYLOOP_PRIVACY_PSEUDONYM_KEY", "split-import-test-key-0123456789",
      "QUALITYLOOP_FLINK_CHECKPOINT_INTERVAL", "PT1S");

  @TempDir static Path whole;
  @TempDir static Path split;
  private static final List<ShippedCommand.Run> runs = new ArrayList<>();

  @BeforeAll
  static void importWholeAndSplit() throws Exception {
    Files.createDirectories(whole.resolve("in"));
    Files.copy(FORM, whole.resolve("in/客户投诉单.csv"));
    runs.add(ShippedCommand.run(whole, ENV, "ingest", "complaint-events", "in/客户投诉单.csv", "--reference", REFERENCE));

    List<String> lines = Files.readAllLines(FORM, GB18030);
    String header = lines.get(0);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    rows.sort(Comparator.comparing(row -> row.split(",", -1)[2])); // 发生时间, yyyy-MM-dd HH:mm
    int[] cuts = {0, 3, 6, 9, rows.size()};
    Files.createDirectories(split.resolve("in"));
    for (int part = 0; part < 4; part++) {
      Path file = split.resolve("in/客户投诉单-" + (part + 1) + ".csv");
      List<String> content = new ArrayList<>();
      content.add(header);
      content.addAll(rows.subList(cuts[part], cuts[part + 1]));
      Files.write(file, content, GB18030);
      List<String> args = new ArrayList<>(List.of("ingest", "complaint-events", "in/" + file.getFileName()));
      if (part == 0) {
        args.addAll(List.of("--reference", REFERENCE));
      }
      runs.add(ShippedCommand.run(split, ENV, args.toArray(String[]::new)));
    }
  }

  @Test
  void everyImportSucceeds() {
    assertThat(runs).hasSize(5).allSatisfy(r -> assertThat(r.exitCode()).as(r.output()).isZero());
  }

  @Test
  void factsAreIdenticalAndCompleteForTheComplaintSplitAcrossImports() throws Exception {
    List<String> facts = rows(whole, "complaint_facts");
    assertThat(facts).isNotEmpty();
    assertThat(rows(split, "complaint_facts")).containsExactlyElementsOf(facts);
    // The complaint whose steps span all four files keeps its category and its received and accepted times.
    assertThat(query(split, "select category, received_at is not null and accepted_at is not null from " + table(split, "complaint_facts")
        + " where complaint_id = 'C2026090200001'")).containsExactly("product|true");
  }

  @Test
  void slaOutcomesAreIdentical() throws Exception {
    List<String> outcomes = rows(whole, "complaint_sla");
    assertThat(query(whole, "select count(*) from " + table(whole, "complaint_sla") + " where complaint_id = 'C2026090200001'"))
        .containsExactly("8");
    assertThat(rows(split, "complaint_sla")).containsExactlyElementsOf(outcomes);
  }

  @Test
  void alertsAreIdentical() throws Exception {
    assertThat(rows(split, "sla_events")).containsExactlyElementsOf(rows(whole, "sla_events"));
  }

  private static String table(Path workdir, String table) {
    return "read_parquet('" + workdir.resolve("lake").resolve(table) + "/**/*.parquet', union_by_name = true)";
  }

  /** Every row but when it landed, as text, in a stable order. */
  private static List<String> rows(Path workdir, String table) throws Exception {
    return query(workdir, "select * exclude (landed_at) from " + table(workdir, table) + " order by all");
  }

  private static List<String> query(Path workdir, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
