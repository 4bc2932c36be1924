package io.qualityloop.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scheduled reports' delivery records: JSON lines under {@code
 * <dir>/dt=YYYY-MM-DD/reports.jsonl}, each appended and forced to disk before the caller goes on
 * (SENDING before the message leaves). Read back whole at start; a torn last line (a crash in
 * mid-write) is skipped.
 */
public final class ReportDeliveries {
  private static final ObjectMapper JSON = EventCodec.mapper();
  private final Path dir;
  private final ZoneId zone;
  private final Clock clock;
  private final Map<ReportDelivery.Key, ReportDelivery> latest = new HashMap<>();

  public ReportDeliveries(Path dir, ZoneId zone, Clock clock) {
    this.dir = dir;
    this.zone = zone;
    this.clock = clock;
    readAll(dir).forEach(r -> latest.put(r.key(), r));
  }

  /**
   * The pseudonym a recipient's address is recorded under: the first 16 hex digits of the SHA-256
   * of the address in lower case.
   */
  public static String recipientKey(String address) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "rcpt_" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public synchronized boolean knows(ReportDelivery.Key key) {
    return latest.containsKey(key);
  }

  /** Appends {@code record} and forces it to disk. */
  public synchronized void append(ReportDelivery record) {
    try {
      Path day = Files.createDirectories(dir.resolve("dt=" + LocalDate.now(clock.withZone(zone))));
      try (var out =
          FileChannel.open(
              day.resolve("reports.jsonl"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        out.write(
            ByteBuffer.wrap(
                (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report delivery records to " + dir, e);
    }
    latest.put(record.key(), record);
  }

  /** Every record in {@code dir}, in the order written. */
  public static List<ReportDelivery> readAll(Path dir) {
    List<ReportDelivery> all = new ArrayList<>();
    try (Stream<Path> s = Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty()) {
      for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          try {
            if (!line.isBlank()) {
              all.add(JSON.readValue(line, ReportDelivery.class));
            }
          } catch (IOException e) {
            // a torn line
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report delivery records in " + dir, e);
    }
    return all;
  }
}
