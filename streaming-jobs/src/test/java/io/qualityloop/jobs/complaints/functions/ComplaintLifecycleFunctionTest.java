package io.qualityloop.jobs.complaints.functions;

import static io.qualityloop.events.LifecycleEventType.ACCEPTED;
import static io.qualityloop.events.LifecycleEventType.CALLBACK_DONE;
import static io.qualityloop.events.LifecycleEventType.CLOSED;
import static io.qualityloop.events.LifecycleEventType.CUSTOMER_NOTIFIED;
import static io.qualityloop.events.LifecycleEventType.DEPARTMENT_FEEDBACK;
import static io.qualityloop.events.LifecycleEventType.EXTENDED;
import static io.qualityloop.events.LifecycleEventType.RECEIVED;
import static io.qualityloop.events.LifecycleEventType.REOPENED;
import static io.qualityloop.events.LifecycleEventType.RESOLVED;
import static io.qualityloop.events.LifecycleEventType.SITE_SURVEYED;
import static io.qualityloop.events.LifecycleEventType.WORK_ORDER_ISSUED;
import static io.qualityloop.jobs.complaints.testutils.Complaints.at;
import static io.qualityloop.jobs.complaints.testutils.Complaints.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.records.ComplaintSnapshot;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.complaints.testutils.Complaints;
import io.qualityloop.jobs.complaints.timeline.ComplaintOutputs;
import io.qualityloop.jobs.complaints.timeline.ComplaintTimeline;
import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The lifecycle operator driven by hand: elements, watermarks, snapshots and restores. */
class ComplaintLifecycleFunctionTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** A harness around a fresh operator, not yet opened (so a test can restore state first). */
  private static KeyedOneInputStreamOperatorTestHarness<
          String, ComplaintEventEnvelope, ComplaintFact>
      harness() throws Exception {
    return harness(null);
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, ComplaintEventEnvelope, ComplaintFact>
      harness(String horizon) throws Exception {
    return harness(horizon, null);
  }

  /** A live operator that judges late steps once {@code signal} says everything was read. */
  private static KeyedOneInputStreamOperatorTestHarness<
          String, ComplaintEventEnvelope, ComplaintFact>
      harness(String horizon, CatchUpSignal signal) throws Exception {
    return harness(horizon, signal, false);
  }

  /**
   * As above; {@code horizonIsTheStart}: the horizon is the job's start ({@code
   * sla.alert-horizon=now}), not a date-time.
   */
  private static KeyedOneInputStreamOperatorTestHarness<
          String, ComplaintEventEnvelope, ComplaintFact>
      harness(String horizon, CatchUpSignal signal, boolean horizonIsTheStart) throws Exception {
    WorkingTime time = WorkingTime.shipped();
    ComplaintLifecycleFunction fn =
        new ComplaintLifecycleFunction(
                new ComplaintTimeline(SlaRuleSet.shipped(), time, 0.8, SHANGHAI),
                new ComplaintOutputs(time),
                SHANGHAI,
                Duration.ofDays(30),
                Duration.ofDays(365),
                horizon == null ? null : at(horizon).toInstant(),
                true)
            .judgingLateStepsOnceRead(signal)
            .raisingInEventTimeUpToTheWallClock(horizonIsTheStart);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(fn), ComplaintEventEnvelope::complaintId, Types.STRING);
  }

  /** Sends an event that landed (reached Kafka) when it happened. */
  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h,
      ComplaintEvent e)
      throws Exception {
    send(h, e, e.occurredAt().toInstant().toEpochMilli());
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h,
      ComplaintEvent e,
      long landedMillis)
      throws Exception {
    long ts = e.occurredAt().toInstant().toEpochMilli();
    h.processElement(new ComplaintEventEnvelope(e, landedMillis), ts);
  }

  private static void watermark(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h,
      String local)
      throws Exception {
    h.processWatermark(new Watermark(at(local).toInstant().toEpochMilli()));
  }

  private static List<String> alerts(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h) {
    var out = h.getSideOutput(ComplaintLifecycleFunction.ALERTS);
    return out == null
        ? List.of()
        : out.stream()
            .map(
                r ->
                    r.getValue().alertType()
                        + " "
                        + r.getValue().ruleId()
                        + " "
                        + r.getValue().alertAt())
            .collect(Collectors.toList());
  }

  @Test
  void warningThenBreachFireFromEventTimeTimersAndRecoveredWhenTheStepFinallyComes()
      throws Exception {
    Complaints c = complaint("C1");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      watermark(h, "2026-03-03T05:00");
      assertThat(alerts(h)).isEmpty();

      watermark(h, "2026-03-03T06:00"); // 80% of 24 h = 03-03 05:12
      assertThat(alerts(h)).contains("WARNING accept_24h 2026-03-03T05:12");
      watermark(h, "2026-03-03T11:00");
      assertThat(alerts(h)).contains("BREACH accept_24h 2026-03-03T10:00");

      send(h, c.event(ACCEPTED, "2026-03-03T12:00"));
      watermark(h, "2026-03-03T12:30");
      List<String> accept = alerts(h).stream().filter(a -> a.contains("accept_24h")).toList();
      assertThat(accept)
          .containsExactly(
              "WARNING accept_24h 2026-03-03T05:12",
              "BREACH accept_24h 2026-03-03T10:00",
              "RECOVERED accept_24h 2026-03-03T12:00");
    }
  }

  @Test
  void rowsCarryWhenTheyBecameKnownFromKafkaTimestampsNotTheWallClock() throws Exception {
    Complaints a = complaint("L1").category("service");
    Complaints b = complaint("L2");
    try (var h = harness()) {
      h.open();
      send(
          h,
          a.event(RECEIVED, "2026-03-02T09:00"),
          at("2026-03-02T09:01").toInstant().toEpochMilli());
      send(
          h,
          a.event(ACCEPTED, "2026-03-02T09:30"),
          at("2026-03-02T09:31").toInstant().toEpochMilli());
      // the resolution was typed in two days late
      send(
          h,
          a.event(RESOLVED, "2026-03-02T16:00"),
          at("2026-03-04T10:00").toInstant().toEpochMilli());
      send(
          h,
          a.event(CLOSED, "2026-03-02T17:00"),
          at("2026-03-02T17:05").toInstant().toEpochMilli());
      send(
          h,
          b.event(RECEIVED, "2026-03-02T12:00"),
          at("2026-03-02T12:00").toInstant().toEpochMilli());
      watermark(h, "2026-03-02T18:00");

      ComplaintFact fact = h.extractOutputValues().get(0);
      assertThat(fact.complaintId()).isEqualTo("L1");
      assertThat(fact.landedAt()).isEqualTo("2026-03-04T10:00"); // the latest of its own events

      // L2's acceptance deadline passes on a timer: known no earlier than the latest record read
      // (L1's, 03-04 10:00)
      watermark(h, "2026-03-03T13:00");
      var breach =
          h.getSideOutput(ComplaintLifecycleFunction.ALERTS).stream()
              .map(r -> r.getValue())
              .filter(x -> x.complaintId().equals("L2") && x.alertType().equals("BREACH"))
              .findFirst()
              .orElseThrow();
      assertThat(breach.landedAt()).isEqualTo("2026-03-04T10:00");
    }
  }

  @Test
  void everyDefaultRuleGetsAnOutcomeThroughTheOperator() throws Exception {
    Complaints multi = complaint("R1").trades("plumbing", "masonry");
    Complaints single = complaint("R2").trades("plumbing");
    Complaints service = complaint("R3").category("service");
    List<ComplaintEvent> events =
        List.of(
            multi.event(RECEIVED, "2026-03-02T09:00"),
            multi.event(ACCEPTED, "2026-03-02T10:00"),
            multi.event(SITE_SURVEYED, "2026-03-02T15:00"),
            multi.event(WORK_ORDER_ISSUED, "2026-03-03T10:00"),
            multi.event(RESOLVED, "2026-03-09T16:00"),
            multi.event(CUSTOMER_NOTIFIED, "2026-03-09T17:00"),
            multi.event(CALLBACK_DONE, "2026-03-10T10:00"),
            multi.event(REOPENED, "2026-03-11T09:00"),
            multi.event(RESOLVED, "2026-03-12T16:00"),
            multi.event(CLOSED, "2026-03-13T10:00"),
            single.event(RECEIVED, "2026-03-02T09:00"),
            single.event(ACCEPTED, "2026-03-02T09:30"),
            single.event(WORK_ORDER_ISSUED, "2026-03-02T11:00"),
            single.event(RESOLVED, "2026-03-06T11:00"),
            single.event(CLOSED, "2026-03-06T12:00"),
            service.event(RECEIVED, "2026-03-02T09:00"),
            service.event(ACCEPTED, "2026-03-02T09:30"),
            service.event(DEPARTMENT_FEEDBACK, "2026-03-04T10:00"),
            service.event(RESOLVED, "2026-03-05T10:00"),
            service.event(CLOSED, "2026-03-05T12:00"));
    try (var h = harness()) {
      h.open();
      for (ComplaintEvent e : events) {
        send(h, e);
      }
      watermark(h, "2026-03-20T00:00");

      var outcomes =
          h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES).stream()
              .map(r -> r.getValue())
              .toList();
      assertThat(outcomes.stream().map(o -> o.ruleId()).distinct())
          .containsExactlyInAnyOrderElementsOf(
              SlaRuleSet.shipped().rules().stream().map(r -> r.ruleId()).toList());
      assertThat(outcomes)
          .filteredOn(
              o -> o.complaintId().equals("R2") && o.ruleId().equals("repair_single_trade_3wd"))
          .extracting(o -> o.outcome())
          .containsExactly("MISSED"); // 03-02 11:00 + 3 working days = 03-05 11:00
      assertThat(outcomes)
          .filteredOn(
              o -> o.complaintId().equals("R1") && o.ruleId().equals("repair_multi_trade_7wd"))
          .extracting(o -> o.outcome())
          .containsExactly("MET"); // due 03-12 10:00, resolved 03-09
      assertThat(outcomes)
          .filteredOn(o -> o.complaintId().equals("R3"))
          .extracting(o -> o.ruleId() + " " + o.outcome())
          .contains("department_feedback_3wd MET", "other_complaint_7d MET");
      assertThat(h.extractOutputValues())
          .extracting(f -> f.complaintId() + "/" + f.cycle())
          .containsExactlyInAnyOrder("R1/1", "R1/2", "R2/1", "R3/1");
    }
  }

  @Test
  void aSurveyDueOnTheMakeUpSaturdayBeforeTheSpringFestivalWarnsAndBreachesThatSaturday()
      throws Exception {
    // Accepted Fri 2026-02-13 17:50: one working day ends on the make-up working Saturday 02-14 at
    // 17:50;
    // 80% of 7.5 h = 6 h -> Sat 16:20 (09:00-12:00 and 13:30-16:20 after Friday's 10 minutes).
    Complaints c = complaint("C9");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-02-13T17:30"));
      send(h, c.event(ACCEPTED, "2026-02-13T17:50"));
      watermark(h, "2026-02-14T16:19");
      assertThat(alerts(h)).noneMatch(a -> a.contains("site_survey_1wd"));
      watermark(h, "2026-02-14T17:50");
      assertThat(alerts(h))
          .filteredOn(a -> a.contains("site_survey_1wd"))
          .containsExactly(
              "WARNING site_survey_1wd 2026-02-14T16:20",
              "BREACH site_survey_1wd 2026-02-14T17:50");
    }
  }

  @Test
  void atTheEndOfABoundedInputRunningClocksAlertOnlyUpToTheHorizon() throws Exception {
    Complaints c = complaint("C7").category("service");
    try (var h = harness("2026-03-03T08:00")) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00", "S001"));
      h.processWatermark(
          new Watermark(Long.MAX_VALUE)); // end of input, nothing happened after the receipt

      assertThat(alerts(h))
          .contains("WARNING accept_24h 2026-03-03T05:12")
          .noneMatch(
              a ->
                  a.startsWith(
                      "BREACH accept_24h")); // 03-03 10:00 is after the horizon: not (yet) a fact
    }
  }

  @Test
  void aWarningOrBreachNamesWhoWasResponsibleAtItsMomentEvenWhenRaisedOnlyAfterTheStop()
      throws Exception {
    Complaints c = complaint("C8").category("service");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00", "S001"));
      send(h, c.event(ACCEPTED, "2026-03-04T09:00", "S002"));
      h.processWatermark(
          new Watermark(Long.MAX_VALUE)); // no watermark in between: all alerts at once

      var accept =
          h.getSideOutput(ComplaintLifecycleFunction.ALERTS).stream()
              .map(r -> r.getValue())
              .filter(a -> "accept_24h".equals(a.ruleId()))
              .map(a -> a.alertType() + " " + a.handlerStaffId())
              .toList();
      assertThat(accept).containsExactly("WARNING S001", "BREACH S001", "RECOVERED S002");
    }
  }

  @Test
  void outOfOrderArrivalIsAppliedInEventTimeOrderAndDuplicatesAreDropped() throws Exception {
    Complaints c = complaint("C2").category("service");
    ComplaintEvent received = c.event(RECEIVED, "2026-03-02T10:00");
    ComplaintEvent accepted = c.event(ACCEPTED, "2026-03-02T11:00");
    try (var h = harness()) {
      h.open();
      send(h, accepted); // arrives first
      send(h, received);
      send(h, received); // re-sent
      watermark(h, "2026-03-02T12:00");

      assertThat(alerts(h)).containsExactly("MET accept_24h 2026-03-02T11:00");
      assertThat(h.extractOutputValues()).as("no cycle ended yet").isEmpty();
      var snapshots = h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS);
      ComplaintSnapshot last = snapshots.stream().reduce((a, b) -> b).orElseThrow().getValue();
      assertThat(last.status()).isEqualTo("OPEN");
      assertThat(last.lastStep()).isEqualTo("ACCEPTED");
      assertThat(last.receivedAt()).hasToString("2026-03-02T10:00");
    }
  }

  @Test
  void aReopenClosesTheFirstCycleAsAFactAndStartsAnother() throws Exception {
    Complaints c = complaint("C3").category("service");
    try (var h = harness()) {
      h.open();
      for (ComplaintEvent e :
          List.of(
              c.event(RECEIVED, "2026-03-02T10:00"),
              c.event(ACCEPTED, "2026-03-02T11:00"),
              c.event(RESOLVED, "2026-03-03T10:00"),
              c.event(CUSTOMER_NOTIFIED, "2026-03-03T11:00"),
              c.event(CALLBACK_DONE, "2026-03-03T15:00"),
              c.event(REOPENED, "2026-03-03T16:00"),
              c.event(RESOLVED, "2026-03-04T10:00"),
              c.event(CLOSED, "2026-03-04T12:00"))) {
        send(h, e);
      }
      watermark(h, "2026-03-05T00:00");

      List<ComplaintFact> facts = h.extractOutputValues();
      assertThat(facts).extracting(ComplaintFact::cycle).containsExactly(1, 2);
      assertThat(facts.get(0).endedByReopen()).isTrue();
      assertThat(facts.get(0).hoursToResolve()).isEqualTo(24.0);
      assertThat(facts.get(0).rulesMet())
          .contains("accept_24h", "written_feedback_24h", "callback_1wd");
      assertThat(facts.get(1).reopenCount()).isEqualTo(1);
      assertThat(facts.get(1).explicitReopen()).isTrue();
      assertThat(facts.get(1).rulesMet()).contains("reopen_resolve_3wd");
      var outcomes = h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES);
      assertThat(outcomes)
          .extracting(
              r ->
                  r.getValue().cycle() + " " + r.getValue().ruleId() + " " + r.getValue().outcome())
          .contains("1 accept_24h MET", "2 reopen_resolve_3wd MET");
    }
  }

  @Test
  void aClosedComplaintGetsNoWarningOrBreachOfAClockAfterItsClose() throws Exception {
    // The sample form's C2026090200001: no department feedback was ever recorded; the extension
    // moved that clock's deadline to 09-20 18:00, but the complaint closed on 09-17 09:00.
    Complaints c = complaint("C2026090200001").trades("waterproofing", "masonry");
    List<ComplaintEvent> events =
        List.of(
            c.event(RECEIVED, "2026-09-02T14:05"),
            c.event(ACCEPTED, "2026-09-02T15:30"),
            c.event(SITE_SURVEYED, "2026-09-03T10:00"),
            c.event(WORK_ORDER_ISSUED, "2026-09-03T16:00"),
            c.event(EXTENDED, "2026-09-04T09:00", "S021", "多工种维修，业主书面同意延期", "2026-09-20T18:00"),
            c.event(RESOLVED, "2026-09-15T17:00"),
            c.event(CUSTOMER_NOTIFIED, "2026-09-16T10:00"),
            c.event(CALLBACK_DONE, "2026-09-16T15:00"),
            c.event(CLOSED, "2026-09-17T09:00"));
    try (var h = harness()) {
      h.open();
      for (ComplaintEvent e : events) {
        send(h, e);
      }
      watermark(h, "2026-09-17T09:00");
      watermark(h, "2026-09-30T00:00"); // event time passes the clock's warning and deadline

      assertThat(h.getSideOutput(ComplaintLifecycleFunction.ALERTS))
          .extracting(r -> r.getValue())
          .as("no WARNING or BREACH after the close, of any clock")
          .noneMatch(
              a ->
                  (a.alertType().equals("WARNING") || a.alertType().equals("BREACH"))
                      && a.alertAt().isAfter(LocalDateTime.parse("2026-09-17T09:00")));
      assertThat(alerts(h)).noneMatch(a -> a.contains("department_feedback_3wd"));
      assertThat(h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES))
          .extracting(r -> r.getValue())
          .filteredOn(o -> o.ruleId().equals("department_feedback_3wd"))
          .extracting(o -> o.outcome())
          .containsExactly("NOT_DUE");
      assertThat(h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS))
          .extracting(r -> r.getValue())
          .allSatisfy(s -> assertThat(s.breachedRules()).doesNotContain("department_feedback_3wd"))
          .allSatisfy(s -> assertThat(s.warningRules()).doesNotContain("department_feedback_3wd"))
          .last()
          .satisfies(s -> assertThat(s.status()).isEqualTo("CLOSED"));
    }
  }

  @Test
  void escalationAlertsAtOnceAndOnlyOnce() throws Exception {
    Complaints c = complaint("C4");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      send(h, c.escalated("2026-03-02T10:30"));
      watermark(h, "2026-03-02T10:31");
      send(h, c.event(ACCEPTED, "2026-03-02T11:00"));
      watermark(h, "2026-03-02T12:00");

      assertThat(alerts(h).stream().filter(a -> a.startsWith("ESCALATION")))
          .containsExactly("ESCALATION null 2026-03-02T10:30");
    }
  }

  @Test
  void stateIsClearedThirtyDaysAfterTheClose() throws Exception {
    Complaints c = complaint("C5").category("service");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      send(h, c.event(ACCEPTED, "2026-03-02T11:00"));
      send(h, c.event(CLOSED, "2026-03-02T12:00"));
      watermark(h, "2026-03-03T00:00");
      assertThat(h.numKeyedStateEntries()).isPositive();

      watermark(h, "2026-04-02T00:00");
      assertThat(h.numKeyedStateEntries()).as("only the moment of the release").isOne();

      watermark(h, "2027-04-02T00:00");
      assertThat(h.numKeyedStateEntries()).as("a year after the release").isZero();
    }
  }

  @Test
  void aStepReadAfterAClosedComplaintsStateWasReleasedIsNotAppliedAndDoesNotStartItAfresh()
      throws Exception {
    Complaints c = complaint("C5R").category("service");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      send(h, c.event(ACCEPTED, "2026-03-02T11:00"));
      send(h, c.event(CLOSED, "2026-03-02T12:00"));
      watermark(h, "2026-04-02T00:00"); // released 30 days after the close
      int facts = h.extractOutputValues().size();
      int snapshots = h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS).size();
      int outcomes = h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES).size();
      assertThat(facts).isOne();

      // A corrected acceptance (a new event id) sent a month later, for the old moment.
      h.setProcessingTime(millis("2026-04-03T09:00"));
      send(h, c.event(ACCEPTED, "2026-03-02T10:30"), millis("2026-04-03T09:00"));
      watermark(h, "2026-04-20T00:00");
      h.setProcessingTime(millis("2026-04-20T00:00"));

      assertThat(h.extractOutputValues()).as("no second fact without a receipt").hasSize(facts);
      assertThat(h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS))
          .as("no snapshot of an open complaint")
          .hasSize(snapshots);
      assertThat(h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES)).hasSize(outcomes);
      assertThat(alerts(h)).as("no clock runs again").noneMatch(a -> a.startsWith("BREACH"));
      assertThat(h.numKeyedStateEntries()).as("nothing kept of the step").isOne();
    }
  }

  private static long millis(String local) {
    return at(local).toInstant().toEpochMilli();
  }

  @Test
  void onTheWallClockWarningAndBreachComeWithNoFurtherEventOnceEachAlsoAcrossARestore()
      throws Exception {
    Complaints c = complaint("W1");
    OperatorSubtaskState afterWarning;
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(millis("2026-03-02T10:00"));
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      watermark(
          h, "2026-03-02T10:00"); // the door caught up with the newest event; nothing after it
      assertThat(alerts(h)).isEmpty();

      h.setProcessingTime(millis("2026-03-03T05:11"));
      assertThat(alerts(h)).noneMatch(a -> a.contains("accept_24h"));
      h.setProcessingTime(millis("2026-03-03T05:12")); // 80% of 24 h, on the wall clock
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly("WARNING accept_24h 2026-03-03T05:12");
      var warning =
          h.getSideOutput(ComplaintLifecycleFunction.ALERTS).stream()
              .map(r -> r.getValue())
              .filter(a -> a.ruleId().equals("accept_24h"))
              .findFirst()
              .orElseThrow();
      assertThat(warning.landedAt())
          .as("known when the wall clock raised it")
          .isEqualTo("2026-03-03T05:12");
      afterWarning = h.snapshot(1L, millis("2026-03-03T05:12"));
    }
    try (var h = harness()) {
      h.initializeState(afterWarning);
      h.open();
      h.setProcessingTime(
          millis("2026-03-03T10:30")); // restarted after the deadline: the overdue timer fires
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly("BREACH accept_24h 2026-03-03T10:00");
      watermark(h, "2026-03-04T00:00"); // event time passes the same moments later: nothing twice
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly("BREACH accept_24h 2026-03-03T10:00");
    }
  }

  @Test
  void aComplaintReceivedEarlierThanOneAlreadySeenWarnsAndBreachesOnTheWallClockAlsoAcrossARestore()
      throws Exception {
    // As the live demo enters them: received most of a day ago (older than the live window), the
    // acceptance clock's WARNING minutes ahead. W4, entered after W3, was received before it: event
    // time (caught up with W3) has passed it, and nothing newer comes to move it.
    Complaints first = complaint("W3");
    Complaints second = complaint("W4");
    OperatorSubtaskState afterWarning;
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(millis("2026-03-05T12:00"));
      send(h, first.event(RECEIVED, "2026-03-04T16:55"), millis("2026-03-05T12:00"));
      watermark(h, "2026-03-04T16:55");
      h.setProcessingTime(millis("2026-03-05T12:00:20"));
      send(h, second.event(RECEIVED, "2026-03-04T16:50"), millis("2026-03-05T12:00:20"));

      h.setProcessingTime(millis("2026-03-05T12:01:59"));
      assertThat(alerts(h)).noneMatch(a -> a.contains("accept_24h"));
      h.setProcessingTime(millis("2026-03-05T12:02")); // 80% of 24 h after 03-04 16:50
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly("WARNING accept_24h 2026-03-05T12:02");
      var warning =
          h.getSideOutput(ComplaintLifecycleFunction.ALERTS).stream()
              .map(r -> r.getValue())
              .filter(a -> a.ruleId().equals("accept_24h"))
              .toList();
      assertThat(warning)
          .extracting(a -> a.complaintId() + " " + a.alertType() + " " + a.alertAt())
          .containsExactly("W4 WARNING 2026-03-05T12:02");
      assertThat(warning.get(0).landedAt()).isEqualTo("2026-03-05T12:02");
      afterWarning = h.snapshot(1L, millis("2026-03-05T12:02"));
    }
    try (var h = harness()) {
      h.initializeState(afterWarning);
      h.open();
      h.setProcessingTime(millis("2026-03-05T17:00")); // restarted after both deadlines
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactlyInAnyOrder(
              "WARNING accept_24h 2026-03-05T12:07",
              "BREACH accept_24h 2026-03-05T16:50",
              "BREACH accept_24h 2026-03-05T16:55");
      int raised = alerts(h).size();
      watermark(h, "2026-03-06T00:00"); // event time passes the same moments later: nothing twice
      assertThat(alerts(h)).hasSize(raised);
    }
  }

  @Test
  void aLiveStepJudgedOnlyAfterARestartPastItsMomentsStillGetsItsWarningAndBreach()
      throws Exception {
    Complaints c = complaint("W5");
    OperatorSubtaskState beforeJudged;
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(millis("2026-03-02T10:00"));
      send(h, c.event(RECEIVED, "2026-03-02T10:00")); // read; its judgment at once is still due
      beforeJudged = h.snapshot(1L, millis("2026-03-02T10:00"));
    }
    try (var h = harness()) {
      h.initializeState(beforeJudged);
      h.open();
      h.setProcessingTime(millis("2026-03-03T11:00")); // the overdue judgment of 03-02 10:00
      h.setProcessingTime(millis("2026-03-03T11:00:01")); // and what it found due since
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly(
              "WARNING accept_24h 2026-03-03T05:12", "BREACH accept_24h 2026-03-03T10:00");
    }
  }

  /** What was raised for {@code complaintId}: type, rule and moment. */
  private static List<String> alertsOf(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h,
      String complaintId) {
    var out = h.getSideOutput(ComplaintLifecycleFunction.ALERTS);
    return out == null
        ? List.of()
        : out.stream()
            .map(r -> r.getValue())
            .filter(a -> a.complaintId().equals(complaintId))
            .map(a -> a.alertType() + " " + a.ruleId() + " " + a.alertAt())
            .collect(Collectors.toList());
  }

  /** A release whose check began after everything read so far (the wall clock moved on). */
  private static void releaseAfterwards(CatchUpSignal signal) throws InterruptedException {
    Thread.sleep(5);
    signal.release();
  }

  @Test
  void stepsOlderThanEventTimeReadByALiveJobAreJudgedOnceTheirFileIsReadNotAtItsNextRise()
      throws Exception {
    // An import of history into the running service, its files out of time order: W7 and W8 come
    // after event time reached 03-17 and nothing newer follows (acceptance run 2, E1: no alert and
    // no snapshot until later imports moved event time on). W7's acceptance is in the same file,
    // read after its receipt (acceptance run 3, D1: judged at once at the receipt, W7 got the
    // acceptance's WARNING and BREACH beside its MET).
    Complaints first = complaint("W6");
    Complaints accepted = complaint("W7");
    Complaints waiting = complaint("W8");
    try (CatchUpSignal signal = CatchUpSignal.local();
        var h = harness(null, signal)) {
      h.open();
      h.setProcessingTime(millis("2026-12-04T17:00"));
      send(h, first.event(RECEIVED, "2026-03-17T09:00"), millis("2026-12-04T17:00"));
      watermark(h, "2026-03-17T09:00");
      send(h, accepted.event(RECEIVED, "2026-03-05T11:00"), millis("2026-12-04T17:01"));
      send(h, waiting.event(RECEIVED, "2026-03-05T12:00"), millis("2026-12-04T17:01"));
      h.setProcessingTime(millis("2026-12-04T17:00") + 5_000); // checks: the file is still read
      assertThat(alertsOf(h, "W7")).as("nothing judged before the file is read").isEmpty();
      assertThat(alertsOf(h, "W8")).isEmpty();
      send(h, accepted.event(ACCEPTED, "2026-03-05T11:30"), millis("2026-12-04T17:01"));

      releaseAfterwards(signal); // everything published is read
      h.setProcessingTime(millis("2026-12-04T17:00") + 10_000);

      assertThat(alertsOf(h, "W7"))
          .as("judged with its acceptance: met, neither warned nor breached")
          .contains("MET accept_24h 2026-03-05T11:30")
          .noneMatch(a -> a.startsWith("WARNING accept_24h") || a.startsWith("BREACH accept_24h"));
      assertThat(alertsOf(h, "W8"))
          .as("W8's moments up to the watermark, raised once its file is read")
          .contains("WARNING accept_24h 2026-03-06T07:12", "BREACH accept_24h 2026-03-06T12:00")
          .allSatisfy(
              a ->
                  assertThat(LocalDateTime.parse(a.substring(a.lastIndexOf(' ') + 1)))
                      .as("no moment after the watermark: those wait for event time")
                      .isBeforeOrEqualTo("2026-03-17T09:00"));
      assertThat(h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS))
          .extracting(r -> r.getValue())
          .filteredOn(s -> s.complaintId().equals("W8"))
          .last()
          .satisfies(s -> assertThat(s.breachedRules()).contains("accept_24h"));
      List<String> raised = new ArrayList<>(alerts(h));
      watermark(h, "2026-03-18T00:00"); // the next rise finds them raised: nothing twice
      assertThat(alerts(h).subList(raised.size(), alerts(h).size()))
          .noneMatch(
              a -> a.contains("accept_24h 2026-03-05") || a.contains("accept_24h 2026-03-06"));
    }
  }

  @Test
  void aDailyImportIntoAServiceStartedDaysAgoBreachesWhatRanOutSinceItsStartAndNotWhatIsAhead()
      throws Exception {
    // The service started 12-01 (its alert horizon, sla.alert-horizon=now). Today's import, read at
    // 12-04 17:00: D1 received 12-03 09:00 and not accepted, its 24 hours ran out at 12-04 09:00,
    // after the start and more than the live hour before the import; D2 received 12-04 10:00, its
    // deadline (12-05 10:00) ahead. Before, D1 got no WARNING or BREACH at all: in event time its
    // moments were after the horizon, and on the wall clock they were past.
    assertThat(dailyImport(true).get("D1"))
        .containsExactly(
            "WARNING accept_24h 2026-12-04T04:12", "BREACH accept_24h 2026-12-04T09:00");
    // A horizon given as a date-time (the demo's history ends there) stays where it is.
    assertThat(dailyImport(false).get("D1")).isEmpty();
  }

  /** The daily import above: what was raised for accept_24h, by complaint. */
  private static Map<String, List<String>> dailyImport(boolean horizonIsTheStart) throws Exception {
    Complaints newest = complaint("D0");
    Complaints ranOut = complaint("D1");
    Complaints ahead = complaint("D2");
    try (CatchUpSignal signal = CatchUpSignal.local();
        var h = harness("2026-12-01T08:00", signal, horizonIsTheStart)) {
      h.open();
      h.setProcessingTime(millis("2026-12-04T17:00"));
      send(h, newest.event(RECEIVED, "2026-12-04T16:30"), millis("2026-12-04T17:00"));
      watermark(h, "2026-12-04T15:30"); // an hour behind the newest step
      send(h, ranOut.event(RECEIVED, "2026-12-03T09:00"), millis("2026-12-04T17:00"));
      send(h, ahead.event(RECEIVED, "2026-12-04T10:00"), millis("2026-12-04T17:00"));
      releaseAfterwards(signal);
      h.setProcessingTime(millis("2026-12-04T17:00:05"));

      List<String> d1 = alertsOf(h, "D1").stream().filter(a -> a.contains("accept_24h")).toList();
      assertThat(alertsOf(h, "D2"))
          .as("its moments are ahead: the wall clock raises them")
          .noneMatch(a -> a.contains("accept_24h"));
      h.setProcessingTime(millis("2026-12-05T06:00"));
      assertThat(alertsOf(h, "D2").stream().filter(a -> a.contains("accept_24h")))
          .containsExactly("WARNING accept_24h 2026-12-05T05:12");
      return Map.of("D1", d1);
    }
  }

  @Test
  void aComplaintEnteredAfterItsWarningMomentIsWarnedOnceItsFileIsReadNotOnlyAtItsDeadline()
      throws Exception {
    // Received 2026-12-03 20:00, entered a day later (older than the live hour): accept_24h warns
    // at 80 % (12-04 15:12), already past when it is read at 15:20; the deadline (20:00) is ahead.
    Complaints late = complaint("E1");
    try (CatchUpSignal signal = CatchUpSignal.local();
        var h = harness(null, signal)) {
      h.open();
      h.setProcessingTime(millis("2026-12-04T15:20"));
      send(h, late.event(RECEIVED, "2026-12-03T20:00"), millis("2026-12-04T15:20"));
      h.setProcessingTime(millis("2026-12-04T15:20") + 5_000);
      assertThat(alertsOf(h, "E1")).as("its file is still being read").isEmpty();

      releaseAfterwards(signal);
      h.setProcessingTime(millis("2026-12-04T15:20") + 10_000);
      assertThat(alertsOf(h, "E1"))
          .as("accept_24h and start_handling_24h, both 24 hours from the receipt")
          .containsExactlyInAnyOrder(
              "WARNING accept_24h 2026-12-04T15:12", "WARNING start_handling_24h 2026-12-04T15:12");

      h.setProcessingTime(millis("2026-12-04T20:00"));
      assertThat(alertsOf(h, "E1"))
          .filteredOn(a -> a.contains(" accept_24h "))
          .containsExactly(
              "WARNING accept_24h 2026-12-04T15:12", "BREACH accept_24h 2026-12-04T20:00");
    }
  }

  @Test
  void withoutTheSignalAStepOlderThanEventTimeWaitsForTheWatermarksNextRise() throws Exception {
    Complaints first = complaint("W6");
    Complaints late = complaint("W7");
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(millis("2026-12-04T17:00"));
      send(h, first.event(RECEIVED, "2026-03-17T09:00"), millis("2026-12-04T17:00"));
      watermark(h, "2026-03-17T09:00");
      send(h, late.event(RECEIVED, "2026-03-05T11:00"), millis("2026-12-04T17:01"));
      h.setProcessingTime(millis("2026-12-04T17:10"));
      assertThat(alertsOf(h, "W7")).isEmpty();
      watermark(h, "2026-03-17T09:01");
      assertThat(alertsOf(h, "W7")).contains("BREACH accept_24h 2026-03-06T11:00");
    }
  }

  @Test
  void aLiveJobReadingAStepOverAYearOlderThanEventTimeClearsItAsTheNextWatermarkWouldAndGoesOn()
      throws Exception {
    // judged at the watermark once read, the step is past the year kept for an open complaint: its
    // state goes, and the job does not fail on a complaint with no step left
    try (CatchUpSignal signal = CatchUpSignal.local();
        var h = harness(null, signal)) {
      h.open();
      h.setProcessingTime(millis("2026-12-04T17:00"));
      send(h, complaint("W8").event(RECEIVED, "2026-11-30T09:00"), millis("2026-12-04T17:00"));
      watermark(h, "2026-11-30T09:00");
      send(h, complaint("W9").event(RECEIVED, "2025-10-01T09:00"), millis("2026-12-04T17:01"));
      send(h, complaint("W10").event(RECEIVED, "2026-11-30T10:00"), millis("2026-12-04T17:02"));
      releaseAfterwards(signal);
      h.setProcessingTime(millis("2026-12-04T17:00") + 5_000);
      watermark(h, "2026-12-01T00:00");

      assertThat(h.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS))
          .extracting(r -> r.getValue().complaintId())
          .contains("W8", "W10")
          .doesNotContain("W9");
    }
  }

  @Test
  void aReplayOfHistoryHasNoWallClockMomentsAheadAndJudgesInEventTimeOnly() throws Exception {
    Complaints c = complaint("W2");
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(millis("2026-12-01T00:00")); // replayed months later
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      watermark(h, "2026-03-02T10:00");
      h.setProcessingTime(millis("2026-12-02T00:00"));
      assertThat(alerts(h)).isEmpty();
      watermark(h, "2026-03-03T11:00");
      assertThat(alerts(h).stream().filter(a -> a.contains("accept_24h")))
          .containsExactly(
              "WARNING accept_24h 2026-03-03T05:12", "BREACH accept_24h 2026-03-03T10:00");
    }
  }

  @Test
  void theStateOfAComplaintThatNeverClosesIsClearedAYearAfterItsLatestStep() throws Exception {
    Complaints c = complaint("C7");
    try (var h = harness()) {
      h.open();
      send(h, c.event(RECEIVED, "2026-03-02T10:00"));
      send(h, c.event(ACCEPTED, "2026-03-05T11:00"));
      watermark(h, "2027-03-04T00:00"); // a year after the receipt, not yet after the acceptance
      assertThat(h.numKeyedStateEntries()).isPositive();

      watermark(h, "2027-03-05T12:00");
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.extractOutputValues()).as("no fact: the complaint never ended").isEmpty();
    }
  }

  @Test
  void afterARestoreFromASnapshotTheOutputsMatchAnUninterruptedRun() throws Exception {
    Complaints c = complaint("C6");
    List<ComplaintEvent> events =
        List.of(
            c.event(RECEIVED, "2026-03-02T10:00"),
            c.event(ACCEPTED, "2026-03-03T12:00"),
            c.event(RESOLVED, "2026-03-05T10:00"),
            c.event(CUSTOMER_NOTIFIED, "2026-03-05T11:00"),
            c.event(CLOSED, "2026-03-06T10:00"));
    String[] watermarks = {
      "2026-03-02T12:00",
      "2026-03-03T06:00",
      "2026-03-03T13:00",
      "2026-03-05T12:00",
      "2026-03-10T00:00"
    };

    List<String> uninterrupted;
    try (var h = harness()) {
      h.open();
      for (int i = 0; i < events.size(); i++) {
        send(h, events.get(i));
        watermark(h, watermarks[i]);
      }
      uninterrupted = alerts(h);
      assertThat(h.extractOutputValues()).hasSize(1);
    }

    OperatorSubtaskState checkpoint;
    List<String> beforeFailure;
    try (var h = harness()) {
      h.open();
      for (int i = 0; i < 2; i++) {
        send(h, events.get(i));
        watermark(h, watermarks[i]);
      }
      checkpoint = h.snapshot(1L, 1L);
      beforeFailure = alerts(h);
      // Work after the checkpoint is lost with the failure and replayed from the source.
      send(h, events.get(2));
    }
    try (var h = harness()) {
      h.initializeState(checkpoint);
      h.open();
      send(h, events.get(1)); // the source replays from its checkpointed offset: a duplicate
      for (int i = 2; i < events.size(); i++) {
        send(h, events.get(i));
        watermark(h, watermarks[i]);
      }
      List<String> all = new ArrayList<>(beforeFailure);
      all.addAll(alerts(h));
      assertThat(all).containsExactlyElementsOf(uninterrupted);
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }
}
