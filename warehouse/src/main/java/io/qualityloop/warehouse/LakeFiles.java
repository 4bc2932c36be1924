package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Parquet files of a lake table that a reader must read: finished files only, and of a
 * partition that compaction rewrote, the compacted file instead of the files it replaced.
 *
 * <p>A file is finished when its name does not start with a dot (the lake job writes in-progress
 * files as dot-files and renames them when a checkpoint completes). Compaction ({@link
 * LakeCompactor}) writes its output as a dot-file, then a tombstone {@code _replaced-<id>.txt}
 * naming the compacted file (first line) and the files it replaces, then renames the output to its
 * visible name. The rename is the one atomic step that switches a reader from the old files to the
 * new one: a tombstone counts only once the file it names is visible. Whichever moment a reader
 * lists the partition, it reads every row exactly once.
 */
public final class LakeFiles {
  static final String TOMBSTONE_PREFIX = "_replaced-";
  static final String TOMBSTONE_SUFFIX = ".txt";

  private LakeFiles() {}

  /**
   * The files of the table under {@code tableDir} a reader should read, sorted; empty when there
   * are none.
   */
  public static List<Path> of(Path tableDir) {
    for (int attempt = 1; ; attempt++) {
      try {
        return list(tableDir);
      } catch (UncheckedIOException e) {
        // A file vanished while the directory was walked (a compaction's temporary tombstone
        // renamed, a replaced file cleaned up): list again.
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private static List<Path> list(Path tableDir) {
    if (!Files.isDirectory(tableDir)) {
      return List.of();
    }
    Map<Path, List<Path>> byDirectory = new TreeMap<>();
    try (Stream<Path> files = Files.walk(tableDir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> byDirectory.computeIfAbsent(f.getParent(), d -> new ArrayList<>()).add(f));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lake table " + tableDir, e);
    }
    List<Path> visible = new ArrayList<>();
    byDirectory.values().forEach(files -> visible.addAll(inPartition(files)));
    visible.sort(null);
    return visible;
  }

  /** The date of a partition folder {@code dt=YYYY-MM-DD}, or null for any other folder. */
  static LocalDate partitionStart(Path dir) {
    String name = dir.getFileName().toString();
    try {
      return name.startsWith("dt=") ? LocalDate.parse(name.substring(3)) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The rows of some Parquet files, from their footers (0 for none). */
  static long rows(Connection duckdb, List<Path> files) throws SQLException {
    if (files.isEmpty()) {
      return 0;
    }
    try (Statement s = duckdb.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(sum(num_rows), 0) from parquet_file_metadata("
                    + sqlList(files)
                    + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The files as a DuckDB list literal, {@code ['/lake/t/dt=.../a.parquet', ...]}. */
  public static String sqlList(List<Path> files) {
    return "["
        + String.join(
            ", ", files.stream().map(f -> "'" + f.toString().replace("'", "''") + "'").toList())
        + "]";
  }

  /**
   * DuckDB's {@code read_parquet} of the files as the warehouse reads a lake table: the partition
   * {@code dt} from the path as a date, columns matched by name (older files may lack newer
   * columns).
   */
  public static String readParquet(List<Path> files) {
    return "read_parquet("
        + sqlList(files)
        + ", hive_partitioning = true, hive_types = {'dt': date}, union_by_name = true)";
  }

  /** Of the files of one partition directory, those a reader should read. */
  static List<Path> inPartition(List<Path> files) {
    Set<String> names = new TreeSet<>();
    List<Path> tombstones = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith(TOMBSTONE_PREFIX) && name.endsWith(TOMBSTONE_SUFFIX)) {
        tombstones.add(f);
      } else if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
        names.add(name);
      }
    }
    for (Path tombstone : tombstones) {
      List<String> lines = readTombstone(tombstone);
      if (!lines.isEmpty() && names.contains(lines.get(0))) {
        lines.subList(1, lines.size()).forEach(names::remove);
      }
    }
    if (files.isEmpty()) {
      return List.of();
    }
    Path dir = files.get(0).getParent();
    return names.stream().map(dir::resolve).toList();
  }

  /**
   * The compacted file (first) and the files it replaces; empty if the tombstone went away
   * meanwhile.
   */
  static List<String> readTombstone(Path tombstone) {
    try {
      return Files.readAllLines(tombstone, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (NoSuchFileException gone) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read compaction tombstone " + tombstone, e);
    }
  }
}
