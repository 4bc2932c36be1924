package io.qualityloop.jobs.complaints.records;

import java.time.LocalDateTime;

/**
 * How one SLA clock of one complaint cycle ended: MET, MISSED (stopped late, or never stopped and
 * past its deadline when the cycle ended) or NOT_DUE (never stopped, deadline not reached).
 * Credited to the staff member who performed the stop step (or the start step when it never
 * stopped).
 */
public record SlaOutcome(
    String outcomeId,
    String complaintId,
    int cycle,
    String ruleId,
    String projectId,
    String category,
    String responsibleDepartment,
    String handlerStaffId,
    LocalDateTime startedAt,
    LocalDateTime stoppedAt,
    LocalDateTime deadline,
    boolean extended,
    String outcome,
    double elapsedHours,
    double limitHours,
    LocalDateTime landedAt) {}
