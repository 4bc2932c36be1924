package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First-contact resolution with the shipped window of 3 working days, on the shipped 2026 calendar
 * (National Day holiday 10-01 to 10-07, 调休 Saturday 10-10), worked out by hand.
 */
class FirstContactResolutionTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // R1 (P01, household H1) resolved Tue 09-29 10:00. Working days after: 09-30, then the holiday
  //    week, 10-08, 10-09: the window ends at the end of 10-09. H1 calls on 10-09 15:00: further
  // contact.
  //    (Without the holiday the window would have ended on 10-02 and the call would not count.)
  // R2 (P01, H2) resolved Mon 07-06 10:00: window to the end of Thu 07-09. A call about R2 on Fri
  //    07-10 09:00 is outside it.
  // R3 (P01, H3) cycle 1 resolved Mon 07-13; cycle 2 (a reopen) starts 07-14: reopened. Cycle 2 is
  //    resolved 07-20 with nothing after it.
  // R4 (P02, H4) resolved Mon 08-03 10:00; H4 called at 09:00 that day (before, not after); another
  //    household calls on 08-04.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table(
            "complaint_facts",
            String.join(
                ",",
                fact("R1", 1, "P01", "hh_1", "2026-09-28 09:00:00", "2026-09-29 10:00:00"),
                fact("R2", 1, "P01", "hh_2", "2026-07-05 09:00:00", "2026-07-06 10:00:00"),
                fact("R3", 1, "P01", "hh_3", "2026-07-12 09:00:00", "2026-07-13 10:00:00"),
                fact("R3", 2, "P01", "hh_3", "2026-07-14 09:00:00", "2026-07-20 10:00:00"),
                fact("R4", 1, "P02", "hh_4", "2026-08-02 09:00:00", "2026-08-03 10:00:00")))
        .table(
            "service_interactions",
            String.join(
                ",",
                interaction("I1", "2026-10-09 15:00:00", "P01", "hh_1", null),
                interaction("I2", "2026-07-10 09:00:00", "P01", "hh_9", "R2"),
                interaction("I3", "2026-08-03 09:00:00", "P02", "hh_4", null),
                interaction("I4", "2026-08-04 09:00:00", "P02", "hh_8", null)));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void resolvedWithNoFurtherContactAndNoReopenWithinThreeWorkingDays() {
    // Resolved in Q3: R1, R2, R3 c1, R3 c2, R4 = 5. Further contact: R1. Reopened: R3 c1.
    // First-contact: 3 / 5.
    assertThat(line("scope = 'company'")).isEqualTo("5 1 1 3 0.6");
    // P01: R2 and R3 c2 of 4 = 0.5; P02: R4 1 of 1.
    assertThat(line("project_id = 'P01'")).isEqualTo("4 1 1 2 0.5");
    assertThat(line("project_id = 'P02'")).isEqualTo("1 0 0 1 1.0");
  }

  @Test
  void eachResolutionIsJudgedOnceInTheMartWithTheEndOfItsWindow() {
    // The judgement behind the metric (fct_first_contact), one row per resolved cycle: R1's window
    // runs over the holiday week to the end of 10-09, R2's to the end of Thu 07-09.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select complaint_id, cycle, window_end, further_contact, reopened from"
                + " fct_first_contact order by complaint_id, cycle");
    assertThat(rows)
        .extracting(
            r ->
                r.get("complaint_id")
                    + "/"
                    + r.get("cycle")
                    + " "
                    + r.get("window_end").toString().substring(0, 10)
                    + " "
                    + r.get("further_contact")
                    + " "
                    + r.get("reopened"))
        .containsExactly(
            "R1/1 2026-10-10 true false",
            "R2/1 2026-07-10 false false",
            "R3/1 2026-07-17 false true",
            "R3/2 2026-07-24 false false",
            "R4/1 2026-08-07 false false");
  }

  @Test
  void theCalendarCountsHolidaysAndMakeUpDays() {
    // 10-08 (Thu) is a working day after the holiday week; 10-10 (Sat) is a 调休 working day; 10-11
    // (Sun) is not.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select day, is_working_day from dim_calendar where day between date '2026-09-30' and"
                + " date '2026-10-11' order by day");
    assertThat(rows)
        .extracting(r -> r.get("day").toString().substring(5) + "=" + r.get("is_working_day"))
        .containsExactly(
            "09-30=true",
            "10-01=false",
            "10-02=false",
            "10-03=false",
            "10-04=false",
            "10-05=false",
            "10-06=false",
            "10-07=false",
            "10-08=true",
            "10-09=true",
            "10-10=true",
            "10-11=false");
  }

  private static String line(String where) {
    Map<String, Object> r =
        warehouse
            .query(
                "select * from first_contact_resolution_quarterly where quarter = '2026Q3' and "
                    + where)
            .get(0);
    return r.get("resolved")
        + " "
        + r.get("with_further_contact")
        + " "
        + r.get("reopened_within_window")
        + " "
        + r.get("first_contact_resolved")
        + " "
        + ((Number) r.get("fcr_rate")).doubleValue();
  }

  private static String interaction(
      String id, String at, String project, String household, String complaint) {
    return "('"
        + id
        + "', 1, timestamp '"
        + at
        + "', 'PHONE', 'INQUIRY', '"
        + project
        + "', null, null, null, '"
        + household
        + "', 'S001', 2, null, null, "
        + (complaint == null ? "null" : "'" + complaint + "'")
        + ", null, null, 0, 0, date '"
        + at.substring(0, 10)
        + "')";
  }

  /** A complaint cycle of a household, started and resolved (and ended) at these times. */
  private static String fact(
      String complaint,
      int cycle,
      String project,
      String household,
      String started,
      String resolved) {
    return LakeFixture.row(
        "complaint_facts",
        Map.of(
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            String.valueOf(cycle),
            "project_id",
            "'" + project + "'",
            "household_id",
            "'" + household + "'",
            "cycle_started_at",
            "timestamp '" + started + "'",
            "resolved_at",
            "timestamp '" + resolved + "'",
            "ended_at",
            "timestamp '" + resolved + "'",
            "dt",
            "date '" + resolved.substring(0, 10) + "'"));
  }
}
