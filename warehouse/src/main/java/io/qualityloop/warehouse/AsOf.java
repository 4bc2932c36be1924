package io.qualityloop.warehouse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The moment a warehouse reads the lake as of: every row whose {@code landed_at} (local time in
 * the company's zone) is not later, or {@link #NOW} for the whole lake. A date means the end of
 * that day: {@code 2026-10-05} keeps everything landed by 2026-10-05 23:59:59.999999.
 */
public final class AsOf {
  public static final AsOf NOW = new AsOf(null);

  private final LocalDateTime through;

  private AsOf(LocalDateTime through) {
    this.through = through;
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
      throw new IllegalArgumentException("--as-of '" + text + "' is not a date (2026-10-05) or a local date-time (2026-10-05T09:30)");
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
    return "timestamp '" + through.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")) + "'";
  }

  @Override
  public String toString() {
    return through == null ? "now" : through.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }
}
