package io.qualityloop.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.EventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery records in the lake: JSON lines under {@code <dir>/dt=YYYY-MM-DD/}, one file per day
 * and notifier start ({@code deliveries-<start ms>.jsonl}), appended and forced to disk before the
 * caller goes on (before a Kafka offset is committed, before a message is sent). At start the
 * latest state of every (alert, route) is read back; a torn last line (a crash in mid-write) is
 * skipped.
 */
public final class DeliveryStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);
  private static final ObjectMapper JSON = EventCodec.mapper();
  private final Path dir;
  private final ZoneId zone;
  private final Clock clock;
  private final String fileName;
  private final Map<DeliveryRecord.DeliveryKey, DeliveryRecord> latest = new HashMap<>();
  private FileChannel file;
  private LocalDate fileDay;

  public DeliveryStore(Path dir, ZoneId zone, Clock clock) {
    this.dir = dir;
    this.zone = zone;
    this.clock = clock;
    this.fileName = String.format("deliveries-%015d.jsonl", clock.millis());
    load();
  }

  private void load() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
              .sorted(
                  (a, b) -> {
                    int c = a.getFileName().toString().compareTo(b.getFileName().toString());
                    return c != 0 ? c : a.toString().compareTo(b.toString());
                  })
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the delivery records in " + dir, e);
    }
    int torn = 0;
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          try {
            DeliveryRecord rec = JSON.readValue(line, DeliveryRecord.class);
            latest.put(rec.key(), rec);
          } catch (IOException e) {
            torn++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read delivery records " + f, e);
      }
    }
    if (torn > 0) {
      LOG.warn("{} unreadable delivery record line(s) skipped (a write cut off by a crash)", torn);
    }
  }

  /** The latest state of every (alert, route) known. */
  public synchronized Map<DeliveryRecord.DeliveryKey, DeliveryRecord> latest() {
    return Map.copyOf(latest);
  }

  public synchronized boolean knows(DeliveryRecord.DeliveryKey key) {
    return latest.containsKey(key);
  }

  /** Appends {@code records} and forces them to disk. */
  public synchronized void append(List<DeliveryRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    try {
      for (DeliveryRecord r : records) {
        lines.append(JSON.writeValueAsString(r)).append('\n');
      }
      FileChannel out = file();
      ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write delivery records to " + dir, e);
    }
    for (DeliveryRecord r : records) {
      latest.put(r.key(), r);
    }
  }

  private FileChannel file() throws IOException {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (file == null || !today.equals(fileDay)) {
      if (file != null) {
        file.close();
      }
      Path day = dir.resolve("dt=" + today);
      Files.createDirectories(day);
      file =
          FileChannel.open(
              day.resolve(fileName),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      fileDay = today;
    }
    return file;
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        LOG.warn("closing the delivery records failed: {}", e.getMessage());
      }
      file = null;
    }
  }

  /** Every record of the store, in order written (for the drill-down and tests). */
  public static List<DeliveryRecord> readAll(Path dir) {
    List<DeliveryRecord> all = new ArrayList<>();
    try (Stream<Path> s = Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty()) {
      for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          try {
            all.add(JSON.readValue(line, DeliveryRecord.class));
          } catch (IOException e) {
            // torn line
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
