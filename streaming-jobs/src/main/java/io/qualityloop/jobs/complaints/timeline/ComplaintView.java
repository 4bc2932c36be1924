package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.jobs.complaints.sla.ComplaintAttributes;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What a complaint says about itself, latest non-null value of each field over all its events, and
 * its cycles evaluated at a moment.
 */
public record ComplaintView(
    String complaintId,
    String projectId,
    String building,
    String unit,
    String roomPseudonym,
    String householdId,
    String channel,
    String category,
    String subCategory,
    String rootCause,
    String buildingComponent,
    String responsibleDepartment,
    String severity,
    String intent,
    String workOrderType,
    List<String> trades,
    BigDecimal repairCostYuan,
    LocalDateTime majorSince,
    List<CycleResult> cycles) {

  public boolean major() {
    return majorSince != null;
  }

  public ComplaintAttributes attributes() {
    return new ComplaintAttributes(
        category, subCategory, severity, workOrderType, trades == null ? 0 : trades.size());
  }

  public CycleResult currentCycle() {
    return cycles.get(cycles.size() - 1);
  }

  public int reopenCount() {
    return cycles.size() - 1;
  }
}
