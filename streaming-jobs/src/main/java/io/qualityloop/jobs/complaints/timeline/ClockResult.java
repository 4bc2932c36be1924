package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.jobs.complaints.sla.SlaRule;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One SLA clock of one complaint cycle, evaluated at a moment.
 *
 * @param deadline null while the clock is paused with no end in sight
 * @param elapsed clock time used so far (or until the stop), pauses excluded
 * @param startStaffId who performed the start step: the person responsible while the clock runs
 * @param handlerStaffId who performed the stop step, or the start step while it runs
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
    String handlerStaffId) {}
