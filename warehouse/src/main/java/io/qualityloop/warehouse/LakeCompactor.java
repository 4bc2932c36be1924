package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Compacts the lake: each closed partition ({@code <table>/dt=YYYY-MM-DD/}, a day or a month) of
 * many small files, as the streaming sink leaves it (a file per checkpoint and writer), is
 * rewritten into one Parquet file sorted by project and time, in row groups of a chosen size,
 * ZSTD-compressed, so that DuckDB opens few files and skips row groups by their min/max statistics.
 *
 * <p>The switch is atomic for readers that list files through {@link LakeFiles}: the new file is
 * written hidden, a tombstone naming it and the files it replaces is written, and the rename of the
 * new file to its visible name switches readers over in one step. The replaced files and the
 * tombstone are deleted only after a grace period, so a reader that listed the old files just
 * before the switch can still open them. A run after a crash finishes or undoes what was left.
 */
public final class LakeCompactor {
  static final String COMPACTED_PREFIX = "compacted-";
  private static final String HIDDEN_PREFIX = ".compacting-";
  private static final List<String> TIME_COLUMNS =
      List.of(
          "occurred_at",
          "cycle_started_at",
          "started_at",
          "snapshot_at",
          "alert_at",
          "received_at",
          "detected_at",
          "flagged_at",
          "landed_at");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** What compaction did to one table. */
  public record TableResult(
      String table,
      int partitions,
      int filesBefore,
      int filesAfter,
      long bytesBefore,
      long bytesAfter,
      long rows) {}

  private final Path lakeRoot;
  private final ChronoUnit partitionUnit;
  private final int rowGroupRows;
  private final Duration grace;
  private final Clock clock;

  /**
   * @param partitionUnit what a partition {@code dt=} holds: a day ({@code DAYS}) or the month it
   *     is the first of ({@code MONTHS})
   * @param rowGroupRows rows per row group of the compacted files (DuckDB's default is 122,880)
   * @param grace how long replaced files stay after the switch, for readers that listed them before
   *     it
   */
  public LakeCompactor(
      Path lakeRoot, ChronoUnit partitionUnit, int rowGroupRows, Duration grace, Clock clock) {
    this.lakeRoot = lakeRoot;
    this.partitionUnit = partitionUnit;
    this.rowGroupRows = rowGroupRows;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Compacts every partition of every lake table whose day or month ended by {@code closedBefore}
   * that has more than one file, or one file not yet compacted; then deletes what the grace period
   * allows.
   */
  public List<TableResult> compact(LocalDate closedBefore) {
    List<TableResult> results = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path table : tables()) {
        int partitions = 0;
        int before = 0;
        int after = 0;
        long bytesBefore = 0;
        long bytesAfter = 0;
        long rows = 0;
        for (Path partition :
            partitions(table).stream().filter(p -> closed(p, closedBefore)).toList()) {
          List<Path> files = LakeFiles.inPartition(list(partition));
          if (files.isEmpty()
              || (files.size() == 1
                  && files.get(0).getFileName().toString().startsWith(COMPACTED_PREFIX))) {
            continue;
          }
          long bytes = size(files);
          Compacted compacted = compactPartition(duckdb, partition, files);
          partitions++;
          before += files.size();
          after++;
          bytesBefore += bytes;
          bytesAfter += size(List.of(compacted.file()));
          rows += compacted.rows();
        }
        results.add(
            new TableResult(
                table.getFileName().toString(),
                partitions,
                before,
                after,
                bytesBefore,
                bytesAfter,
                rows));
      }
    } catch (SQLException e) {
      throw new WarehouseBuildException("compaction failed: " + e.getMessage(), e);
    }
    cleanUp();
    return results;
  }

  /** A partition's compacted file and the rows it holds. */
  record Compacted(Path file, long rows) {}

  /** Rewrites one partition's {@code files} into one sorted file and switches readers to it. */
  Compacted compactPartition(Connection duckdb, Path partition, List<Path> files)
      throws SQLException {
    String id =
        ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path hidden = partition.resolve(HIDDEN_PREFIX + id + ".parquet");
    Path visible = partition.resolve(COMPACTED_PREFIX + id + ".parquet");
    String source =
        "read_parquet("
            + LakeFiles.sqlList(files)
            + ", union_by_name = true, hive_partitioning = false)";
    List<String> columns = new ArrayList<>();
    try (Statement s = duckdb.createStatement();
        ResultSet rs = s.executeQuery("describe select * from " + source)) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    List<String> keys = new ArrayList<>();
    if (columns.contains("project_id")) {
      keys.add("project_id");
    }
    TIME_COLUMNS.stream().filter(columns::contains).findFirst().ifPresent(keys::add);
    String order = keys.isEmpty() ? "" : " order by " + String.join(", ", keys);
    try (Statement s = duckdb.createStatement()) {
      s.execute(
          "copy (select * from "
              + source
              + order
              + ") to '"
              + quote(hidden.toString())
              + "' (format parquet, compression zstd, row_group_size "
              + rowGroupRows
              + ")");
    }
    long expected = LakeFiles.rows(duckdb, files);
    long written = LakeFiles.rows(duckdb, List.of(hidden));
    if (written != expected) {
      delete(hidden);
      throw new WarehouseBuildException(
          "compaction of "
              + partition
              + " wrote "
              + written
              + " rows of "
              + expected
              + "; nothing switched",
          null);
    }
    List<String> lines = new ArrayList<>();
    lines.add(visible.getFileName().toString());
    files.forEach(f -> lines.add(f.getFileName().toString()));
    try {
      Path pending = partition.resolve(".tombstone-" + id + ".tmp");
      Files.write(pending, lines, StandardCharsets.UTF_8);
      Files.move(
          pending,
          partition.resolve(LakeFiles.TOMBSTONE_PREFIX + id + LakeFiles.TOMBSTONE_SUFFIX),
          StandardCopyOption.ATOMIC_MOVE);
      Files.move(hidden, visible, StandardCopyOption.ATOMIC_MOVE); // the switch
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch " + partition + " to its compacted file", e);
    }
    return new Compacted(visible, written);
  }

  /**
   * Deletes, once the grace period has passed since the switch, the files a tombstone replaced and
   * then the tombstone; undoes a compaction that never switched (its hidden output). Returns the
   * number of files deleted.
   */
  public int cleanUp() {
    int deleted = 0;
    Instant cutoff = clock.instant().minus(grace);
    for (Path table : tables()) {
      for (Path partition : partitions(table)) {
        for (Path f : list(partition)) {
          String name = f.getFileName().toString();
          if (!olderThan(f, cutoff)) {
            continue;
          }
          if (name.startsWith(LakeFiles.TOMBSTONE_PREFIX)) {
            List<String> lines = LakeFiles.readTombstone(f);
            if (!lines.isEmpty() && Files.exists(partition.resolve(lines.get(0)))) {
              for (String old : lines.subList(1, lines.size())) {
                deleted += delete(partition.resolve(old)) ? 1 : 0;
              }
            }
            deleted += delete(f) ? 1 : 0; // after the files it replaced, never before
          } else if (name.startsWith(HIDDEN_PREFIX) || name.startsWith(".tombstone-")) {
            deleted += delete(f) ? 1 : 0;
          }
        }
      }
    }
    return deleted;
  }

  private List<Path> tables() {
    if (!Files.isDirectory(lakeRoot)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(lakeRoot)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("reference"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake " + lakeRoot, e);
    }
  }

  /** The partition directories of a table ({@code dt=YYYY-MM-DD}), sorted. */
  private static List<Path> partitions(Path table) {
    try (Stream<Path> dirs = Files.list(table)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> LakeFiles.partitionStart(d) != null)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lake table " + table, e);
    }
  }

  /**
   * Whether the partition's day or month (from its date, one {@link #partitionUnit} long) ended by
   * {@code closedBefore}.
   */
  private boolean closed(Path partition, LocalDate closedBefore) {
    return !LakeFiles.partitionStart(partition).plus(1, partitionUnit).isAfter(closedBefore);
  }

  private static List<Path> list(Path partition) {
    try (Stream<Path> files = Files.list(partition)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list partition " + partition, e);
    }
  }

  private static long size(List<Path> files) {
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  private static boolean olderThan(Path f, Instant cutoff) {
    try {
      return !Files.getLastModifiedTime(f).toInstant().isAfter(cutoff);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean delete(Path f) {
    try {
      return Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + f, e);
    }
  }

  private static String quote(String text) {
    return text.replace("'", "''");
  }
}
