package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and destruction: whole partitions older than the date and past their table's retention
 * go, a dry run deletes nothing, a partition within its retention stays, and each destruction is
 * recorded in a JSON-lines file DuckDB reads.
 */
class LakePurgeTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Today: 2026-12-02 in Shanghai. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T04:00:00Z"), ZoneId.of("UTC"));

  @TempDir Path lake;

  // service_interactions (retention P3Y): 3 rows of 2022-01-15 (in two files), 2 rows of
  // 2025-06-10.
  // duplicates (P1Y): 1 row of 2025-01-05, 1 row of 2026-03-01.
  @BeforeEach
  void lake() throws Exception {
    new LakeFixture(lake)
        .table("service_interactions", interactions("A", 2, "2022-01-15"))
        .table(
            "service_interactions",
            interactions("B", 1, "2022-01-15") + "," + interactions("C", 2, "2025-06-10"))
        .table("duplicates", duplicate("D1", "2025-01-05") + "," + duplicate("D2", "2026-03-01"));
  }

  @Test
  void aDryRunListsWhatWouldGoAndWhatRetentionKeepsAndDeletesNothing() throws Exception {
    List<Path> before = allFiles();

    LakePurge.Plan plan = purge().plan(LocalDate.parse("2026-06-01"));

    assertThat(plan.destroy())
        .extracting(p -> p.table() + " " + p.dt() + " " + p.files() + " " + p.rows())
        .containsExactly("duplicates 2025-01-05 1 1", "service_interactions 2022-01-15 2 3");
    // 2025-06-10 is older than the date but its three years run until 2028-06-11; 2026-03-01's year
    // until 2027-03-02.
    assertThat(plan.kept())
        .extracting(p -> p.table() + " " + p.dt() + " " + p.retention() + " " + p.destroyableFrom())
        .containsExactly(
            "duplicates 2026-03-01 P1Y 2027-03-02",
            "service_interactions 2025-06-10 P3Y 2028-06-11");
    assertThat(allFiles()).isEqualTo(before);
    assertThat(lake.resolve(LakePurge.RECORD_FILE)).doesNotExist();
  }

  @Test
  void confirmedItDestroysThoseWholePartitionsOnlyAndRecordsWhatWhenAndByWhom() throws Exception {
    LakePurge purge = purge();

    List<LakePurge.Partition> done =
        purge.purge(purge.plan(LocalDate.parse("2026-06-01")), "auditor");

    assertThat(done).hasSize(2);
    assertThat(lake.resolve("service_interactions/dt=2022-01-15")).doesNotExist();
    assertThat(lake.resolve("duplicates/dt=2025-01-05")).doesNotExist();
    assertThat(rows("service_interactions")).isEqualTo(2);
    assertThat(rows("duplicates")).isEqualTo(1);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select \"table\", \"partition\", files, \"rows\", destroyed_by, destroyed_at,"
                    + " \"before\", retention from read_json('"
                    + lake.resolve(LakePurge.RECORD_FILE)
                    + "') order by \"table\"")) {
      List<String> records = new ArrayList<>();
      while (rs.next()) {
        records.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + " "
                + rs.getLong(3)
                + " "
                + rs.getLong(4)
                + " "
                + rs.getString(5)
                + " "
                + rs.getString(6).substring(0, 10)
                + " "
                + rs.getString(7)
                + " "
                + rs.getString(8));
      }
      assertThat(records)
          .containsExactly(
              "duplicates 2025-01-05 1 1 auditor 2026-12-02 2026-06-01 P1Y",
              "service_interactions 2022-01-15 2 3 auditor 2026-12-02 2026-06-01 P3Y");
    }
    // A second run finds nothing more and records nothing more.
    assertThat(purge.purge(purge.plan(LocalDate.parse("2026-06-01")), "auditor")).isEmpty();
    assertThat(Files.readAllLines(lake.resolve(LakePurge.RECORD_FILE))).hasSize(2);
  }

  @Test
  void aMonthPartitionGoesOnlyWhenItsWholeMonthEndedByTheDate() throws Exception {
    Files.move(
        lake.resolve("service_interactions/dt=2022-01-15"),
        lake.resolve("service_interactions/dt=2022-01-01"));
    LakePurge months =
        new LakePurge(lake, ChronoUnit.MONTHS, t -> Period.ofYears(3), SHANGHAI, CLOCK);

    assertThat(months.plan(LocalDate.parse("2022-01-31")).destroy()).isEmpty();
    assertThat(months.plan(LocalDate.parse("2022-02-01")).destroy())
        .extracting(LakePurge.Partition::dt)
        .containsExactly(LocalDate.parse("2022-01-01"));
  }

  private LakePurge purge() {
    return new LakePurge(
        lake,
        ChronoUnit.DAYS,
        t -> t.equals("duplicates") ? Period.ofYears(1) : Period.ofYears(3),
        SHANGHAI,
        CLOCK);
  }

  private long rows(String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from "
                    + LakeFiles.readParquet(LakeFiles.of(lake.resolve(table))))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<Path> allFiles() throws Exception {
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String interactions(String prefix, int n, String day) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          LakeFixture.row(
              "service_interactions",
              Map.of(
                  "event_id",
                  "'" + prefix + i + "'",
                  "project_id",
                  "'P01'",
                  "dt",
                  "date '" + day + "'")));
    }
    return String.join(",", rows);
  }

  private static String duplicate(String id, String day) {
    return LakeFixture.row(
        "duplicates", Map.of("event_id", "'" + id + "'", "dt", "date '" + day + "'"));
  }
}
