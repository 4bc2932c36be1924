package io.qualityloop.warehouse.testutils;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.StaffRef;
import io.qualityloop.warehouse.Model;
import io.qualityloop.warehouse.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a small lake the way the lake job lays it out ({@code <table>/dt=YYYY-MM-DD/*.parquet}),
 * using the source declarations for the columns, so model tests run on real Parquet files.
 */
public final class LakeFixture {
  /** When rows land unless {@link #landedAt} says otherwise: long before any as-of in a test. */
  public static final String DEFAULT_LANDED_AT = "2020-01-01 00:00:00";

  /** The room's keyed pseudonym: positional rows of the event tables may leave it out. */
  private static final String ROOM_PSEUDONYM = "room_pseudonym";

  private final Path lake;
  private String landedAt = DEFAULT_LANDED_AT;
  private int files;

  public LakeFixture(Path lake) {
    this.lake = lake;
  }

  /** The {@code landed_at} of the rows the following {@link #table} calls write. */
  public LakeFixture landedAt(String timestamp) {
    this.landedAt = timestamp;
    return this;
  }

  /**
   * Inserts {@code valuesSql} (rows of the table's declared columns but {@code landed_at}, dt
   * last), stamps them with the current {@link #landedAt} and writes Parquet (each call its own
   * files).
   */
  public LakeFixture table(String table, String valuesSql) throws Exception {
    Model source =
        ModelCatalog.shipped().layer(Model.SOURCES).stream()
            .filter(m -> m.name().equals(table))
            .findFirst()
            .orElseThrow();
    Files.createDirectories(lake.resolve(table));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(source.sql());
      List<String> columns = declaredColumns(table);
      try (Statement insert =
          c.createStatement()) { // a statement that fails is closed by the driver
        insert.execute(
            "insert into " + table + " (" + String.join(", ", columns) + ") values " + valuesSql);
      } catch (SQLException e) {
        if (!columns.contains(ROOM_PSEUDONYM)
            || !String.valueOf(e.getMessage()).contains("Column name/value mismatch")) {
          throw e;
        }
        // Positional rows written before the room became a pseudonym (issue 20): it stays null.
        List<String> withoutRoomPseudonym =
            columns.stream().filter(col -> !col.equals(ROOM_PSEUDONYM)).toList();
        s.execute(
            "insert into "
                + table
                + " ("
                + String.join(", ", withoutRoomPseudonym)
                + ") values "
                + valuesSql);
      }
      if (source.sql().contains("landed_at")) {
        s.execute("update " + table + " set landed_at = timestamp '" + landedAt + "'");
      }
      if (source.sql().contains("src_offset")) {
        // Each record has its own Kafka position, as in a real lake (positions are tested unique).
        s.execute(
            "update "
                + table
                + " set src_offset = rowid + "
                + (1_000_000L * Math.abs(table.hashCode() % 1000) + 10_000L * files));
      }
      s.execute(
          "copy "
              + table
              + " to '"
              + lake.resolve(table)
              + "' (format parquet, compression zstd, partition_by (dt), overwrite_or_ignore true,"
              + " filename_pattern 'part"
              + files++
              + "_{i}')");
    }
    return this;
  }

  /**
   * One row of a lake table as a SQL tuple for {@link #table}: the columns named in {@code values}
   * (SQL literals) set, every other declared column null. A name the table does not declare fails;
   * {@code landed_at} is set by {@link #landedAt}.
   */
  public static String row(String table, Map<String, String> values) {
    List<String> columns = declaredColumns(table);
    for (String name : values.keySet()) {
      if (!columns.contains(name)) {
        throw new IllegalArgumentException(
            table + " has no column " + name + "; it has " + columns);
      }
    }
    return "("
        + String.join(", ", columns.stream().map(c -> values.getOrDefault(c, "null")).toList())
        + ")";
  }

  private static final Map<String, List<String>> COLUMNS = new ConcurrentHashMap<>();

  private static List<String> declaredColumns(String table) {
    return COLUMNS.computeIfAbsent(
        table,
        t -> {
          Model source =
              ModelCatalog.shipped().layer(Model.SOURCES).stream()
                  .filter(m -> m.name().equals(t))
                  .findFirst()
                  .orElseThrow();
          List<String> columns = new ArrayList<>();
          try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
              Statement s = c.createStatement()) {
            s.execute(source.sql());
            try (ResultSet rs =
                s.executeQuery(
                    "select column_name from information_schema.columns where table_name = '"
                        + t
                        + "' order by ordinal_position")) {
              while (rs.next()) {
                if (!rs.getString(1).equals("landed_at")) {
                  columns.add(rs.getString(1));
                }
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException("cannot read the declaration of " + t, e);
          }
          return columns;
        });
  }

  public LakeFixture reference(List<ProjectRef> projects) {
    Path dir = lake.resolve("reference");
    ReferenceData.copyStaticFiles(dir);
    ReferenceData.writeProjects(dir.resolve(ReferenceData.PROJECTS_FILE), projects);
    ReferenceData.writeStaff(
        dir.resolve(ReferenceData.STAFF_FILE),
        List.of(new StaffRef("S001", "王芳", "agent", "客服一组", "华东服务中心")));
    return this;
  }

  public static ProjectRef project(String id, int occupied) {
    return new ProjectRef(
        id,
        "项目" + id,
        "杭州",
        "high_rise",
        occupied + 100,
        occupied,
        LocalDate.of(2024, 1, 1),
        "华东服务中心");
  }

  /**
   * {@code n} complaint cycles of P01 received and closed on {@code day}, as rows of {@code
   * complaint_facts}, the first {@code calledBack} of them called back; none reopened.
   */
  public static List<String> closedCycles(String day, int n, int calledBack) {
    List<String> facts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      facts.add(
          row(
              "complaint_facts",
              Map.of(
                  "complaint_id",
                  "'F-" + day + "-" + i + "'",
                  "cycle",
                  "1",
                  "project_id",
                  "'P01'",
                  "cycle_started_at",
                  "timestamp '" + day + " 09:00:00'",
                  "closed_at",
                  "timestamp '" + day + " 18:00:00'",
                  "ended_at",
                  "timestamp '" + day + " 18:00:00'",
                  "ended_by_reopen",
                  "false",
                  "callback_at",
                  i < calledBack ? "timestamp '" + day + " 17:00:00'" : "null",
                  "dt",
                  "date '" + day + "'")));
    }
    return facts;
  }
}
