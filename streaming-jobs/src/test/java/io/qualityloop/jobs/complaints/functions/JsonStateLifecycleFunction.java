package io.qualityloop.jobs.complaints.functions;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.records.ComplaintSnapshot;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.complaints.records.SlaOutcome;
import io.qualityloop.jobs.complaints.timeline.ClockResult;
import io.qualityloop.jobs.complaints.timeline.ComplaintOutputs;
import io.qualityloop.jobs.complaints.timeline.ComplaintTimeline;
import io.qualityloop.jobs.complaints.timeline.ComplaintView;
import io.qualityloop.jobs.complaints.timeline.CycleResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The lifecycle operator as it was before typed state, verbatim but for its name: each complaint's
 * events kept as contract JSON. Kept in the tests only, to take the savepoints that the current
 * operator must restore ({@code ComplaintStateMigrationTest}). Do not change it.
 *
 * <p>The life of one complaint, keyed by complaint id, in event time.
 *
 * <p>Each event is held until the watermark passes its time, so events that arrive out of order are
 * applied in event-time order; a re-sent event (known event id) is dropped and counted. Every time
 * the watermark reaches an event or a clock moment (a warning or a deadline, as event-time timers),
 * the complaint's events so far are folded by {@link ComplaintTimeline} and the outputs it has
 * newly earned are written: alerts (at most once each, by deterministic id), the fact row and SLA
 * outcomes of each cycle that ended, and a snapshot when something changed. State is cleared a
 * retention period after the complaint closed.
 *
 * <p>Every output row carries when it became known ({@code landed_at}), from Kafka record
 * timestamps rather than the wall clock, so a replay of the topic reproduces it: the latest of the
 * complaint's events read so far, or, for a row a deadline timer wrote, the latest record this
 * subtask has read of any complaint if that is later (time passed because later records landed).
 */
public final class JsonStateLifecycleFunction
    extends KeyedProcessFunction<String, JsonComplaintEventEnvelope, ComplaintFact> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<SlaAlert> ALERTS =
      new OutputTag<>("sla-alerts", TypeInformation.of(SlaAlert.class));
  public static final OutputTag<SlaOutcome> OUTCOMES =
      new OutputTag<>("sla-outcomes", TypeInformation.of(SlaOutcome.class));
  public static final OutputTag<ComplaintSnapshot> SNAPSHOTS =
      new OutputTag<>("snapshots", TypeInformation.of(ComplaintSnapshot.class));

  public static final String ACC_DUPLICATES = "complaint-duplicates";
  public static final String ACC_LATE = "complaint-late-events";
  public static final String ACC_CREATED = "complaint-states-created";
  public static final String ACC_CLEARED = "complaint-states-cleared";
  public static final String ACC_STATE_BYTES = "complaint-state-event-bytes";

  /** Most complaints one subtask held in state at once. */
  public static final String ACC_PEAK_LIVE = "complaint-states-peak-per-subtask";

  private final ComplaintTimeline timeline;
  private final ComplaintOutputs outputs;
  private final ZoneId zone;
  private final Duration retentionAfterClose;
  private final LocalDateTime alertHorizon;

  private transient MapState<String, Boolean> seen;
  private transient MapState<Long, List<String>> pending;
  private transient ListState<String> applied;
  private transient MapState<String, Boolean> emitted;
  private transient ValueState<Integer> factsThroughCycle;
  private transient ValueState<Long> cleanupAt;
  private transient ValueState<Long> latestLanded;

  /** The latest Kafka timestamp this subtask has read (since it started: a restart begins at 0). */
  private transient long subtaskLatestLanded;

  private transient EventCodec<ComplaintEvent> codec;
  private transient LongCounter duplicates;
  private transient LongCounter late;
  private transient LongCounter created;
  private transient LongCounter cleared;
  private transient LongCounter stateBytes;
  private transient LongMaximum peakLive;
  private transient long live;

  public JsonStateLifecycleFunction(
      ComplaintTimeline timeline,
      ComplaintOutputs outputs,
      ZoneId zone,
      Duration retentionAfterClose,
      Instant alertHorizon) {
    this.timeline = timeline;
    this.alertHorizon =
        alertHorizon == null ? LocalDateTime.MAX : LocalDateTime.ofInstant(alertHorizon, zone);
    this.outputs = outputs;
    this.zone = zone;
    this.retentionAfterClose = retentionAfterClose;
  }

  @Override
  public void open(OpenContext openContext) {
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("pending-by-time", Types.LONG, Types.LIST(Types.STRING)));
    applied =
        getRuntimeContext().getListState(new ListStateDescriptor<>("applied-events", Types.STRING));
    emitted =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("emitted-alerts", Types.STRING, Types.BOOLEAN));
    factsThroughCycle =
        getRuntimeContext().getState(new ValueStateDescriptor<>("facts-through-cycle", Types.INT));
    cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
    latestLanded =
        getRuntimeContext().getState(new ValueStateDescriptor<>("latest-landed", Types.LONG));
    codec = EventCodec.of(ComplaintEvent.class);
    duplicates = counter(ACC_DUPLICATES);
    late = counter(ACC_LATE);
    created = counter(ACC_CREATED);
    cleared = counter(ACC_CLEARED);
    stateBytes = counter(ACC_STATE_BYTES);
    peakLive = new LongMaximum();
    getRuntimeContext().addAccumulator(ACC_PEAK_LIVE, peakLive);
  }

  private LongCounter counter(String name) {
    LongCounter c = new LongCounter();
    getRuntimeContext().addAccumulator(name, c);
    return c;
  }

  @Override
  public void processElement(
      JsonComplaintEventEnvelope in, Context ctx, Collector<ComplaintFact> out) throws Exception {
    if (seen.contains(in.eventId)) {
      duplicates.add(1);
      return;
    }
    if (seen.isEmpty()) {
      created.add(1);
      live++;
      peakLive.add(live);
    }
    seen.put(in.eventId, true);
    subtaskLatestLanded = Math.max(subtaskLatestLanded, in.landedMillis);
    Long landed = latestLanded.value();
    if (landed == null || in.landedMillis > landed) {
      latestLanded.update(in.landedMillis);
    }
    if (in.eventTimeMillis <= ctx.timerService().currentWatermark()) {
      late.add(1); // applied at the next watermark, after the events already applied
    }
    List<String> atTime = pending.get(in.eventTimeMillis);
    List<String> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
    updated.add(in.json);
    pending.put(in.eventTimeMillis, updated);
    stateBytes.add(in.json.length() + in.eventId.length());
    ctx.timerService().registerEventTimeTimer(in.eventTimeMillis);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintFact> out)
      throws Exception {
    boolean changed = flushPendingUpTo(timestamp);
    List<ComplaintEvent> events = new ArrayList<>();
    for (String json : applied.get()) {
      events.add(decode(json));
    }
    Long cleanup = cleanupAt.value();
    if (cleanup != null && timestamp >= cleanup && pending.isEmpty()) {
      clearState();
      return;
    }
    if (events.isEmpty()) {
      return;
    }
    events.sort(ComplaintTimeline.ORDER);
    LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(timestamp), zone);
    ComplaintView view = timeline.evaluate(events, now);
    Long complaintLanded = latestLanded.value();
    long landedMillis =
        Math.max(complaintLanded == null ? 0 : complaintLanded, subtaskLatestLanded);
    LocalDateTime landedAt = LocalDateTime.ofInstant(Instant.ofEpochMilli(landedMillis), zone);

    boolean alerted = false;
    for (SlaAlert alert : outputs.alertsDue(view, now, alertHorizon, landedAt)) {
      if (!emitted.contains(alert.alertId())) {
        emitted.put(alert.alertId(), true);
        ctx.output(ALERTS, alert);
        alerted = true;
      }
    }

    int through = factsThroughCycle.value() == null ? 0 : factsThroughCycle.value();
    List<CycleResult> cycles = view.cycles();
    for (int i = 0; i < cycles.size(); i++) {
      CycleResult cycle = cycles.get(i);
      if (cycle.cycle() <= through || !cycle.ended()) {
        continue;
      }
      LocalDateTime endedAt =
          cycle.endedAt(i + 1 < cycles.size() ? cycles.get(i + 1).startedAt() : null);
      out.collect(outputs.fact(view, cycle, endedAt, landedAt));
      outputs.outcomes(view, cycle, landedAt).forEach(o -> ctx.output(OUTCOMES, o));
      through = cycle.cycle();
    }
    factsThroughCycle.update(through);

    if (changed || alerted) {
      ComplaintEvent last = lastApplied(events, now);
      ctx.output(
          SNAPSHOTS,
          outputs.snapshot(view, now, last.eventType().name(), last.staffId(), landedAt));
    }
    registerClockTimers(view, now, ctx);

    CycleResult current = view.currentCycle();
    LocalDateTime closed = current.at(LifecycleEventType.CLOSED);
    if (closed != null) {
      long at = closed.atZone(zone).toInstant().toEpochMilli() + retentionAfterClose.toMillis();
      cleanupAt.update(at);
      ctx.timerService().registerEventTimeTimer(at);
    } else {
      cleanupAt.clear();
    }
  }

  private boolean flushPendingUpTo(long timestamp) throws Exception {
    TreeSet<Long> due = new TreeSet<>();
    for (Long t : pending.keys()) {
      if (t <= timestamp) {
        due.add(t);
      }
    }
    for (Long t : due) {
      for (String json : pending.get(t)) {
        applied.add(json);
      }
      pending.remove(t);
    }
    return !due.isEmpty();
  }

  private void registerClockTimers(ComplaintView view, LocalDateTime now, OnTimerContext ctx)
      throws Exception {
    for (CycleResult cycle : view.cycles()) {
      for (ClockResult c : cycle.clocks()) {
        if (c.status().stopped()) {
          continue;
        }
        for (LocalDateTime moment : new LocalDateTime[] {c.warningAt(), c.deadline()}) {
          if (moment != null && moment.isAfter(now)) {
            ctx.timerService()
                .registerEventTimeTimer(moment.atZone(zone).toInstant().toEpochMilli());
          }
        }
      }
    }
  }

  private ComplaintEvent lastApplied(List<ComplaintEvent> sorted, LocalDateTime now) {
    ComplaintEvent last = sorted.get(0);
    for (ComplaintEvent e : sorted) {
      if (!timeline.local(e.occurredAt()).isAfter(now)) {
        last = e;
      }
    }
    return last;
  }

  private void clearState() throws Exception {
    long bytes = 0;
    for (String json : applied.get()) {
      bytes += json.length();
    }
    for (String id : seen.keys()) {
      bytes += id.length();
    }
    stateBytes.add(-bytes);
    cleared.add(1);
    live--;
    seen.clear();
    pending.clear();
    applied.clear();
    emitted.clear();
    factsThroughCycle.clear();
    cleanupAt.clear();
    latestLanded.clear();
  }

  private ComplaintEvent decode(String json) throws EventDecodingException {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
