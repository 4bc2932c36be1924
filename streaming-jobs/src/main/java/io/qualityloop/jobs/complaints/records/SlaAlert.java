package io.qualityloop.jobs.complaints.records;

import java.time.LocalDateTime;

/**
 * An SLA alert: WARNING (a running clock used the warning share of its limit), BREACH (it expired),
 * MET (stopped in time), RECOVERED (stopped after its deadline), or ESCALATION (a major complaint,
 * at once). {@code alertId} is deterministic, so a replay produces the same ids.
 */
public record SlaAlert(
    String alertId,
    String alertType,
    LocalDateTime alertAt,
    String complaintId,
    int cycle,
    String projectId,
    String ruleId,
    String ruleName,
    LocalDateTime startedAt,
    LocalDateTime deadline,
    Double elapsedHours,
    Double limitHours,
    String responsibleDepartment,
    String handlerStaffId,
    String category,
    String severity,
    LocalDateTime landedAt) {}
