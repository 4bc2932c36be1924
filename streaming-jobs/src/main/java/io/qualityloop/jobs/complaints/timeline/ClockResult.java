package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.jobs.complaints.sla.SlaRule;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One SLA clock of one complaint cycle, evaluated at a moment.
 *
 * @param deadline null while the clock is paused with no end in sight
 * @param elapsed clock time used so far (or until the stop, or until the end of its cycle), pauses
 *     excluded
 * @param startStaffId who performed the start step: the person responsible while the clock runs
 * @param handlerStaffId who performed the stop step, or the start step while it runs
 * @param endedAt the end of its cycle (the close, or the next cycle's start) when that came before
 *     its stop step: the clock ran until then and no longer, its status is the one it had then, and
 *     no moment after it is a WARNING or a BREACH; null while its cycle goes on or once stopped
 */
public record ClockResult(
    SlaRule rule,
    LocalDateTime startedAt,
    LocalDateTime stoppedAt,
    LocalDateTime warningAt,
    LocalDateTime deadline,
    boolean extended,
    ClockStatus status,
    Duration elapsed,
    Duration limit,
    String startStaffId,
    String handlerStaffId,
    LocalDateTime endedAt) {

  /** Still running: neither stopped by its step nor ended with its cycle. */
  public boolean running() {
    return !status.stopped() && endedAt == null;
  }
}
