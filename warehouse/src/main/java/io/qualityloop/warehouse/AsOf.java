package io.qualityloop.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The moment a warehouse reads the lake as of: every row whose {@code landed_at} (local time in the
 * company's zone) is not later, or {@link #NOW} for the whole lake. A date means the end of that
 * day: {@code 2026-10-05} keeps everything landed by 2026-10-05 23:59:59.999999.
 */
public final class AsOf {
  public static final AsOf NOW = new AsOf(null);

  /** The zone a moment is read in when none was given: the shipped default of {@code time.zone}. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private final LocalDateTime through;
  private final ZoneId zone;

  private AsOf(LocalDateTime through) {
    this(through, DEFAULT_ZONE);
  }

  private AsOf(LocalDateTime through, ZoneId zone) {
    this.through = through;
    this.zone = zone;
  }

  /**
   * The same moment read as wall-clock time in the company's {@code zone} (configuration {@code
   * time.zone}).
   */
  public AsOf inZone(ZoneId zone) {
    return through == null ? this : new AsOf(through, zone);
  }

  /**
   * The last moment included as an instant (in the {@linkplain #inZone zone}); only when not {@link
   * #NOW}.
   */
  public Instant instant() {
    return through().atZone(zone).toInstant();
  }

  /** Rows landed at or before {@code through}. */
  public static AsOf through(LocalDateTime through) {
    return new AsOf(through.truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * Parses {@code YYYY-MM-DD} (the end of that day) or {@code YYYY-MM-DDTHH:MM[:SS]}; {@code null}
   * or blank is {@link #NOW}.
   */
  public static AsOf parse(String text) {
    if (text == null || text.isBlank()) {
      return NOW;
    }
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return new AsOf(LocalDate.parse(t).atTime(LocalTime.MAX).truncatedTo(ChronoUnit.MICROS));
      }
      return through(LocalDateTime.parse(t.replace(' ', 'T')));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--as-of '"
              + text
              + "' is not a date (2026-10-05) or a local date-time (2026-10-05T09:30)");
    }
  }

  public boolean isNow() {
    return through == null;
  }

  /** The last moment included; only when not {@link #NOW}. */
  public LocalDateTime through() {
    if (through == null) {
      throw new IllegalStateException("the whole lake has no as-of moment");
    }
    return through;
  }

  String sqlLiteral() {
    return "timestamp '"
        + through.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"))
        + "'";
  }

  @Override
  public String toString() {
    return through == null ? "now" : through.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }
}
