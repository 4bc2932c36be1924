package io.qualityloop.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One lifecycle event of a complaint ticket (客户投诉单). Classification fields are repeated on each
 * event as known at that moment; the latest non-null value wins.
 *
 * <p>Location follows the repair systems of the industry: project, building, unit, room; functional
 * area (kitchen, bathroom...), part and problem type; and whether it is a public area.
 *
 * @param reason why a clock paused, resumed or was extended, or why the complaint was escalated
 * @param extendedUntil on EXTENDED: the new deadline the customer agreed to (recorded agreement)
 */
public record ComplaintEvent(
    String eventId,
    int schemaVersion,
    OffsetDateTime occurredAt,
    String complaintId,
    LifecycleEventType eventType,
    Channel channel,
    String projectId,
    String building,
    String unit,
    String room,
    String functionalArea,
    String part,
    String problemType,
    Boolean publicArea,
    String householdId,
    String staffId,
    String category,
    String subCategory,
    String rootCause,
    String buildingComponent,
    String responsibleDepartment,
    Severity severity,
    ComplainantIntent intent,
    WorkOrderType workOrderType,
    List<String> trades,
    BigDecimal repairCostYuan,
    String description,
    String reason,
    OffsetDateTime extendedUntil,
    Boolean customerSignedOff,
    String roomPseudonym)
    implements QualityEvent {

  public static final int SCHEMA_VERSION = 1;

  /** This event with other free text (description and reason). */
  public ComplaintEvent withText(String newDescription, String newReason) {
    if (Objects.equals(newDescription, description) && Objects.equals(newReason, reason)) {
      return this;
    }
    return new ComplaintEvent(
        eventId,
        schemaVersion,
        occurredAt,
        complaintId,
        eventType,
        channel,
        projectId,
        building,
        unit,
        room,
        functionalArea,
        part,
        problemType,
        publicArea,
        householdId,
        staffId,
        category,
        subCategory,
        rootCause,
        buildingComponent,
        responsibleDepartment,
        severity,
        intent,
        workOrderType,
        trades,
        repairCostYuan,
        newDescription,
        newReason,
        extendedUntil,
        customerSignedOff,
        roomPseudonym);
  }
}
