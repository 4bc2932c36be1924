package io.qualityloop.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The company's working-day calendar ({@code reference/working_calendar.csv}): Monday to Friday are
 * working days and weekends are not, except the listed public holidays and the weekend days worked
 * to make up for them (调休).
 */
public final class WorkingCalendar implements Serializable {
  private static final long serialVersionUID = 1L;
  private final HashMap<LocalDate, Boolean> exceptions;

  private WorkingCalendar(Map<LocalDate, Boolean> exceptions) {
    this.exceptions = new HashMap<>(exceptions);
    this.years = new TreeSet<>();
    exceptions.keySet().forEach(d -> years.add(d.getYear()));
  }

  private final TreeSet<Integer> years;

  /**
   * Whether the calendar lists the holidays of {@code year}. A year it does not cover falls back to
   * plain weekdays, which misses that year's holidays: add the year before it starts.
   */
  public boolean covers(int year) {
    return years.contains(year);
  }

  /** The years whose holidays the calendar lists, in order. */
  public SortedSet<Integer> coveredYears() {
    return Collections.unmodifiableSortedSet(years);
  }

  /**
   * What a working-time computation in {@code year} loses when the calendar does not cover it, as a
   * sentence for logs and messages; null when the year is covered.
   */
  public String uncoveredWarning(int year) {
    if (covers(year)) {
      return null;
    }
    String covered =
        years.isEmpty()
            ? "no year"
            : years.first().equals(years.last())
                ? String.valueOf(years.first())
                : years.first() + "-" + years.last();
    return "working_calendar.csv covers "
        + covered
        + ", not "
        + year
        + ": working time in "
        + year
        + " counts Monday to Friday without that year's public holidays and make-up working days"
        + " (调休); add "
        + year
        + " to lake/reference/working_calendar.csv (README, \"Working calendar\")";
  }

  /** The calendar shipped with QualityLoop. */
  public static WorkingCalendar shipped() {
    try (InputStream in =
        WorkingCalendar.class.getResourceAsStream("/reference/working_calendar.csv")) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped working calendar", e);
    }
  }

  /** Parses the CSV format of {@code working_calendar.csv}. */
  public static WorkingCalendar parse(InputStream csv) throws IOException {
    Map<LocalDate, Boolean> exceptions = new HashMap<>();
    CsvRows.read(
        csv,
        "working_calendar.csv",
        "date,day_type",
        cols -> {
          if (cols.length < 2) {
            throw new IllegalArgumentException("expected date,day_type,name_zh");
          }
          LocalDate date = LocalDate.parse(cols[0].trim());
          switch (cols[1].trim()) {
            case "HOLIDAY" -> exceptions.put(date, false);
            case "MAKEUP_WORKDAY" -> exceptions.put(date, true);
            default ->
                throw new IllegalArgumentException(
                    "day_type must be HOLIDAY or MAKEUP_WORKDAY, was " + cols[1]);
          }
        });
    return new WorkingCalendar(exceptions);
  }

  public boolean isWorkingDay(LocalDate date) {
    Boolean exception = exceptions.get(date);
    if (exception != null) {
      return exception;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /**
   * The date {@code days} working days after {@code date} (0 = the next working day on or after
   * it).
   */
  public LocalDate plusWorkingDays(LocalDate date, int days) {
    LocalDate d = date;
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    for (int i = 0; i < days; i++) {
      d = d.plusDays(1);
      while (!isWorkingDay(d)) {
        d = d.plusDays(1);
      }
    }
    return d;
  }
}
