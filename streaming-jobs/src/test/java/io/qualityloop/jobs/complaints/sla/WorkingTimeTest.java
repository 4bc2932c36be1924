package io.qualityloop.jobs.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.WorkingCalendar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Working hours 09:00-12:00 and 13:30-18:00 (7.5 h a day) on the shipped 2025/2026 calendar. */
class WorkingTimeTest {
  private final WorkingTime time = WorkingTime.shipped();

  @Test
  void oneWorkingDayFromFridayEveningBeforeSpringFestivalEndsOnTheMakeUpSaturday() {
    // Fri 2026-02-13 17:50: 10 min left that day. Sat 02-14 is a make-up working day (调休):
    // 7 h 20 min more = 09:00-12:00 (3 h) + 13:30-17:50 (4 h 20 min).
    LocalDateTime friday = LocalDateTime.of(2026, 2, 13, 17, 50);
    assertThat(time.advance(friday, Duration.ofMinutes(450)))
        .isEqualTo(LocalDateTime.of(2026, 2, 14, 17, 50));
  }

  @Test
  void oneWorkingDayFromTheEveBeforeNationalDaySkipsTheHolidayWeek() {
    // Wed 2026-09-30 17:50; 10-01..10-07 are holidays; Thu 10-08 is the next working day.
    LocalDateTime eve = LocalDateTime.of(2026, 9, 30, 17, 50);
    assertThat(time.advance(eve, Duration.ofMinutes(450)))
        .isEqualTo(LocalDateTime.of(2026, 10, 8, 17, 50));
    // From the Saturday make-up day 2026-02-14 18:00: holiday until 02-23, so Tue 02-24 is next.
    assertThat(time.advance(LocalDateTime.of(2026, 2, 14, 18, 0), Duration.ofHours(1)))
        .isEqualTo(LocalDateTime.of(2026, 2, 24, 10, 0));
  }

  @Test
  void theLunchBreakIsNotWorkingTime() {
    LocalDateTime monday11 = LocalDateTime.of(2026, 3, 2, 11, 0);
    assertThat(time.elapsed(monday11, LocalDateTime.of(2026, 3, 2, 14, 30)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(time.advance(monday11, Duration.ofHours(2)))
        .isEqualTo(LocalDateTime.of(2026, 3, 2, 14, 30));
    // Starting inside the break counts from 13:30.
    assertThat(time.advance(LocalDateTime.of(2026, 3, 2, 12, 40), Duration.ofMinutes(30)))
        .isEqualTo(LocalDateTime.of(2026, 3, 2, 14, 0));
  }

  @Test
  void elapsedOverAWeekendCountsOnlyWorkingHours() {
    // Fri 16:00 -> Mon 10:00: 2 h on Friday + 1 h on Monday.
    assertThat(
            time.elapsed(LocalDateTime.of(2026, 3, 6, 16, 0), LocalDateTime.of(2026, 3, 9, 10, 0)))
        .isEqualTo(Duration.ofHours(3));
    assertThat(time.workingDayLength(LocalDateTime.of(2026, 3, 6, 0, 0).toLocalDate()))
        .isEqualTo(Duration.ofMinutes(450));
  }

  @Test
  void workingHoursInForceFollowTheirValidFromDate() throws Exception {
    String csv =
        "valid_from,period_start,period_end\n"
            + "2025-01-01,09:00,17:00\n"
            + "2026-07-01,08:30,12:00\n"
            + "2026-07-01,13:00,17:30\n";
    WorkingTime versioned =
        new WorkingTime(
            time.calendar(),
            WorkingTime.parseWorkingHours(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
    assertThat(versioned.workingDayLength(LocalDateTime.of(2026, 6, 30, 0, 0).toLocalDate()))
        .isEqualTo(Duration.ofHours(8));
    assertThat(versioned.workingDayLength(LocalDateTime.of(2026, 7, 1, 0, 0).toLocalDate()))
        .isEqualTo(Duration.ofHours(8));
    assertThat(versioned.advance(LocalDateTime.of(2026, 7, 1, 8, 0), Duration.ofHours(4)))
        .isEqualTo(LocalDateTime.of(2026, 7, 1, 13, 30));
    assertThat(versioned.advance(LocalDateTime.of(2026, 6, 30, 8, 0), Duration.ofHours(4)))
        .isEqualTo(LocalDateTime.of(2026, 6, 30, 13, 0));
  }

  @Test
  void aBadWorkingHoursRowNamesItsLine() {
    String csv = "valid_from,period_start,period_end\n2025-01-01,12:00,09:00\n";
    assertThatThrownBy(
            () ->
                WorkingTime.parseWorkingHours(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("working_hours.csv line 2");
  }

  @Test
  void aComputationPastTheCalendarsLastYearIsNotedAndTheWarningSaysWhatItLoses() throws Exception {
    WorkingCalendar only2026 =
        WorkingCalendar.parse(
            new ByteArrayInputStream(
                "date,day_type,name_zh\n2026-10-01,HOLIDAY,国庆节\n"
                    .getBytes(StandardCharsets.UTF_8)));
    WorkingTime nineToFive =
        new WorkingTime(
            only2026,
            Map.of(
                LocalDate.of(2020, 1, 1),
                List.of(new WorkingTime.Period(LocalTime.of(9, 0), LocalTime.of(17, 0)))));

    // Wed 2026-09-30 16:00 + 2 h: 1 h that day, 10-01 a holiday, 1 h on Fri 10-02: within 2026,
    // nothing noted.
    assertThat(nineToFive.advance(LocalDateTime.of(2026, 9, 30, 16, 0), Duration.ofHours(2)))
        .isEqualTo(LocalDateTime.of(2026, 10, 2, 10, 0));
    assertThat(nineToFive.uncoveredYearsUsed()).isEmpty();
    // Thu 2026-12-31 16:00 + 2 h: 1 h that day, then Fri 2027-01-01, New Year's Day, counted as a
    // working day
    // because 2027 is not in the calendar: 10:00 that day. The year is noted (and logged once).
    assertThat(nineToFive.advance(LocalDateTime.of(2026, 12, 31, 16, 0), Duration.ofHours(2)))
        .isEqualTo(LocalDateTime.of(2027, 1, 1, 10, 0));
    assertThat(
            nineToFive.elapsed(
                LocalDateTime.of(2027, 1, 4, 9, 0), LocalDateTime.of(2027, 1, 4, 10, 0)))
        .isEqualTo(Duration.ofHours(1));
    assertThat(nineToFive.uncoveredYearsUsed()).containsExactly(2027);
    assertThat(only2026.coveredYears()).containsExactly(2026);
    assertThat(only2026.uncoveredWarning(2026)).isNull();
    assertThat(only2026.uncoveredWarning(2027))
        .isEqualTo(
            "working_calendar.csv covers 2026, not 2027: working time in 2027 counts Monday to"
                + " Friday without that year's public holidays and make-up working days (调休); add"
                + " 2027 to lake/reference/working_calendar.csv (README, \"Working calendar\")");
  }
}
