package io.qualityloop.jobs.complaints.sla;

import io.qualityloop.events.CsvRows;
import io.qualityloop.events.WorkingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working time of the company: working days from the calendar (weekends, holidays, make-up working
 * days), and within a working day the working periods in force on that date (for example
 * 09:00-12:00 and 13:30-18:00). All times are wall-clock times in the company's time zone.
 */
public final class WorkingTime implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DAYS = 366 * 5;

  /** One working period of a day, [start, end). */
  public record Period(LocalTime start, LocalTime end) implements Serializable {
    public Period {
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException(
            "a working period must end after it starts: " + start + "-" + end);
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(WorkingTime.class);

  private final WorkingCalendar calendar;
  private final TreeMap<LocalDate, List<Period>> periodsFrom;

  /**
   * Years past the calendar that a computation of this instance used: each is warned about once in
   * the job log.
   */
  private transient Set<Integer> uncoveredYearsUsed;

  public WorkingTime(WorkingCalendar calendar, Map<LocalDate, List<Period>> periodsFrom) {
    if (periodsFrom.isEmpty()) {
      throw new IllegalArgumentException("working hours need at least one period");
    }
    this.calendar = calendar;
    this.periodsFrom = new TreeMap<>();
    periodsFrom.forEach((from, periods) -> this.periodsFrom.put(from, List.copyOf(periods)));
  }

  /** The shipped calendar and working hours. */
  public static WorkingTime shipped() {
    try (InputStream in = WorkingTime.class.getResourceAsStream("/reference/working_hours.csv")) {
      return new WorkingTime(WorkingCalendar.shipped(), parseWorkingHours(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped working hours", e);
    }
  }

  /** Parses {@code working_hours.csv}: valid_from,period_start,period_end. */
  public static Map<LocalDate, List<Period>> parseWorkingHours(InputStream csv) throws IOException {
    Map<LocalDate, List<Period>> periods = new TreeMap<>();
    CsvRows.read(
        csv,
        "working_hours.csv",
        "valid_from,period_start,period_end",
        cols ->
            periods
                .computeIfAbsent(LocalDate.parse(cols[0].trim()), d -> new ArrayList<>())
                .add(new Period(LocalTime.parse(cols[1].trim()), LocalTime.parse(cols[2].trim()))));
    periods.values().forEach(list -> list.sort((a, b) -> a.start().compareTo(b.start())));
    return periods;
  }

  public WorkingCalendar calendar() {
    return calendar;
  }

  /**
   * Years the calendar does not cover that a computation of this instance has used (their holidays
   * were missing from it); each was logged as a warning the first time.
   */
  public synchronized Set<Integer> uncoveredYearsUsed() {
    return uncoveredYearsUsed == null ? Set.of() : Set.copyOf(uncoveredYearsUsed);
  }

  private synchronized void noteUncovered(int year) {
    if (uncoveredYearsUsed == null) {
      uncoveredYearsUsed = new HashSet<>();
    }
    if (uncoveredYearsUsed.add(year)) {
      LOG.warn(calendar.uncoveredWarning(year));
    }
  }

  /** The working periods of {@code day}: none on a day off. */
  public List<Period> periods(LocalDate day) {
    if (!calendar.covers(day.getYear())) {
      noteUncovered(day.getYear());
    }
    if (!calendar.isWorkingDay(day)) {
      return List.of();
    }
    var entry = periodsFrom.floorEntry(day);
    return entry == null ? periodsFrom.firstEntry().getValue() : entry.getValue();
  }

  /**
   * Working hours of a full working day in force on {@code day} (used to size WORKING_DAYS limits).
   */
  public Duration workingDayLength(LocalDate day) {
    var entry = periodsFrom.floorEntry(day);
    List<Period> periods = entry == null ? periodsFrom.firstEntry().getValue() : entry.getValue();
    return periods.stream()
        .map(p -> Duration.between(p.start(), p.end()))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** The moment when {@code amount} of working time has passed after {@code from}. */
  public LocalDateTime advance(LocalDateTime from, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative amount");
    }
    if (amount.isZero()) {
      return from;
    }
    Duration left = amount;
    LocalDate day = from.toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Period p : periods(day)) {
        LocalDateTime start = max(from, day.atTime(p.start()));
        LocalDateTime end = day.atTime(p.end());
        if (!start.isBefore(end)) {
          continue;
        }
        Duration available = Duration.between(start, end);
        if (left.compareTo(available) <= 0) {
          return start.plus(left);
        }
        left = left.minus(available);
      }
    }
    throw new IllegalStateException("no working time within " + MAX_DAYS + " days after " + from);
  }

  /** Working time between two moments (zero when {@code to} is not after {@code from}). */
  public Duration elapsed(LocalDateTime from, LocalDateTime to) {
    Duration total = Duration.ZERO;
    if (!to.isAfter(from)) {
      return total;
    }
    for (LocalDate day = from.toLocalDate();
        !day.isAfter(to.toLocalDate());
        day = day.plusDays(1)) {
      for (Period p : periods(day)) {
        LocalDateTime start = max(from, day.atTime(p.start()));
        LocalDateTime end = min(to, day.atTime(p.end()));
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
