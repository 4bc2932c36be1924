package io.qualityloop.jobs.complaints.functions;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.complaints.records.ComplaintEventSerializer;
import io.qualityloop.jobs.complaints.records.ComplaintEventTypeInfo;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.records.ComplaintSnapshot;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.complaints.records.SlaOutcome;
import io.qualityloop.jobs.complaints.timeline.ClockResult;
import io.qualityloop.jobs.complaints.timeline.ComplaintOutputs;
import io.qualityloop.jobs.complaints.timeline.ComplaintTimeline;
import io.qualityloop.jobs.complaints.timeline.ComplaintView;
import io.qualityloop.jobs.complaints.timeline.CycleResult;
import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one complaint, keyed by complaint id, in event time.
 *
 * <p>Its input is what passed the door of the lake job: validated, scrubbed, de-duplicated
 * complaint events with their event time. Each event is held until the watermark passes its time,
 * so events that arrive out of order are applied in event-time order; a re-sent event (known event
 * id) is dropped and counted. Every time the watermark reaches an event or a clock moment (a
 * warning or a deadline, as event-time timers), the complaint's events so far are folded by {@link
 * ComplaintTimeline} and the outputs it has newly earned are written: alerts (at most once each, by
 * deterministic id), the fact row and SLA outcomes of each cycle that ended, and a snapshot when
 * something changed.
 *
 * <p>State is typed: the events themselves ({@link ComplaintEventSerializer}), never JSON, so
 * nothing is decoded again at a timer. It is cleared {@code retentionAfterClose} after the
 * complaint closed, and {@code retentionWhileOpen} after the latest event of a complaint that never
 * closes (counted as expired). A savepoint of the job before typed state (events kept as contract
 * JSON under {@code pending-by-time} and {@code applied-events}) is read as well: each complaint's
 * JSON events are decoded once, the first time the complaint is touched after the restore, moved
 * into the typed state and dropped.
 *
 * <p>Time: event time judges every clock, deterministically, as the watermark passes its moments (a
 * replay of the same history gives the same alerts, with the same ids). A live job also judges on
 * the wall clock ({@code liveAlerts}): a step that happened within {@link #LIVE_WINDOW} of the wall
 * clock is live, and its complaint is judged at once on the wall clock (a processing-time timer at
 * the moment it is read) rather than an hour of event time later; a warning or deadline moment that
 * is still ahead of the wall clock when the complaint is judged, or when a step of history is read
 * (its judgment in event time may come after the moment: a step read out of order waits for the
 * watermark's next rise), gets a processing-time timer too, and when the wall clock reaches it, the
 * complaint is judged at that moment with the steps read so far, so WARNING and BREACH are raised
 * on time with no further event, whatever order the steps arrive in. Whichever timer comes first
 * raises the alert; the other finds it emitted (alert ids are deterministic, and the emitted ones
 * are state, so each alert is raised once across restarts; an overdue processing-time timer fires
 * on restore). Steps of history (older than the window) are judged in event time only: judged on
 * the wall clock, a complaint would breach before its later steps, read a moment later from the
 * same file, were known. A step older than event time, read by a live job with a {@link
 * CatchUpSignal} ({@link #judgingLateStepsOnceRead}), is judged at the watermark once the run has
 * read everything published after it, for the same reason.
 *
 * <p>Every output row carries when it became known ({@code landed_at}), from Kafka record
 * timestamps rather than the wall clock, so a replay of the topic reproduces it: the latest of the
 * complaint's events read so far, or, for a row a deadline timer wrote, the latest record this
 * subtask has read of any complaint if that is later (time passed because later records landed);
 * for a row the wall clock raised, that moment.
 */
public final class ComplaintLifecycleFunction
    extends KeyedProcessFunction<String, ComplaintEventEnvelope, ComplaintFact>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ComplaintLifecycleFunction.class);

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

  /**
   * Steps read for a complaint whose state was released {@code retentionAfterClose} after it
   * closed: kept in the lake's {@code complaint_events}, not applied (its facts, outcomes and
   * alerts stand).
   */
  public static final String ACC_AFTER_RELEASE = "complaint-steps-after-release";

  /**
   * Complaints that never closed and whose state was cleared {@code retentionWhileOpen} after their
   * latest event.
   */
  public static final String ACC_EXPIRED_OPEN = "complaint-states-expired-open";

  /**
   * Complaints whose state, restored from a savepoint of the JSON-state job, was moved into typed
   * state.
   */
  public static final String ACC_MIGRATED = "complaint-states-migrated";

  /** Most complaints one subtask held in state at once. */
  public static final String ACC_PEAK_LIVE = "complaint-states-peak-per-subtask";

  /**
   * Complaints held in state at each checkpoint (by checkpoint id, all subtasks): the benchmark's
   * state bytes per complaint.
   */
  public static final String ACC_LIVE_AT_CHECKPOINT = "complaint-states-at-checkpoint";

  /**
   * A step that happened this close to the wall clock is live: its complaint is judged on the wall
   * clock at once.
   */
  public static final Duration LIVE_WINDOW = Duration.ofHours(1);

  /** State names of the job before typed state; read once after a restore, then cleared. */
  static final String LEGACY_PENDING = "pending-by-time";

  static final String LEGACY_APPLIED = "applied-events";

  private final ComplaintTimeline timeline;
  private final ComplaintOutputs outputs;
  private final ZoneId zone;
  private final Duration retentionAfterClose;
  private final Duration retentionWhileOpen;
  private final LocalDateTime alertHorizon;
  private final boolean liveAlerts;

  private transient MapState<String, Boolean> seen;
  private transient MapState<Long, List<ComplaintEvent>> pending;
  private transient ListState<ComplaintEvent> applied;
  private transient MapState<String, Boolean> emitted;
  private transient ValueState<Integer> factsThroughCycle;
  private transient ValueState<Long> cleanupAt;
  private transient ValueState<Long> latestLanded;
  private transient ValueState<Long> latestEventAt;

  /**
   * When (event time) a closed complaint's state was released; kept alone for {@code
   * retentionWhileOpen} after that, so a step read later (a correction, a reopen) is not taken for
   * a new complaint with no receipt. Then it is forgotten, as a complaint silent that long is.
   */
  private transient ValueState<Long> releasedAt;

  /**
   * When (wall clock, epoch ms) a step older than event time was read that is not judged yet, and
   * the processing-time timer that next checks whether the run has read everything published since.
   */
  private transient ValueState<Long> lateReadAt;

  private transient ValueState<Long> lateCheckAt;

  /** Tells when the run has read everything published; null: late steps wait for event time. */
  private CatchUpSignal catchUp;

  private boolean horizonFollowsWallClock;

  private transient MapState<Long, List<String>> legacyPending;
  private transient ListState<String> legacyApplied;

  /**
   * Whether this subtask was restored, so JSON state of the job before typed state may be there.
   */
  private transient boolean restored;

  /** The latest Kafka timestamp this subtask has read (since it started: a restart begins at 0). */
  private transient long subtaskLatestLanded;

  private transient EventCodec<ComplaintEvent> codec;
  private transient LongCounter duplicates;
  private transient LongCounter late;
  private transient LongCounter created;
  private transient LongCounter cleared;
  private transient LongCounter afterRelease;
  private transient LongCounter expired;
  private transient LongCounter migrated;
  private transient LongMaximum peakLive;
  private transient LongSumsByKey liveAtCheckpoint;
  private transient long live;

  /**
   * @param alertHorizon event-time WARNING and BREACH are not raised for moments after it (null:
   *     none)
   * @param liveAlerts also raise WARNING and BREACH when the wall clock reaches them (processing
   *     time)
   */
  public ComplaintLifecycleFunction(
      ComplaintTimeline timeline,
      ComplaintOutputs outputs,
      ZoneId zone,
      Duration retentionAfterClose,
      Duration retentionWhileOpen,
      Instant alertHorizon,
      boolean liveAlerts) {
    this.liveAlerts = liveAlerts;
    this.timeline = timeline;
    this.alertHorizon =
        alertHorizon == null ? LocalDateTime.MAX : LocalDateTime.ofInstant(alertHorizon, zone);
    this.outputs = outputs;
    this.zone = zone;
    this.retentionAfterClose = retentionAfterClose;
    this.retentionWhileOpen = retentionWhileOpen;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) {
    restored = context.isRestored();
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) {
    // all state is keyed state; what is counted here is how many complaints it holds
    if (liveAtCheckpoint != null) {
      liveAtCheckpoint.add(new long[] {context.getCheckpointId(), live});
    }
  }

  @Override
  public void open(OpenContext openContext) {
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-steps", Types.LONG, Types.LIST(ComplaintEventTypeInfo.INSTANCE)));
    applied =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("applied-steps", ComplaintEventTypeInfo.INSTANCE));
    emitted =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("emitted-alerts", Types.STRING, Types.BOOLEAN));
    factsThroughCycle =
        getRuntimeContext().getState(new ValueStateDescriptor<>("facts-through-cycle", Types.INT));
    cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
    lateReadAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late-read-at", Types.LONG));
    lateCheckAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late-check-at", Types.LONG));
    latestLanded =
        getRuntimeContext().getState(new ValueStateDescriptor<>("latest-landed", Types.LONG));
    latestEventAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("latest-event-time", Types.LONG));
    releasedAt =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("released-after-close-at", Types.LONG));
    legacyPending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(LEGACY_PENDING, Types.LONG, Types.LIST(Types.STRING)));
    legacyApplied =
        getRuntimeContext().getListState(new ListStateDescriptor<>(LEGACY_APPLIED, Types.STRING));
    codec = EventCodec.of(ComplaintEvent.class);
    duplicates = counter(ACC_DUPLICATES);
    late = counter(ACC_LATE);
    created = counter(ACC_CREATED);
    cleared = counter(ACC_CLEARED);
    afterRelease = counter(ACC_AFTER_RELEASE);
    expired = counter(ACC_EXPIRED_OPEN);
    migrated = counter(ACC_MIGRATED);
    peakLive = new LongMaximum();
    getRuntimeContext().addAccumulator(ACC_PEAK_LIVE, peakLive);
    liveAtCheckpoint = new LongSumsByKey();
    getRuntimeContext().addAccumulator(ACC_LIVE_AT_CHECKPOINT, liveAtCheckpoint);
  }

  private LongCounter counter(String name) {
    LongCounter c = new LongCounter();
    getRuntimeContext().addAccumulator(name, c);
    return c;
  }

  @Override
  public void processElement(ComplaintEventEnvelope in, Context ctx, Collector<ComplaintFact> out)
      throws Exception {
    if (restored) {
      migrateJsonState(ctx.timerService());
    }
    String eventId = in.eventId();
    if (releasedAt.value() != null) {
      afterRelease.add(1);
      LOG.warn(
          "step {} of complaint {} ({} at {}) not applied: the complaint closed and its state was"
              + " released {} after; the step is in the lake's complaint_events, its facts, SLA"
              + " outcomes and alerts stand",
          eventId,
          in.event.complaintId(),
          in.event.eventType(),
          in.event.occurredAt(),
          retentionAfterClose);
      return;
    }
    if (seen.contains(eventId)) {
      duplicates.add(1);
      return;
    }
    if (seen.isEmpty()) {
      created.add(1);
      live++;
      peakLive.add(live);
    }
    seen.put(eventId, true);
    subtaskLatestLanded = Math.max(subtaskLatestLanded, in.landedMillis);
    Long landed = latestLanded.value();
    if (landed == null || in.landedMillis > landed) {
      latestLanded.update(in.landedMillis);
    }
    long watermark = ctx.timerService().currentWatermark();
    boolean lateStep = in.eventTimeMillis <= watermark;
    if (lateStep) {
      late.add(1); // applied at the next watermark, after the events already applied
    }
    List<ComplaintEvent> atTime = pending.get(in.eventTimeMillis);
    List<ComplaintEvent> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
    updated.add(in.event);
    pending.put(in.eventTimeMillis, updated);
    ctx.timerService().registerEventTimeTimer(in.eventTimeMillis);
    keepWhileOpen(in.eventTimeMillis, ctx.timerService());
    if (!liveAlerts) {
      return;
    }
    if (lateStep && catchUp != null) {
      // A live job's event time may not rise again for hours (nothing newer comes): the step is
      // judged at the watermark already reached once the run has read everything published by
      // now. Not at once: the file it came in may hold later steps of its complaint, also older
      // than event time and not read yet, whose clocks a judgment now would breach.
      awaitEverythingRead(ctx.timerService());
      return;
    }
    long wallClock = ctx.timerService().currentProcessingTime();
    if (in.eventTimeMillis >= wallClock - LIVE_WINDOW.toMillis()) {
      ctx.timerService().registerProcessingTimeTimer(wallClock); // judged at once, which arms
    } else if (armWallClock(wallClock, ctx.timerService()) && catchUp != null) {
      // a moment passed within the hour (a complaint entered late): judged on the wall clock once
      // its file is read, not only at the next moment ahead
      awaitEverythingRead(ctx.timerService());
    }
  }

  /** How often a late step's complaint asks whether the run has read everything published. */
  static final long LATE_CHECK_MILLIS = 1_000;

  /**
   * Judges late steps (older than event time) once the run has read everything published after they
   * were read ({@code catchUp}, released by the service when its consumer group has committed the
   * topics' ends and no import holds event time), rather than at the watermark's next rise, which
   * in a quiet service waits for a newer step.
   */
  public ComplaintLifecycleFunction judgingLateStepsOnceRead(CatchUpSignal signal) {
    this.catchUp = signal;
    return this;
  }

  /**
   * Whether the horizon is the job's start ({@code sla.alert-horizon=now}), so that a live job's
   * event-time judgments raise what came due up to the wall clock ({@link #eventTimeHorizon}).
   */
  public ComplaintLifecycleFunction raisingInEventTimeUpToTheWallClock(boolean horizonIsTheStart) {
    this.horizonFollowsWallClock = horizonIsTheStart;
    return this;
  }

  private void awaitEverythingRead(TimerService timers) throws Exception {
    // the latest such step read: a release must cover its file too
    lateReadAt.update(System.currentTimeMillis());
    scheduleLateCheck(timers);
  }

  private void scheduleLateCheck(TimerService timers) throws Exception {
    if (lateCheckAt.value() == null) {
      long at = timers.currentProcessingTime() + LATE_CHECK_MILLIS;
      lateCheckAt.update(at);
      timers.registerProcessingTimeTimer(at);
    }
  }

  /**
   * A late step's check: once everything published after it was read, its complaint is judged at
   * the watermark (every step of its file is read), then on the wall clock as any step read now;
   * until then it asks again.
   */
  private void checkLateSteps(long timestamp, OnTimerContext ctx, Collector<ComplaintFact> out)
      throws Exception {
    lateCheckAt.clear();
    Long readAt = lateReadAt.value();
    if (readAt == null) {
      return;
    }
    if (catchUp == null || !liveAlerts) {
      lateReadAt.clear(); // restored into a run that judges in event time only
      return;
    }
    if (!catchUp.readEverythingPublishedBefore(readAt)) {
      scheduleLateCheck(ctx.timerService());
      return;
    }
    lateReadAt.clear();
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && !judge(watermark, false, ctx, out)) {
      return; // a year past its latest step: cleared, as the next watermark would clear it
    }
    Long latest = latestEventAt.value();
    boolean live = latest != null && latest >= timestamp - LIVE_WINDOW.toMillis();
    if (live || armWallClock(timestamp, ctx.timerService())) {
      judge(timestamp, true, ctx, out);
    }
  }

  /**
   * Processing-time timers at the warning and deadline moments still ahead of the wall clock, of
   * the complaint as the steps read so far describe it, set when a step of history is read. Its
   * event-time judgment comes only when the watermark passes the step, which in a live job may be
   * after those moments: a step older than event time (read out of order, the watermark already
   * past it) is judged at the watermark's next rise, which waits for a newer step, and the
   * watermark trails the wall clock by as much as the step is old. Were the moments left to that
   * judgment, the ones the wall clock passed meanwhile would get event-time timers only, and no
   * WARNING or BREACH until event time reached them. Only timers are set here; nothing is judged.
   *
   * @return whether a moment of a running clock passed within {@link #LIVE_WINDOW} before the wall
   *     clock (a complaint entered after its warning moment): the caller has it judged on the wall
   *     clock once its file is read, rather than at the next moment ahead (acceptance run 3, D2: a
   *     WARNING came only with the BREACH)
   */
  private boolean armWallClock(long wallClock, TimerService timers) throws Exception {
    List<ComplaintEvent> events = new ArrayList<>();
    for (ComplaintEvent e : applied.get()) {
      events.add(e);
    }
    for (List<ComplaintEvent> atTime : pending.values()) {
      events.addAll(atTime);
    }
    events.sort(ComplaintTimeline.ORDER);
    LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(wallClock), zone);
    boolean passedLately = false;
    for (CycleResult cycle : timeline.evaluate(events, now).cycles()) {
      for (ClockResult c : cycle.clocks()) {
        if (!c.running()) {
          continue;
        }
        for (LocalDateTime moment : new LocalDateTime[] {c.warningAt(), c.deadline()}) {
          if (moment != null && moment.isAfter(now)) {
            timers.registerProcessingTimeTimer(moment.atZone(zone).toInstant().toEpochMilli());
          } else if (moment != null && moment.isAfter(now.minus(LIVE_WINDOW))) {
            passedLately = true;
          }
        }
      }
    }
    return passedLately;
  }

  /** The latest event time so far, and a timer {@code retentionWhileOpen} after it. */
  private void keepWhileOpen(long eventTimeMillis, TimerService timers) throws Exception {
    Long latest = latestEventAt.value();
    if (latest == null || eventTimeMillis > latest) {
      latestEventAt.update(eventTimeMillis);
      timers.registerEventTimeTimer(eventTimeMillis + retentionWhileOpen.toMillis());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintFact> out)
      throws Exception {
    if (restored) {
      migrateJsonState(ctx.timerService());
    }
    boolean wallClock = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
    Long released = releasedAt.value();
    if (released != null) {
      // timers armed before the release find nothing to judge
      long forgetAt = released + retentionWhileOpen.toMillis();
      if (!wallClock && timestamp >= forgetAt) {
        releasedAt.clear();
      } else if (!wallClock) {
        // retention-while-open raised since the release: its timer came early
        ctx.timerService().registerEventTimeTimer(forgetAt);
      }
      return;
    }
    Long check = lateCheckAt.value();
    if (wallClock && check != null && check == timestamp) {
      checkLateSteps(timestamp, ctx, out);
      return;
    }
    judge(timestamp, wallClock, ctx, out);
  }

  /**
   * Applies the steps pending up to {@code timestamp} and judges the complaint at that moment: on
   * the wall clock ({@code wallClock}, a processing-time timer) or in event time.
   *
   * @return false when the complaint's state was cleared (closed long enough, or a year silent)
   */
  private boolean judge(
      long timestamp, boolean wallClock, Context ctx, Collector<ComplaintFact> out)
      throws Exception {
    boolean changed = flushPendingUpTo(timestamp);
    Long cleanup = cleanupAt.value();
    if (wallClock) {
      cleanup = null; // clean-up follows event time only
    }
    if (cleanup != null && timestamp >= cleanup && pending.isEmpty()) {
      clearState();
      releasedAt.update(timestamp);
      ctx.timerService().registerEventTimeTimer(timestamp + retentionWhileOpen.toMillis());
      cleared.add(1);
      return false;
    }
    Long latest = wallClock ? null : latestEventAt.value();
    // The end of a bounded input moves event time to the end of all time: that is no year of
    // silence.
    boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    if (cleanup == null
        && latest != null
        && timestamp >= latest + retentionWhileOpen.toMillis()
        && pending.isEmpty()
        && !endOfInput) {
      clearState();
      expired.add(1);
      return false;
    }
    List<ComplaintEvent> events = new ArrayList<>();
    for (ComplaintEvent e : applied.get()) {
      events.add(e);
    }
    if (events.isEmpty()) {
      return true; // nothing applied yet: its steps wait for event time
    }
    events.sort(ComplaintTimeline.ORDER);
    LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(timestamp), zone);
    ComplaintView view = timeline.evaluate(events, now);
    Long complaintLanded = latestLanded.value();
    long landedMillis =
        wallClock
            ? timestamp
            : Math.max(complaintLanded == null ? 0 : complaintLanded, subtaskLatestLanded);
    LocalDateTime landedAt = LocalDateTime.ofInstant(Instant.ofEpochMilli(landedMillis), zone);

    boolean alerted = false;
    // The horizon bounds how far an ending input moves event time; the wall clock is real time.
    for (SlaAlert alert :
        outputs.alertsDue(
            view, now, wallClock ? LocalDateTime.MAX : eventTimeHorizon(ctx), landedAt)) {
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
    registerClockTimers(view, now, wallClock, ctx);

    CycleResult current = view.currentCycle();
    LocalDateTime closed = current.at(LifecycleEventType.CLOSED);
    if (wallClock) {
      return true; // clean-up timers follow event time
    }
    if (closed != null) {
      long at = closed.atZone(zone).toInstant().toEpochMilli() + retentionAfterClose.toMillis();
      cleanupAt.update(at);
      ctx.timerService().registerEventTimeTimer(at);
    } else {
      cleanupAt.clear();
    }
    return true;
  }

  private boolean flushPendingUpTo(long timestamp) throws Exception {
    TreeSet<Long> due = new TreeSet<>();
    for (Long t : pending.keys()) {
      if (t <= timestamp) {
        due.add(t);
      }
    }
    for (Long t : due) {
      applied.addAll(pending.get(t));
      pending.remove(t);
    }
    return !due.isEmpty();
  }

  /**
   * Moves this complaint's events from the JSON state of the job before typed state into the typed
   * state, decoding each once; nothing when there is none (state written by this job).
   */
  private void migrateJsonState(TimerService timers) throws Exception {
    boolean any = false;
    long latest = Long.MIN_VALUE;
    Iterable<String> oldApplied = legacyApplied.get();
    if (oldApplied != null) {
      for (String json : oldApplied) {
        ComplaintEvent e = decode(json);
        applied.add(e);
        latest = Math.max(latest, e.occurredAt().toInstant().toEpochMilli());
        any = true;
      }
      legacyApplied.clear();
    }
    if (!legacyPending.isEmpty()) {
      for (Map.Entry<Long, List<String>> entry : legacyPending.entries()) {
        List<ComplaintEvent> events = new ArrayList<>();
        for (String json : entry.getValue()) {
          events.add(decode(json));
        }
        pending.put(entry.getKey(), events);
        latest = Math.max(latest, entry.getKey());
      }
      legacyPending.clear();
      any = true;
    }
    if (any) {
      migrated.add(1);
      live++;
      keepWhileOpen(latest, timers);
    }
  }

  /**
   * Event-time timers at the clock moments after {@code now}; in a live job, processing-time ones
   * too at those still ahead of the wall clock. A judgment on the wall clock was made at its moment
   * {@code now}: every later moment is ahead of it, also when the timer fired late (overdue after a
   * restore), and such a timer fires at once. A judgment in event time sets none for moments the
   * wall clock has passed: history is judged in event time only.
   */
  private void registerClockTimers(
      ComplaintView view, LocalDateTime now, boolean wallClock, Context ctx) throws Exception {
    long wallClockFrom = wallClock ? Long.MIN_VALUE : ctx.timerService().currentProcessingTime();
    for (CycleResult cycle : view.cycles()) {
      for (ClockResult c : cycle.clocks()) {
        if (!c.running()) {
          continue; // stopped, or ended with its cycle: no moment of it is ahead
        }
        for (LocalDateTime moment : new LocalDateTime[] {c.warningAt(), c.deadline()}) {
          if (moment != null && moment.isAfter(now)) {
            long at = moment.atZone(zone).toInstant().toEpochMilli();
            ctx.timerService().registerEventTimeTimer(at);
            if (liveAlerts && at > wallClockFrom) {
              ctx.timerService().registerProcessingTimeTimer(at);
            }
          }
        }
      }
    }
  }

  /**
   * The latest moment an event-time judgment raises WARNING and BREACH for: the horizon, or in a
   * live job whose horizon is its start the wall clock once it is later. A live job's wall-clock
   * timers raise what comes due from when a complaint is read; what came due between the horizon
   * (the job's start, {@code sla.alert-horizon=now}) and then is due in event time, or a step read
   * after its moments passed (yesterday's complaint in today's import into a service started days
   * ago) would never be warned or breached. Moments ahead of the wall clock stay with the
   * wall-clock timers, so the end of a bounded input breaches nothing early.
   */
  private LocalDateTime eventTimeHorizon(Context ctx) {
    if (!liveAlerts || !horizonFollowsWallClock || alertHorizon.equals(LocalDateTime.MAX)) {
      return alertHorizon;
    }
    LocalDateTime wall =
        LocalDateTime.ofInstant(
            Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), zone);
    return wall.isAfter(alertHorizon) ? wall : alertHorizon;
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
    live--;
    seen.clear();
    pending.clear();
    applied.clear();
    emitted.clear();
    factsThroughCycle.clear();
    cleanupAt.clear();
    latestLanded.clear();
    latestEventAt.clear();
    lateReadAt.clear();
    lateCheckAt.clear();
  }

  private ComplaintEvent decode(String json) throws EventDecodingException {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
