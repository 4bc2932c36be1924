package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Destroys whole lake partitions that are older than a date and past their table's retention, and
 * records each destruction. A partition ({@code <table>/dt=YYYY-MM-DD/}, a day or a month) goes
 * only when it ended by the date asked for <em>and</em> by today minus the table's retention: a
 * partition still within its retention is never deleted (there is no override; a shorter retention
 * is a change of the configuration, and the communication records' three years are a floor there).
 *
 * <p>A partition is moved out of its table in one rename (readers listing the table see it whole or
 * not at all), recorded, then its files are deleted. The record is one JSON line per partition in
 * {@value #RECORD_FILE} at the lake root: {@code destroyed_at} (UTC), {@code destroyed_by} (the
 * operating-system user), {@code table}, {@code partition} (its dt), {@code files}, {@code rows},
 * {@code before} and {@code retention}; DuckDB reads it with {@code read_json}.
 */
public final class LakePurge {
  /** The destruction record, one JSON object a line, at the lake root. */
  public static final String RECORD_FILE = "destructions.jsonl";

  private static final String MOVED_PREFIX = ".purge-";

  /**
   * A partition older than the date asked for: its files and rows, the retention of its table and
   * the first day it may be destroyed ({@code destroyableFrom}; today or earlier when it may be
   * now).
   */
  public record Partition(
      String table,
      LocalDate dt,
      int files,
      long rows,
      Period retention,
      LocalDate destroyableFrom) {}

  /**
   * What a purge before a date would do: the partitions it destroys and those it keeps for their
   * retention.
   */
  public record Plan(LocalDate before, List<Partition> destroy, List<Partition> kept) {}

  private final Path lakeRoot;
  private final ChronoUnit partitionUnit;
  private final Function<String, Period> retention;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param partitionUnit what a partition {@code dt=} holds: a day ({@code DAYS}) or the month it
   *     is the first of ({@code MONTHS})
   * @param retention the retention of a lake table by name
   * @param zone the company's zone: "today" is its date there, as the {@code dt} of every row
   */
  public LakePurge(
      Path lakeRoot,
      ChronoUnit partitionUnit,
      Function<String, Period> retention,
      ZoneId zone,
      Clock clock) {
    this.lakeRoot = lakeRoot.toAbsolutePath().normalize();
    this.partitionUnit = partitionUnit;
    this.retention = retention;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The partitions that ended by {@code before}: those past their table's retention to destroy, the
   * others kept. Deletes nothing.
   */
  public Plan plan(LocalDate before) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    List<Partition> destroy = new ArrayList<>();
    List<Partition> kept = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path table : tables()) {
        String name = table.getFileName().toString();
        Period keep = retention.apply(name);
        for (Path dir : partitions(table)) {
          LocalDate dt = LakeFiles.partitionStart(dir);
          LocalDate end = dt.plus(1, partitionUnit);
          if (end.isAfter(before)) {
            continue;
          }
          List<Path> files = list(dir);
          List<Path> readable =
              LakeFiles.inPartition(files.stream().filter(f -> f.getParent().equals(dir)).toList());
          Partition p =
              new Partition(
                  name, dt, files.size(), LakeFiles.rows(duckdb, readable), keep, end.plus(keep));
          (p.destroyableFrom().isAfter(today) ? kept : destroy).add(p);
        }
      }
    } catch (SQLException e) {
      throw new WarehouseBuildException(
          "cannot count the rows of the lake's partitions: " + e.getMessage(), e);
    }
    return new Plan(before, List.copyOf(destroy), List.copyOf(kept));
  }

  /**
   * Destroys the partitions of {@code plan} and records each (by {@code user}); returns the
   * partitions destroyed. A purge interrupted after a record finishes deleting at the next run.
   */
  public List<Partition> purge(Plan plan, String user) {
    deleteLeftovers();
    List<Partition> done = new ArrayList<>();
    for (Partition p : plan.destroy()) {
      Path dir = lakeRoot.resolve(p.table()).resolve("dt=" + p.dt());
      if (!Files.isDirectory(dir)) {
        continue; // destroyed meanwhile by another run
      }
      Path moved = lakeRoot.resolve(MOVED_PREFIX + UUID.randomUUID());
      try {
        Files.move(dir, moved, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot take partition " + dir + " out of the lake", e);
      }
      record(p, plan.before(), user);
      deleteTree(moved);
      done.add(p);
    }
    return done;
  }

  /** The destruction record file. */
  public Path recordFile() {
    return lakeRoot.resolve(RECORD_FILE);
  }

  private void record(Partition p, LocalDate before, String user) {
    String line =
        "{\"destroyed_at\": "
            + json(Instant.now(clock).toString())
            + ", \"destroyed_by\": "
            + json(user)
            + ", \"table\": "
            + json(p.table())
            + ", \"partition\": "
            + json(p.dt().toString())
            + ", \"files\": "
            + p.files()
            + ", \"rows\": "
            + p.rows()
            + ", \"before\": "
            + json(before.toString())
            + ", \"retention\": "
            + json(p.retention().toString())
            + "}\n";
    try {
      Files.writeString(
          recordFile(),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the destruction record " + recordFile(), e);
    }
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : (text == null ? "" : text).toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Partitions a purge took out of the lake but did not finish deleting (already recorded). */
  private void deleteLeftovers() {
    try (Stream<Path> dirs = Files.list(lakeRoot)) {
      dirs.filter(d -> d.getFileName().toString().startsWith(MOVED_PREFIX))
          .forEach(LakePurge::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake " + lakeRoot, e);
    }
  }

  private List<Path> tables() {
    if (!Files.isDirectory(lakeRoot)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(lakeRoot)) {
      return dirs.filter(Files::isDirectory)
          .filter(
              d -> {
                String name = d.getFileName().toString();
                return !name.equals("reference") && !name.startsWith(".") && !name.startsWith("_");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake " + lakeRoot, e);
    }
  }

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

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list partition " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
