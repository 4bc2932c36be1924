package io.qualityloop.cluster;

import io.qualityloop.warehouse.LakeFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reader of the lake while the job writes it, as a dashboard would: every second it counts the
 * rows of each table with DuckDB over the files {@link LakeFiles} lists (finished files only). It
 * records every read error and every count that went down.
 */
final class LakePoller implements AutoCloseable {
  private final Path lake;
  private final List<String> tables;
  private final Map<String, Long> last = new ConcurrentHashMap<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  final List<String> decreases = new CopyOnWriteArrayList<>();
  private volatile int polls;
  private volatile boolean running = true;
  private final Thread thread;

  LakePoller(Path lake, List<String> tables) {
    this.lake = lake;
    this.tables = tables;
    this.thread = new Thread(this::run, "lake-poller");
    thread.setDaemon(true);
    thread.start();
  }

  int polls() {
    return polls;
  }

  private void run() {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      while (running) {
        for (String table : tables) {
          List<Path> files = LakeFiles.of(lake.resolve(table));
          if (files.isEmpty()) {
            continue;
          }
          try (Statement s = duckdb.createStatement();
              ResultSet r =
                  s.executeQuery("select count(*) from " + LakeFiles.readParquet(files))) {
            r.next();
            long n = r.getLong(1);
            Long before = last.put(table, n);
            if (before != null && n < before) {
              decreases.add(table + ": " + before + " -> " + n);
            }
          } catch (Exception e) {
            // a file compacted away between listing and reading is retried by the next poll;
            // anything else is a finding
            errors.add(table + ": " + e.getMessage());
          }
        }
        polls++;
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      errors.add("poller: " + e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}
