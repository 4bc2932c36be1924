package io.qualityloop.jobs.complaints.records;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One complaint cycle, written when it ends (closed, or reopened): each milestone, durations, which
 * rules it met or missed, and how it is classified. Durations in hours are calendar hours; working
 * days are working hours divided by the length of a working day.
 */
public record ComplaintFact(
    String complaintId,
    int cycle,
    String projectId,
    String building,
    String unit,
    String room,
    String roomPseudonym,
    String householdId,
    String channel,
    String category,
    String subCategory,
    String rootCause,
    String buildingComponent,
    String responsibleDepartment,
    String severity,
    boolean isMajor,
    String intent,
    String workOrderType,
    List<String> trades,
    int tradeCount,
    BigDecimal repairCostYuan,
    String acceptedByStaffId,
    String handlerStaffId,
    String callbackStaffId,
    LocalDateTime cycleStartedAt,
    LocalDateTime receivedAt,
    LocalDateTime acceptedAt,
    LocalDateTime siteSurveyedAt,
    LocalDateTime workOrderAt,
    LocalDateTime departmentFeedbackAt,
    LocalDateTime resolvedAt,
    LocalDateTime customerNotifiedAt,
    LocalDateTime callbackAt,
    LocalDateTime closedAt,
    LocalDateTime endedAt,
    boolean endedByReopen,
    boolean explicitReopen,
    int reopenCount,
    Double hoursToAccept,
    Double hoursToResolve,
    Double workingDaysToResolve,
    double pausedHours,
    List<String> rulesMet,
    List<String> rulesMissed,
    LocalDateTime landedAt) {}
