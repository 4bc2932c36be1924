package io.qualityloop.jobs.complaints.functions;

import static io.qualityloop.events.LifecycleEventType.ACCEPTED;
import static io.qualityloop.events.LifecycleEventType.CALLBACK_DONE;
import static io.qualityloop.events.LifecycleEventType.CLOSED;
import static io.qualityloop.events.LifecycleEventType.CUSTOMER_NOTIFIED;
import static io.qualityloop.events.LifecycleEventType.RECEIVED;
import static io.qualityloop.events.LifecycleEventType.RESOLVED;
import static io.qualityloop.events.LifecycleEventType.SITE_SURVEYED;
import static io.qualityloop.events.LifecycleEventType.WORK_ORDER_ISSUED;
import static io.qualityloop.jobs.complaints.testutils.Complaints.at;
import static io.qualityloop.jobs.complaints.testutils.Complaints.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.complaints.testutils.Complaints;
import io.qualityloop.jobs.complaints.timeline.ComplaintOutputs;
import io.qualityloop.jobs.complaints.timeline.ComplaintTimeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from the lifecycle operator that kept each complaint's events as JSON strings ({@link
 * JsonStateLifecycleFunction}, today's job before typed state) to the typed one: a snapshot of the
 * old operator's keyed state and timers, taken mid-stream, is restored into the current operator,
 * which is fed the rest of the stream. Its facts, SLA outcomes and alerts, with those the old
 * operator wrote before the snapshot, are those of an uninterrupted run of the current operator.
 *
 * <p>At the snapshot the complaints are in every state the old job could leave them in: closed and
 * waiting for their cleanup (M1), open with clocks running and a breach already raised (M2), with
 * events received but not yet applied because the watermark had not passed them (M3), reopened
 * after a first cycle's fact (M4); M5 starts after it and is still open at the end.
 */
class ComplaintStateMigrationTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final EventCodec<ComplaintEvent> CODEC = EventCodec.of(ComplaintEvent.class);

  /** One step of the input: an event or a watermark (local time). */
  private record Step(ComplaintEvent event, String watermark) {}

  private static List<Step> stream() {
    Complaints m1 = complaint("M1").category("service");
    Complaints m2 = complaint("M2").trades("plumbing", "masonry");
    Complaints m3 = complaint("M3");
    Complaints m4 = complaint("M4");
    Complaints m5 = complaint("M5");
    List<Step> steps = new ArrayList<>();
    Stream.of(
            m1.event(RECEIVED, "2026-03-02T09:00"),
            m1.event(ACCEPTED, "2026-03-02T09:30"),
            m1.event(CLOSED, "2026-03-02T11:00"),
            m2.event(RECEIVED, "2026-03-02T10:00"),
            m4.event(RECEIVED, "2026-03-02T10:30"),
            m4.event(ACCEPTED, "2026-03-02T11:00"),
            m4.event(WORK_ORDER_ISSUED, "2026-03-02T12:00"),
            m4.event(RESOLVED, "2026-03-03T15:00"),
            m4.event(CUSTOMER_NOTIFIED, "2026-03-03T16:00"),
            m4.event(CLOSED, "2026-03-03T17:00"))
        .forEach(e -> steps.add(new Step(e, null)));
    steps.add(new Step(null, "2026-03-03T18:00")); // M2's acceptance (24 h) breached on 03-03 10:00
    steps.add(new Step(m2.event(ACCEPTED, "2026-03-03T19:00"), null));
    steps.add(
        new Step(
            m3.event(RECEIVED, "2026-03-04T09:00"),
            null)); // ahead of the watermark: pending at the snapshot
    steps.add(new Step(m3.event(ACCEPTED, "2026-03-04T10:00"), null));
    steps.add(new Step(m4.event(LifecycleEventType.REOPENED, "2026-03-04T08:00"), null));
    steps.add(new Step(null, "2026-03-03T20:00"));
    // ---- the snapshot is taken here (after SNAPSHOT_AFTER steps) ----
    Stream.of(
            m2.event(SITE_SURVEYED, "2026-03-04T11:00"),
            m2.event(WORK_ORDER_ISSUED, "2026-03-05T10:00"),
            m3.event(WORK_ORDER_ISSUED, "2026-03-04T14:00"),
            m4.event(RESOLVED, "2026-03-05T12:00"),
            m4.event(CLOSED, "2026-03-05T14:00"),
            m5.event(RECEIVED, "2026-03-05T09:00"))
        .forEach(e -> steps.add(new Step(e, null)));
    steps.add(new Step(null, "2026-03-06T00:00"));
    Stream.of(
            m2.event(RESOLVED, "2026-03-10T16:00"),
            m2.event(CUSTOMER_NOTIFIED, "2026-03-10T17:00"),
            m2.event(CALLBACK_DONE, "2026-03-11T10:00"),
            m2.event(CLOSED, "2026-03-11T11:00"),
            m3.event(RESOLVED, "2026-03-09T10:00"),
            m3.event(CLOSED, "2026-03-09T12:00"),
            m5.event(ACCEPTED, "2026-03-06T10:00"))
        .forEach(e -> steps.add(new Step(e, null)));
    steps.add(new Step(null, "2026-03-20T00:00"));
    steps.add(new Step(null, "2026-05-01T00:00")); // past every cleanup
    return steps;
  }

  private static final int SNAPSHOT_AFTER = 16;

  private static KeyedOneInputStreamOperatorTestHarness<
          String, ComplaintEventEnvelope, ComplaintFact>
      typed() throws Exception {
    WorkingTime time = WorkingTime.shipped();
    ComplaintLifecycleFunction fn =
        new ComplaintLifecycleFunction(
            new ComplaintTimeline(SlaRuleSet.shipped(), time, 0.8, SHANGHAI),
            new ComplaintOutputs(time),
            SHANGHAI,
            Duration.ofDays(30),
            Duration.ofDays(365),
            null,
            true);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(fn), ComplaintEventEnvelope::complaintId, Types.STRING);
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, JsonComplaintEventEnvelope, ComplaintFact>
      json() throws Exception {
    WorkingTime time = WorkingTime.shipped();
    JsonStateLifecycleFunction fn =
        new JsonStateLifecycleFunction(
            new ComplaintTimeline(SlaRuleSet.shipped(), time, 0.8, SHANGHAI),
            new ComplaintOutputs(time),
            SHANGHAI,
            Duration.ofDays(30),
            null);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(fn), e -> e.complaintId, Types.STRING);
  }

  private static void typedStep(
      KeyedOneInputStreamOperatorTestHarness<String, ComplaintEventEnvelope, ComplaintFact> h,
      Step s)
      throws Exception {
    if (s.event() != null) {
      long ts = s.event().occurredAt().toInstant().toEpochMilli();
      h.processElement(new ComplaintEventEnvelope(s.event(), ts), ts);
    } else {
      h.processWatermark(new Watermark(at(s.watermark()).toInstant().toEpochMilli()));
    }
  }

  private static void jsonStep(
      KeyedOneInputStreamOperatorTestHarness<String, JsonComplaintEventEnvelope, ComplaintFact> h,
      Step s)
      throws Exception {
    if (s.event() != null) {
      ComplaintEvent e = s.event();
      long ts = e.occurredAt().toInstant().toEpochMilli();
      h.processElement(
          new JsonComplaintEventEnvelope(
              e.complaintId(),
              e.eventId(),
              ts,
              new String(CODEC.encode(e), StandardCharsets.UTF_8),
              ts),
          ts);
    } else {
      h.processWatermark(new Watermark(at(s.watermark()).toInstant().toEpochMilli()));
    }
  }

  /**
   * Facts, outcomes and alerts as text, without when they became known (a restart starts that clock
   * afresh).
   */
  private static List<String> outputs(AbstractStreamOperatorTestHarness<ComplaintFact> h) {
    List<String> out = new ArrayList<>();
    h.extractOutputValues().forEach(f -> out.add(f.toString()));
    var outcomes = h.getSideOutput(ComplaintLifecycleFunction.OUTCOMES);
    if (outcomes != null) {
      outcomes.forEach(r -> out.add(r.getValue().toString()));
    }
    var alerts = h.getSideOutput(ComplaintLifecycleFunction.ALERTS);
    if (alerts != null) {
      alerts.forEach(r -> out.add(r.getValue().toString()));
    }
    return out.stream().map(s -> s.replaceAll("landedAt=[^,\\]]*", "")).toList();
  }

  @Test
  void aSnapshotOfTheJsonStateOperatorRestoresIntoTheTypedOneWithTheOutputsOfAnUninterruptedRun()
      throws Exception {
    List<Step> steps = stream();
    List<String> uninterrupted;
    int stateLeft;
    try (var h = typed()) {
      h.open();
      for (Step s : steps) {
        typedStep(h, s);
      }
      uninterrupted = outputs(h);
      stateLeft = h.numKeyedStateEntries();
    }
    assertThat(stateLeft).as("only M5, still open, is held").isPositive();
    assertThat(uninterrupted)
        .anyMatch(s -> s.startsWith("ComplaintFact[complaintId=M2"))
        .anyMatch(s -> s.contains("alertType=BREACH") && s.contains("complaintId=M2"))
        .anyMatch(s -> s.startsWith("ComplaintFact[complaintId=M3"))
        .filteredOn(s -> s.startsWith("ComplaintFact[complaintId=M4"))
        .hasSize(2);

    OperatorSubtaskState savepoint;
    List<String> before;
    try (var h = json()) {
      h.open();
      for (Step s : steps.subList(0, SNAPSHOT_AFTER)) {
        jsonStep(h, s);
      }
      savepoint = h.snapshot(1L, 1L);
      before = outputs(h);
    }
    assertThat(before)
        .as("the old operator wrote some outputs before its snapshot")
        .isNotEmpty()
        .anyMatch(s -> s.contains("alertType=BREACH") && s.contains("complaintId=M2"));

    List<String> after;
    try (var h = typed()) {
      h.initializeState(savepoint);
      h.open();
      for (Step s : steps.subList(SNAPSHOT_AFTER, steps.size())) {
        typedStep(h, s);
      }
      after = outputs(h);
      assertThat(h.numKeyedStateEntries())
          .as("nothing of the old JSON state is left behind")
          .isEqualTo(stateLeft);
    }
    List<String> upgraded = new ArrayList<>(before);
    upgraded.addAll(after);
    assertThat(upgraded).containsExactlyInAnyOrderElementsOf(uninterrupted);
  }

  @Test
  void theTypedOperatorRestoresItsOwnSnapshotToo() throws Exception {
    List<Step> steps = stream();
    List<String> uninterrupted;
    try (var h = typed()) {
      h.open();
      for (Step s : steps) {
        typedStep(h, s);
      }
      uninterrupted = outputs(h);
    }
    OperatorSubtaskState snapshot;
    List<String> all;
    try (var h = typed()) {
      h.open();
      for (Step s : steps.subList(0, SNAPSHOT_AFTER)) {
        typedStep(h, s);
      }
      snapshot = h.snapshot(1L, 1L);
      all = new ArrayList<>(outputs(h));
    }
    try (var h = typed()) {
      h.initializeState(snapshot);
      h.open();
      for (Step s : steps.subList(SNAPSHOT_AFTER, steps.size())) {
        typedStep(h, s);
      }
      all.addAll(outputs(h));
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(uninterrupted);
  }
}
