package io.qualityloop.jobs.lake.functions;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The lake's time columns: wall-clock time in the company's time zone (the business works, and
 * reports, in local time), stored as Avro local-timestamp-micros. Rows themselves are built by
 * {@link LakeRowMapping}.
 */
public final class LakeRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ZoneId zone;

  public LakeRowConverter(ZoneId zone) {
    this.zone = zone;
  }

  /** Microseconds since the epoch of the wall-clock time in the company's zone. */
  public long localMicros(OffsetDateTime instant) {
    return micros(instant.atZoneSameInstant(zone).toLocalDateTime());
  }

  /**
   * Microseconds since the epoch of the wall-clock time in the company's zone at {@code
   * epochMillis}.
   */
  public long localMicrosOfEpochMillis(long epochMillis) {
    return micros(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone));
  }

  /** A wall-clock time as the lake stores it. */
  static long micros(LocalDateTime local) {
    return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1_000;
  }

  /**
   * A lake row's local-timestamp-micros column read back as the wall-clock time it stands for (the
   * inverse of the above).
   */
  public static LocalDateTime localDateTime(long micros) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000,
        ZoneOffset.UTC);
  }
}
