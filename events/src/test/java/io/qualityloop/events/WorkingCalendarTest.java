package io.qualityloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
  private final WorkingCalendar calendar = WorkingCalendar.shipped();

  @Test
  void weekdaysWorkWeekendsRestUnlessTheCalendarSaysOtherwise() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 2))).as("plain Monday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 7))).as("plain Saturday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16)))
        .as("Spring Festival Monday")
        .isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("make-up Saturday").isTrue();
  }

  @Test
  void plusWorkingDaysSkipsHolidaysAndCountsMakeUpDays() {
    // Friday 2026-02-13 + 1 working day: Saturday 02-14 is a make-up working day.
    assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 13), 1))
        .isEqualTo(LocalDate.of(2026, 2, 14));
    // Saturday 02-14 + 1: the holiday runs 02-15..02-23, so Tuesday 02-24.
    assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 14), 1))
        .isEqualTo(LocalDate.of(2026, 2, 24));
    // A plain week: Thursday + 3 = Tuesday.
    assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 3, 5), 3))
        .isEqualTo(LocalDate.of(2026, 3, 10));
  }
}
