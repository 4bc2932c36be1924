package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.Severity;
import io.qualityloop.jobs.complaints.sla.ComplaintAttributes;
import io.qualityloop.jobs.complaints.sla.SlaRule;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the lifecycle events of one complaint, in event-time order, into its cycles and SLA clocks,
 * evaluated at a moment. Pure and deterministic: the same events and moment give the same view,
 * which is what makes the streaming job's outputs identical after a restart.
 *
 * <p>Cycles: a REOPENED event starts a new cycle; so does a RESOLVED in a cycle that is already
 * resolved (a reopen the source system did not record, dated at the last event before it). Clocks:
 * a rule's clock starts at the first of its start events in a cycle and stops at the first of its
 * stop events at or after the start (a stop recorded before the start stops it at once). A clock
 * not stopped when its cycle ends (the close, or the next cycle's start) ends there: it is judged
 * as it stood then, and its warning or deadline after that moment never comes. PAUSED..RESUMED
 * stretches do not count; an EXTENDED event with {@code extended_until} moves the deadline of a
 * clock running at that time to the agreed moment when that is later.
 */
public final class ComplaintTimeline implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Event-time order; steps at the same moment in lifecycle order. */
  public static final Comparator<ComplaintEvent> ORDER =
      Comparator.comparing((ComplaintEvent e) -> e.occurredAt().toInstant())
          .thenComparing(ComplaintEvent::eventType)
          .thenComparing(ComplaintEvent::eventId);

  private final SlaRuleSet rules;
  private final WorkingTime time;
  private final double warningShare;
  private final ZoneId zone;

  public ComplaintTimeline(SlaRuleSet rules, WorkingTime time, double warningShare, ZoneId zone) {
    if (!(warningShare > 0 && warningShare < 1)) {
      throw new IllegalArgumentException(
          "the warning share must be between 0 and 1, was " + warningShare);
    }
    this.rules = rules;
    this.time = time;
    this.warningShare = warningShare;
    this.zone = zone;
  }

  public LocalDateTime local(OffsetDateTime t) {
    return t.atZoneSameInstant(zone).toLocalDateTime();
  }

  /**
   * The complaint as its events up to {@code now} describe it. Events must be sorted by {@link
   * #ORDER}.
   */
  public ComplaintView evaluate(List<ComplaintEvent> events, LocalDateTime now) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a complaint has at least one event");
    }
    Fields f = new Fields();
    List<CycleBuilder> builders = new ArrayList<>();
    CycleBuilder cur = new CycleBuilder(1, local(events.get(0).occurredAt()), false);
    LocalDateTime last = null;
    for (ComplaintEvent e : events) {
      LocalDateTime t = local(e.occurredAt());
      if (t.isAfter(now)) {
        break;
      }
      f.update(e, t);
      LifecycleEventType type = e.eventType();
      if (type == LifecycleEventType.REOPENED && cur.hasAny()) {
        cur.endedByReopen = true;
        builders.add(cur);
        cur = new CycleBuilder(cur.number + 1, t, true);
      } else if (type == LifecycleEventType.RESOLVED
          && cur.milestones.containsKey(LifecycleEventType.RESOLVED)) {
        LocalDateTime inferred = last != null ? last : t;
        cur.endedByReopen = true;
        builders.add(cur);
        cur = new CycleBuilder(cur.number + 1, inferred, false);
        cur.record(LifecycleEventType.REOPENED, inferred, null);
      }
      cur.record(type, t, e.staffId());
      if (type == LifecycleEventType.PAUSED) {
        cur.pause(t, e.reason());
      } else if (type == LifecycleEventType.RESUMED) {
        cur.resume(t);
      } else if (type == LifecycleEventType.EXTENDED && e.extendedUntil() != null) {
        cur.extensions.add(new LocalDateTime[] {t, local(e.extendedUntil())});
      }
      last = t;
    }
    builders.add(cur);

    ComplaintAttributes attributes = f.attributes();
    List<CycleResult> cycles = new ArrayList<>();
    for (int i = 0; i < builders.size(); i++) {
      CycleBuilder b = builders.get(i);
      // The close ends the cycle, or else the next cycle's start does: clocks still running then
      // run no longer.
      LocalDateTime end = b.milestones.get(LifecycleEventType.CLOSED);
      if (end == null && b.endedByReopen) {
        end = builders.get(i + 1).startedAt;
      }
      List<ClockResult> clocks = new ArrayList<>();
      for (SlaRule rule : rules.rules()) {
        ClockResult clock = clock(rule, b, end, attributes, now);
        if (clock != null) {
          clocks.add(clock);
        }
      }
      cycles.add(
          new CycleResult(
              b.number,
              b.startedAt,
              Map.copyOf(b.milestones),
              Map.copyOf(b.staff),
              List.copyOf(b.pauses),
              b.endedByReopen,
              b.explicitReopen,
              List.copyOf(clocks)));
    }
    return new ComplaintView(
        events.get(0).complaintId(),
        f.projectId,
        f.building,
        f.unit,
        f.roomPseudonym,
        f.householdId,
        f.channel,
        f.category,
        f.subCategory,
        f.rootCause,
        f.component,
        f.department,
        f.severity,
        f.intent,
        f.workOrderType,
        f.trades,
        f.cost,
        f.majorSince,
        List.copyOf(cycles));
  }

  /**
   * @param cycleEnd when the cycle ended (its close, or the next cycle's start), or null while it
   *     goes on: a clock not stopped by then ends there, judged as it stood at that moment
   */
  private ClockResult clock(
      SlaRule rule,
      CycleBuilder b,
      LocalDateTime cycleEnd,
      ComplaintAttributes attributes,
      LocalDateTime now) {
    LocalDateTime start = b.first(rule.startEvents(), null);
    if (start == null || !rule.appliesWhen().test(attributes)) {
      return null;
    }
    LocalDateTime stop = b.first(rule.stopEvents(), start);
    if (stop == null && b.first(rule.stopEvents(), null) != null) {
      stop = start; // recorded before its start: out-of-order source data, counted as done at once
    }
    LocalDateTime endedAt = null;
    LocalDateTime judgedAt = now;
    if (cycleEnd != null && (stop == null || stop.isAfter(cycleEnd))) {
      // Its cycle ended first: the clock stops running there, without its step (a step recorded
      // after the close, in the same cycle, is no longer this clock's).
      stop = null;
      endedAt = cycleEnd.isBefore(start) ? start : cycleEnd;
      judgedAt = endedAt;
    }
    String startStaff = b.staffOfFirst(rule.startEvents(), null);
    String stopStaff = stop == null ? null : b.staffOfFirst(rule.stopEvents(), start);
    List<Pause> pauses = b.pauses;
    Duration limit = rule.limitAmount(time, start);
    LocalDateTime deadline = advance(rule, start, limit, pauses);
    Duration effectiveLimit = limit;
    boolean extended = false;
    for (LocalDateTime[] ext : b.extensions) {
      LocalDateTime recordedAt = ext[0];
      LocalDateTime until = ext[1];
      boolean runningThen =
          !recordedAt.isBefore(start)
              && (stop == null || !recordedAt.isAfter(stop))
              && (endedAt == null || !recordedAt.isAfter(endedAt));
      if (runningThen && deadline != null && until.isAfter(deadline)) {
        deadline = until;
        effectiveLimit = consumed(rule, start, until, pauses);
        extended = true;
      }
    }
    LocalDateTime warningAt =
        advance(
            rule,
            start,
            Duration.ofSeconds(Math.round(effectiveLimit.toSeconds() * warningShare)),
            pauses);
    LocalDateTime until = stop != null && !stop.isAfter(judgedAt) ? stop : judgedAt;
    Duration elapsed = consumed(rule, start, until, pauses);
    ClockStatus status;
    if (stop != null && !stop.isAfter(judgedAt)) {
      status = deadline == null || !stop.isAfter(deadline) ? ClockStatus.MET : ClockStatus.MISSED;
    } else if (deadline == null) {
      status = ClockStatus.PAUSED;
    } else if (!deadline.isAfter(judgedAt)) {
      status = ClockStatus.BREACHED;
    } else if (warningAt != null && !warningAt.isAfter(judgedAt)) {
      status = ClockStatus.WARNING;
    } else {
      status = b.pausedAt(judgedAt) ? ClockStatus.PAUSED : ClockStatus.RUNNING;
    }
    return new ClockResult(
        rule,
        start,
        stop != null && !stop.isAfter(judgedAt) ? stop : null,
        warningAt,
        deadline,
        extended,
        status,
        elapsed,
        effectiveLimit,
        startStaff,
        stopStaff != null && status.stopped() ? stopStaff : startStaff,
        endedAt);
  }

  /**
   * When {@code amount} of the rule's clock time has passed after {@code start}, pauses excluded;
   * null while paused for good.
   */
  LocalDateTime advance(SlaRule rule, LocalDateTime start, Duration amount, List<Pause> pauses) {
    LocalDateTime cursor = start;
    Duration left = amount;
    for (Pause p : pauses) {
      if (p.end() != null && !p.end().isAfter(cursor)) {
        continue;
      }
      LocalDateTime pauseStart = p.start().isAfter(cursor) ? p.start() : cursor;
      Duration segment = rule.elapsed(time, cursor, pauseStart);
      if (segment.compareTo(left) >= 0) {
        return rule.advance(time, cursor, left);
      }
      left = left.minus(segment);
      if (p.end() == null) {
        return null;
      }
      cursor = p.end();
    }
    return rule.advance(time, cursor, left);
  }

  /** The rule's clock time between {@code start} and {@code end}, pauses excluded. */
  Duration consumed(SlaRule rule, LocalDateTime start, LocalDateTime end, List<Pause> pauses) {
    Duration total = rule.elapsed(time, start, end);
    for (Pause p : pauses) {
      LocalDateTime ps = p.start().isAfter(start) ? p.start() : start;
      LocalDateTime pe = p.end() == null || p.end().isAfter(end) ? end : p.end();
      if (pe.isAfter(ps)) {
        total = total.minus(rule.elapsed(time, ps, pe));
      }
    }
    return total.isNegative() ? Duration.ZERO : total;
  }

  /** The steps of one cycle as they are recorded. */
  private static final class CycleBuilder {
    final int number;
    final LocalDateTime startedAt;
    final boolean explicitReopen;
    final Map<LifecycleEventType, LocalDateTime> milestones =
        new EnumMap<>(LifecycleEventType.class);
    final Map<LifecycleEventType, String> staff = new EnumMap<>(LifecycleEventType.class);
    final List<Object[]> steps = new ArrayList<>();
    final List<Pause> pauses = new ArrayList<>();
    final List<LocalDateTime[]> extensions = new ArrayList<>();
    boolean endedByReopen;

    CycleBuilder(int number, LocalDateTime startedAt, boolean explicitReopen) {
      this.number = number;
      this.startedAt = startedAt;
      this.explicitReopen = explicitReopen;
    }

    boolean hasAny() {
      return !steps.isEmpty();
    }

    void record(LifecycleEventType type, LocalDateTime t, String staffId) {
      steps.add(new Object[] {type, t, staffId});
      milestones.putIfAbsent(type, t);
      if (staffId != null) {
        staff.putIfAbsent(type, staffId);
      }
    }

    void pause(LocalDateTime t, String reason) {
      if (pauses.isEmpty() || pauses.get(pauses.size() - 1).end() != null) {
        pauses.add(new Pause(t, null, reason));
      }
    }

    void resume(LocalDateTime t) {
      if (!pauses.isEmpty() && pauses.get(pauses.size() - 1).end() == null) {
        Pause open = pauses.remove(pauses.size() - 1);
        pauses.add(new Pause(open.start(), t, open.reason()));
      }
    }

    boolean pausedAt(LocalDateTime t) {
      return pauses.stream()
          .anyMatch(p -> !p.start().isAfter(t) && (p.end() == null || p.end().isAfter(t)));
    }

    LocalDateTime first(Set<LifecycleEventType> types, LocalDateTime notBefore) {
      for (Object[] s : steps) {
        LocalDateTime t = (LocalDateTime) s[1];
        if (types.contains((LifecycleEventType) s[0])
            && (notBefore == null || !t.isBefore(notBefore))) {
          return t;
        }
      }
      return null;
    }

    String staffOfFirst(Set<LifecycleEventType> types, LocalDateTime notBefore) {
      for (Object[] s : steps) {
        LocalDateTime t = (LocalDateTime) s[1];
        if (types.contains((LifecycleEventType) s[0])
            && (notBefore == null || !t.isBefore(notBefore))) {
          return (String) s[2];
        }
      }
      return null;
    }
  }

  /** Latest non-null value of each descriptive field. */
  private static final class Fields {
    String projectId,
        building,
        unit,
        roomPseudonym,
        householdId,
        channel,
        category,
        subCategory,
        rootCause,
        component,
        department,
        severity,
        intent,
        workOrderType;
    List<String> trades;
    BigDecimal cost;
    LocalDateTime majorSince;

    void update(ComplaintEvent e, LocalDateTime t) {
      projectId = pick(e.projectId(), projectId);
      building = pick(e.building(), building);
      unit = pick(e.unit(), unit);
      roomPseudonym = pick(e.roomPseudonym(), roomPseudonym);
      householdId = pick(e.householdId(), householdId);
      channel = e.channel() != null ? e.channel().name() : channel;
      category = pick(e.category(), category);
      subCategory = pick(e.subCategory(), subCategory);
      rootCause = pick(e.rootCause(), rootCause);
      component = pick(e.buildingComponent(), component);
      department = pick(e.responsibleDepartment(), department);
      severity = e.severity() != null ? e.severity().name() : severity;
      intent = e.intent() != null ? e.intent().name() : intent;
      workOrderType = e.workOrderType() != null ? e.workOrderType().name() : workOrderType;
      trades = e.trades() != null ? List.copyOf(e.trades()) : trades;
      if (e.repairCostYuan() != null) {
        cost = cost == null ? e.repairCostYuan() : cost.add(e.repairCostYuan());
      }
      if (majorSince == null
          && (e.eventType() == LifecycleEventType.ESCALATED || e.severity() == Severity.MAJOR)) {
        majorSince = t;
      }
    }

    ComplaintAttributes attributes() {
      return new ComplaintAttributes(
          category, subCategory, severity, workOrderType, trades == null ? 0 : trades.size());
    }

    private static String pick(String value, String previous) {
      return value != null ? value : previous;
    }
  }
}
