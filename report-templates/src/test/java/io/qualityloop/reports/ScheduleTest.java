package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When scheduled reports are due. */
class ScheduleTest {
  private static final Schedule SCHEDULE =
      new Schedule(
          List.of(
              new Schedule.Job("weekly", "weekly", null, 0),
              new Schedule.Job("quarterly", "quarterly", null, 5)));

  private static List<String> due(String today, Map<String, String> done) {
    return SCHEDULE.due(LocalDate.parse(today), done).stream()
        .map(d -> d.job().id() + " " + d.period())
        .toList();
  }

  @Test
  void aWeekIsDueFromTheMondayAfterItAndAQuarterFiveDaysAfterItsEnd() {
    // Monday 2026-10-05 starts W41: W40 (09-28 .. 10-04) is due; Q3 ended 09-30, due from 10-06.
    assertThat(due("2026-10-05", Map.of())).containsExactly("weekly 2026-W40", "quarterly 2026Q2");
    assertThat(due("2026-10-05", Map.of("weekly", "2026-W40", "quarterly", "2026Q2"))).isEmpty();
    assertThat(due("2026-10-06", Map.of("weekly", "2026-W40", "quarterly", "2026Q2")))
        .containsExactly("quarterly 2026Q3");
  }

  @Test
  void aSchedulerThatWasDownCatchesUpEveryMissedPeriodOnce() {
    // Last delivered W38; on Monday 10-19 weeks W39, W40, W41 and W42 are complete.
    assertThat(due("2026-10-19", Map.of("weekly", "2026-W38", "quarterly", "2026Q3")))
        .containsExactly(
            "weekly 2026-W39", "weekly 2026-W40", "weekly 2026-W41", "weekly 2026-W42");
  }

  @Test
  void aYearIsDueItsAfterDaysAfterItEnds() {
    Schedule annual = new Schedule(List.of(new Schedule.Job("annual", "annual", null, 15)));
    // 2026 ends 12-31; 15 days after 2027-01-01 is 2027-01-16. Before that the latest complete year
    // due is 2025.
    assertThat(annual.due(LocalDate.parse("2027-01-15"), Map.of()))
        .extracting(Schedule.Due::period)
        .containsExactly("2025");
    assertThat(annual.due(LocalDate.parse("2027-01-15"), Map.of("annual", "2025"))).isEmpty();
    assertThat(annual.due(LocalDate.parse("2027-01-16"), Map.of("annual", "2025")))
        .extracting(Schedule.Due::period)
        .containsExactly("2026");
  }
}
