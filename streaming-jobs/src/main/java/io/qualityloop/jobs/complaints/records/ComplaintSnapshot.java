package io.qualityloop.jobs.complaints.records;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The state of a complaint at a moment, written whenever it changes: the latest snapshot per
 * complaint is the board of open work (status OPEN), with its next deadline and what is late.
 */
public record ComplaintSnapshot(
    String snapshotId,
    String complaintId,
    LocalDateTime snapshotAt,
    String status,
    int cycle,
    int reopenCount,
    String projectId,
    String category,
    String responsibleDepartment,
    String severity,
    boolean isMajor,
    String lastStep,
    String lastStaffId,
    LocalDateTime receivedAt,
    LocalDateTime nextDeadline,
    String nextDeadlineRule,
    List<String> warningRules,
    List<String> breachedRules,
    List<String> pausedRules,
    LocalDateTime landedAt) {}
