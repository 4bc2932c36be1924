package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.records.ComplaintSnapshot;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.complaints.records.SlaOutcome;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a complaint view into the job's outputs: alerts, cycle facts, SLA outcomes and snapshots.
 */
public final class ComplaintOutputs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final WorkingTime time;

  public ComplaintOutputs(WorkingTime time) {
    this.time = time;
  }

  /**
   * Every alert the complaint has earned by {@code now}, in time order, each marked as landed at
   * {@code landedAt}. WARNING and BREACH of a clock still running come from time passing, up to
   * {@code horizon} (the end of a bounded replay is not time passing; {@code LocalDateTime.MAX} for
   * none). For a clock that has stopped, or ended with its cycle, they are facts and always count,
   * up to the stop or the cycle's end.
   */
  public List<SlaAlert> alertsDue(
      ComplaintView v, LocalDateTime now, LocalDateTime horizon, LocalDateTime landedAt) {
    List<SlaAlert> alerts = new ArrayList<>();
    if (v.major() && !v.majorSince().isAfter(now)) {
      alerts.add(alert(v, null, "ESCALATION", v.majorSince(), 0, landedAt));
    }
    for (CycleResult cycle : v.cycles()) {
      for (ClockResult c : cycle.clocks()) {
        if (timeAlertDue(c.warningAt(), c, now, horizon)) {
          alerts.add(alert(v, c, "WARNING", c.warningAt(), cycle.cycle(), landedAt));
        }
        if (timeAlertDue(c.deadline(), c, now, horizon)) {
          alerts.add(alert(v, c, "BREACH", c.deadline(), cycle.cycle(), landedAt));
        }
        if (c.status() == ClockStatus.MET) {
          alerts.add(alert(v, c, "MET", c.stoppedAt(), cycle.cycle(), landedAt));
        } else if (c.status() == ClockStatus.MISSED) {
          alerts.add(alert(v, c, "RECOVERED", c.stoppedAt(), cycle.cycle(), landedAt));
        }
      }
    }
    alerts.sort(Comparator.comparing(SlaAlert::alertAt).thenComparing(SlaAlert::alertId));
    return alerts;
  }

  /**
   * A WARNING or BREACH moment is due once passed while the clock was still running: before its
   * stop, or by the end of its cycle (the close ends the clocks still running, so a moment after it
   * never comes). A clock still running must also have it within the horizon: the end of a bounded
   * input is not a moment that happened.
   */
  private static boolean timeAlertDue(
      LocalDateTime moment, ClockResult c, LocalDateTime now, LocalDateTime horizon) {
    if (moment == null || moment.isAfter(now)) {
      return false;
    }
    if (c.stoppedAt() != null) {
      return c.stoppedAt().isAfter(moment);
    }
    if (c.endedAt() != null) {
      return !moment.isAfter(c.endedAt());
    }
    return !moment.isAfter(horizon);
  }

  private SlaAlert alert(
      ComplaintView v,
      ClockResult c,
      String type,
      LocalDateTime at,
      int cycle,
      LocalDateTime landedAt) {
    if (c == null) {
      return new SlaAlert(
          v.complaintId() + "/ESCALATION",
          type,
          at,
          v.complaintId(),
          v.cycles().size(),
          v.projectId(),
          null,
          null,
          null,
          null,
          null,
          null,
          v.responsibleDepartment(),
          v.currentCycle().staff().get(LifecycleEventType.ESCALATED),
          v.category(),
          v.severity(),
          landedAt);
    }
    // The alert names who was responsible at its moment, however late it is emitted: the same
    // alert has the same content on every run, restarts included.
    boolean timeAlert = type.equals("WARNING") || type.equals("BREACH");
    LocalDateTime until = c.stoppedAt() != null && !c.stoppedAt().isAfter(at) ? c.stoppedAt() : at;
    Duration elapsed = c.rule().elapsed(time, c.startedAt(), until);
    return new SlaAlert(
        v.complaintId() + "/" + cycle + "/" + c.rule().ruleId() + "/" + type,
        type,
        at,
        v.complaintId(),
        cycle,
        v.projectId(),
        c.rule().ruleId(),
        c.rule().nameZh(),
        c.startedAt(),
        c.deadline(),
        hours(elapsed),
        hours(c.limit()),
        v.responsibleDepartment(),
        timeAlert ? c.startStaffId() : c.handlerStaffId(),
        v.category(),
        v.severity(),
        landedAt);
  }

  /**
   * The fact row of an ended cycle; {@code endedAt} is its close, or the start of the next cycle.
   */
  public ComplaintFact fact(
      ComplaintView v, CycleResult c, LocalDateTime endedAt, LocalDateTime landedAt) {
    LocalDateTime received = c.cycle() == 1 ? c.at(LifecycleEventType.RECEIVED) : c.startedAt();
    LocalDateTime accepted = c.at(LifecycleEventType.ACCEPTED);
    LocalDateTime resolved = c.at(LifecycleEventType.RESOLVED);
    List<String> met = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (ClockResult clock : c.clocks()) {
      if (clock.status() == ClockStatus.MET) {
        met.add(clock.rule().ruleId());
      } else if (clock.status() == ClockStatus.MISSED || clock.status() == ClockStatus.BREACHED) {
        missed.add(clock.rule().ruleId());
      }
    }
    Double workingDays = null;
    if (received != null && resolved != null) {
      double dayHours = time.workingDayLength(received.toLocalDate()).toMinutes() / 60.0;
      workingDays = round(time.elapsed(received, resolved).toMinutes() / 60.0 / dayHours);
    }
    return new ComplaintFact(
        v.complaintId(),
        c.cycle(),
        v.projectId(),
        v.building(),
        v.unit(),
        null,
        v.roomPseudonym(),
        v.householdId(),
        v.channel(),
        v.category(),
        v.subCategory(),
        v.rootCause(),
        v.buildingComponent(),
        v.responsibleDepartment(),
        v.severity(),
        v.major(),
        v.intent(),
        v.workOrderType(),
        v.trades(),
        v.trades() == null ? 0 : v.trades().size(),
        v.repairCostYuan(),
        c.staff().get(LifecycleEventType.ACCEPTED),
        c.staff().get(LifecycleEventType.RESOLVED),
        c.staff().get(LifecycleEventType.CALLBACK_DONE),
        c.startedAt(),
        received,
        accepted,
        c.at(LifecycleEventType.SITE_SURVEYED),
        c.at(LifecycleEventType.WORK_ORDER_ISSUED),
        c.at(LifecycleEventType.DEPARTMENT_FEEDBACK),
        resolved,
        c.at(LifecycleEventType.CUSTOMER_NOTIFIED),
        c.at(LifecycleEventType.CALLBACK_DONE),
        c.at(LifecycleEventType.CLOSED),
        endedAt,
        c.endedByReopen(),
        c.explicitReopen(),
        c.cycle() - 1,
        between(received, accepted),
        between(received, resolved),
        workingDays,
        hours(c.pausedTime()),
        List.copyOf(met),
        List.copyOf(missed),
        landedAt);
  }

  /**
   * How each clock of an ended cycle came out. A clock its cycle's end caught running is judged as
   * it stood then: past its deadline MISSED, else NOT_DUE.
   */
  public List<SlaOutcome> outcomes(ComplaintView v, CycleResult c, LocalDateTime landedAt) {
    List<SlaOutcome> outcomes = new ArrayList<>();
    for (ClockResult clock : c.clocks()) {
      String outcome =
          switch (clock.status()) {
            case MET -> "MET";
            case MISSED, BREACHED -> "MISSED";
            default -> "NOT_DUE";
          };
      outcomes.add(
          new SlaOutcome(
              v.complaintId() + "/" + c.cycle() + "/" + clock.rule().ruleId(),
              v.complaintId(),
              c.cycle(),
              clock.rule().ruleId(),
              v.projectId(),
              v.category(),
              v.responsibleDepartment(),
              clock.handlerStaffId(),
              clock.startedAt(),
              clock.stoppedAt(),
              clock.deadline(),
              clock.extended(),
              outcome,
              hours(clock.elapsed()),
              hours(clock.limit()),
              landedAt));
    }
    return outcomes;
  }

  /** The complaint as it stands at {@code now}. */
  public ComplaintSnapshot snapshot(
      ComplaintView v,
      LocalDateTime now,
      String lastStep,
      String lastStaffId,
      LocalDateTime landedAt) {
    CycleResult current = v.currentCycle();
    List<String> warning = new ArrayList<>();
    List<String> breached = new ArrayList<>();
    List<String> paused = new ArrayList<>();
    LocalDateTime next = null;
    String nextRule = null;
    for (ClockResult c : current.clocks()) {
      switch (c.status()) {
        case WARNING -> warning.add(c.rule().ruleId());
        case BREACHED -> breached.add(c.rule().ruleId());
        case PAUSED -> paused.add(c.rule().ruleId());
        default -> {}
      }
      if (c.running()
          && c.deadline() != null
          && c.deadline().isAfter(now)
          && (next == null || c.deadline().isBefore(next))) {
        next = c.deadline();
        nextRule = c.rule().ruleId();
      }
    }
    String status = current.at(LifecycleEventType.CLOSED) != null ? "CLOSED" : "OPEN";
    return new ComplaintSnapshot(
        v.complaintId() + "@" + now,
        v.complaintId(),
        now,
        status,
        current.cycle(),
        v.reopenCount(),
        v.projectId(),
        v.category(),
        v.responsibleDepartment(),
        v.severity(),
        v.major(),
        lastStep,
        lastStaffId,
        v.cycles().get(0).at(LifecycleEventType.RECEIVED),
        next,
        nextRule,
        List.copyOf(warning),
        List.copyOf(breached),
        List.copyOf(paused),
        landedAt);
  }

  private static Double between(LocalDateTime from, LocalDateTime to) {
    return from == null || to == null ? null : hours(Duration.between(from, to));
  }

  static double hours(Duration d) {
    return round(d.toSeconds() / 3600.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
