package io.qualityloop.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week, Monday to Sunday, written {@code 2026-W36}: the period of the weekly complaint
 * report.
 */
public record Week(int year, int number) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{1,2})");

  public static Week parse(String text) {
    Matcher m = FORMAT.matcher(text.trim().toUpperCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a week: '" + text + "' (expected e.g. 2026-W36)");
    }
    Week w = new Week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    if (w.number < 1
        || w.number
            > LocalDate.of(w.year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      throw new IllegalArgumentException("week " + w.number + " does not exist in " + w.year);
    }
    return w;
  }

  public static Week of(LocalDate day) {
    return new Week(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The Monday the week starts on. */
  public LocalDate start() {
    return LocalDate.of(year, 6, 1)
        .with(IsoFields.WEEK_BASED_YEAR, year)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The Monday after the week (exclusive end). */
  public LocalDate end() {
    return start().plusWeeks(1);
  }

  public Week previous() {
    return of(start().minusWeeks(1));
  }

  @Override
  public String toString() {
    return String.format("%d-W%02d", year, number);
  }
}
