package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of closed day partitions: same rows, one sorted file, an atomic switch, pruned row
 * groups.
 */
class LakeCompactorTest {
  private static final LocalDate EVERYTHING = LocalDate.of(2100, 1, 1);

  @Test
  void eachClosedPartitionBecomesOneFileSortedByProjectAndTimeWithTheSameRows(@TempDir Path lake)
      throws Exception {
    // Three writes (three files per partition, as three checkpoints would leave them) on two days.
    LakeFixture fixture =
        new LakeFixture(lake)
            .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)));
    fixture.table(
        "service_interactions",
        call("I1", "P02", "2026-07-01 15:00:00") + "," + call("I2", "P01", "2026-07-02 09:00:00"));
    fixture.table(
        "service_interactions",
        call("I3", "P01", "2026-07-01 16:00:00") + "," + call("I4", "P02", "2026-07-02 08:00:00"));
    fixture.table(
        "service_interactions",
        call("I5", "P01", "2026-07-01 10:00:00") + "," + call("I6", "P01", "2026-07-02 07:00:00"));
    Map<String, List<Map<String, Object>>> before = everyModel(lake);

    List<LakeCompactor.TableResult> results =
        new LakeCompactor(lake, ChronoUnit.DAYS, 122_880, Duration.ZERO, Clock.systemUTC())
            .compact(EVERYTHING);

    LakeCompactor.TableResult interactions =
        results.stream()
            .filter(r -> r.table().equals("service_interactions"))
            .findFirst()
            .orElseThrow();
    assertThat(interactions.partitions()).isEqualTo(2);
    assertThat(interactions.filesBefore()).isEqualTo(6);
    assertThat(interactions.filesAfter()).isEqualTo(2);
    assertThat(interactions.rows()).isEqualTo(6);
    // Nothing else left in the partition: the replaced files and the tombstone are gone (no grace
    // period).
    assertThat(names(lake.resolve("service_interactions/dt=2026-07-01")))
        .singleElement()
        .asString()
        .startsWith("compacted-")
        .endsWith(".parquet");
    // Sorted by project, then time: P01 10:00, P01 16:00, P02 15:00.
    assertThat(column(LakeFiles.of(lake.resolve("service_interactions")).get(0), "event_id"))
        .containsExactly("I5", "I3", "I1");
    // Every model computes the same rows from the compacted lake.
    assertThat(everyModel(lake)).isEqualTo(before);
    // A second run finds nothing to do.
    assertThat(
            new LakeCompactor(lake, ChronoUnit.DAYS, 122_880, Duration.ZERO, Clock.systemUTC())
                .compact(EVERYTHING))
        .allSatisfy(r -> assertThat(r.partitions()).isZero());
  }

  @Test
  void aPartitionNotYetClosedIsLeftAsItIs(@TempDir Path lake) throws Exception {
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table(
        "service_interactions",
        call("I1", "P01", "2026-07-01 15:00:00") + "," + call("I2", "P01", "2026-07-02 09:00:00"));
    fixture.table(
        "service_interactions",
        call("I3", "P01", "2026-07-01 16:00:00") + "," + call("I4", "P01", "2026-07-02 08:00:00"));

    new LakeCompactor(lake, ChronoUnit.DAYS, 122_880, Duration.ZERO, Clock.systemUTC())
        .compact(LocalDate.parse("2026-07-02"));

    assertThat(names(lake.resolve("service_interactions/dt=2026-07-01"))).hasSize(1);
    assertThat(names(lake.resolve("service_interactions/dt=2026-07-02")))
        .hasSize(2)
        .noneMatch(n -> n.startsWith("compacted-"));
  }

  @Test
  void aMonthPartitionIsClosedOnlyOnceTheMonthHasEnded(@TempDir Path lake) throws Exception {
    // Month partitions: dt= the first of the month. Two files each in June and July.
    for (String month : List.of("2026-06-01", "2026-07-01")) {
      Path partition = Files.createDirectories(lake.resolve("service_interactions/dt=" + month));
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        for (int file = 0; file < 2; file++) {
          s.execute(
              "copy (select 'E"
                  + month
                  + "-"
                  + file
                  + "' as event_id, 'P01' as project_id, timestamp '"
                  + month
                  + " 10:00:00' as occurred_at) to '"
                  + partition.resolve("part-" + file + ".parquet")
                  + "' (format parquet)");
        }
      }
    }
    // On 2026-07-31 July has not ended: only June is compacted; from 2026-08-01 July is too.
    new LakeCompactor(lake, ChronoUnit.MONTHS, 122_880, Duration.ZERO, Clock.systemUTC())
        .compact(LocalDate.parse("2026-07-31"));
    assertThat(names(lake.resolve("service_interactions/dt=2026-06-01")))
        .singleElement()
        .asString()
        .startsWith("compacted-");
    assertThat(names(lake.resolve("service_interactions/dt=2026-07-01"))).hasSize(2);
    new LakeCompactor(lake, ChronoUnit.MONTHS, 122_880, Duration.ZERO, Clock.systemUTC())
        .compact(LocalDate.parse("2026-08-01"));
    assertThat(names(lake.resolve("service_interactions/dt=2026-07-01")))
        .singleElement()
        .asString()
        .startsWith("compacted-");
  }

  @Test
  void aReaderPollingDuringCompactionSeesEveryRowExactlyOnceAndNeverAnError(@TempDir Path lake)
      throws Exception {
    // 30 day partitions of 4 files of 50 rows: 6,000 rows.
    Path table = Files.createDirectories(lake.resolve("service_interactions"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (int day = 1; day <= 30; day++) {
        Path partition =
            Files.createDirectories(table.resolve(String.format("dt=2026-06-%02d", day)));
        for (int file = 0; file < 4; file++) {
          s.execute(
              "copy (select 'E"
                  + day
                  + "-' || i as event_id, 'P0' || (i % 3) as project_id, timestamp '2026-06-01' +"
                  + " to_seconds(i) as occurred_at from range("
                  + (file * 50)
                  + ", "
                  + (file * 50 + 50)
                  + ") t(i)) to '"
                  + partition.resolve("part-" + file + ".parquet")
                  + "' (format parquet, compression zstd)");
        }
      }
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> problem = new AtomicReference<>();
    List<Long> counts = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                  Statement s = c.createStatement()) {
                while (!done.get() || counts.isEmpty()) {
                  List<Path> files = LakeFiles.of(table);
                  try (ResultSet rs =
                      s.executeQuery(
                          "select count(*), count(distinct event_id) from read_parquet("
                              + files.stream().map(f -> "'" + f + "'").toList()
                              + ")")) {
                    rs.next();
                    counts.add(
                        rs.getLong(1) == rs.getLong(2)
                            ? rs.getLong(1)
                            : -rs.getLong(1)); // negative: some row twice
                  }
                }
              } catch (Exception e) {
                problem.set(e.toString());
              }
            });
    reader.start();
    // A grace period: files replaced while the reader was between listing and reading stay
    // readable.
    new LakeCompactor(lake, ChronoUnit.DAYS, 122_880, Duration.ofMinutes(10), Clock.systemUTC())
        .compact(EVERYTHING);
    done.set(true);
    reader.join();

    assertThat(problem.get()).as("a read error while polling").isNull();
    // Every poll (there are several while 30 partitions switch one by one) saw each of the 6,000
    // rows once.
    assertThat(counts)
        .as("rows the reader saw on each poll")
        .hasSizeGreaterThan(1)
        .containsOnly(6_000L);
    // Within the grace period the replaced files are still there (hidden from readers by the
    // tombstones) ...
    assertThat(names(table.resolve("dt=2026-06-01"))).hasSize(6);
    // ... and a later cleanup past it deletes them, the tombstone last.
    int deleted =
        new LakeCompactor(
                lake,
                ChronoUnit.DAYS,
                122_880,
                Duration.ofMinutes(10),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11)))
            .cleanUp();
    assertThat(deleted).isEqualTo(30 * 5);
    assertThat(names(table.resolve("dt=2026-06-01")))
        .singleElement()
        .asString()
        .startsWith("compacted-");
  }

  @Test
  void aOneProjectQueryOnACompactedPartitionReadsAFractionOfItsRowGroups(@TempDir Path lake)
      throws Exception {
    // One day of 300,000 interactions of 10 projects, written as 3 unsorted files (as a stream
    // leaves them).
    Path partition = Files.createDirectories(lake.resolve("service_interactions/dt=2026-07-01"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (int file = 0; file < 3; file++) {
        s.execute(
            "copy (select 'E' || i as event_id, 'P' || lpad(cast((i * 7) % 10 as varchar), 2, '0')"
                + " as project_id, timestamp '2026-07-01' + to_seconds(i % 86400) as occurred_at"
                + " from range("
                + (file * 100_000)
                + ", "
                + (file * 100_000 + 100_000)
                + ") t(i)) to '"
                + partition.resolve("part-" + file + ".parquet")
                + "' (format parquet, compression zstd, row_group_size 30000)");
      }
    }
    String query = "select count(*) from read_parquet(%s) where project_id = 'P03'";
    int[] naive =
        rowGroupsScanned(
            String.format(
                query,
                LakeFiles.of(lake.resolve("service_interactions")).stream()
                    .map(f -> "'" + f + "'")
                    .toList()));
    // Unsorted: every row group holds every project, so none can be skipped.
    assertThat(naive[0]).isEqualTo(naive[1]);

    new LakeCompactor(lake, ChronoUnit.DAYS, 30_000, Duration.ZERO, Clock.systemUTC())
        .compact(EVERYTHING);

    int[] compacted =
        rowGroupsScanned(
            String.format(
                query,
                LakeFiles.of(lake.resolve("service_interactions")).stream()
                    .map(f -> "'" + f + "'")
                    .toList()));
    // Sorted by project: P03's 30,000 rows lie in at most 2 of the 10 row groups of 30,000.
    assertThat(compacted[1]).isEqualTo(10);
    assertThat(compacted[0]).isBetween(1, 2);
  }

  /** "Row Groups Scanned: x / y" of EXPLAIN ANALYZE. */
  private static int[] rowGroupsScanned(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain analyze " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(2));
      }
      Matcher m = Pattern.compile("Row Groups Scanned: (\\d+) / (\\d+)").matcher(plan);
      assertThat(m.find()).as("row groups in the plan:\n" + plan).isTrue();
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
  }

  /** A row whose list values compare by content (a JDBC array compares by identity). */
  private static Map<String, Object> comparable(Map<String, Object> row) {
    Map<String, Object> out = new HashMap<>();
    row.forEach(
        (column, value) -> {
          try {
            out.put(
                column,
                value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
    return out;
  }

  private static Map<String, List<Map<String, Object>>> everyModel(Path lake) {
    Map<String, List<Map<String, Object>>> rows = new HashMap<>();
    try (Warehouse warehouse = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      for (Model model : warehouse.models()) {
        rows.put(
            model.name(),
            warehouse.query("select * from " + model.name() + " order by all").stream()
                .map(LakeCompactorTest::comparable)
                .toList());
      }
    }
    return rows;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> column(Path file, String column) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select " + column + " from read_parquet('" + file + "')")) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static String call(String id, String project, String at) {
    return LakeFixture.row(
        "service_interactions",
        Map.of(
            "event_id",
            "'" + id + "'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '" + at + "'",
            "channel",
            "'PHONE'",
            "kind",
            "'INBOUND_CALL'",
            "project_id",
            "'" + project + "'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }
}
