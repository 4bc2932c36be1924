package io.qualityloop.jobs.complaints.testutils;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.Severity;
import io.qualityloop.events.WorkOrderType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds the lifecycle events of one test complaint, at named local times (Asia/Shanghai, +08:00).
 */
public final class Complaints {
  private final String complaintId;
  private String category = "product";
  private List<String> trades = List.of("plumbing");
  private int seq;

  private Complaints(String complaintId) {
    this.complaintId = complaintId;
  }

  public static Complaints complaint(String id) {
    return new Complaints(id);
  }

  public Complaints category(String category) {
    this.category = category;
    return this;
  }

  public Complaints trades(String... trades) {
    this.trades = List.of(trades);
    return this;
  }

  public static OffsetDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atOffset(ZoneOffset.ofHours(8));
  }

  public ComplaintEvent event(LifecycleEventType type, String localDateTime) {
    return event(type, localDateTime, "S" + type.ordinal(), null, null);
  }

  public ComplaintEvent event(LifecycleEventType type, String localDateTime, String staff) {
    return event(type, localDateTime, staff, null, null);
  }

  public ComplaintEvent event(
      LifecycleEventType type,
      String localDateTime,
      String staff,
      String reason,
      String extendedUntil) {
    seq++;
    boolean accepted = type == LifecycleEventType.ACCEPTED;
    boolean workOrder = type == LifecycleEventType.WORK_ORDER_ISSUED;
    return new ComplaintEvent(
        complaintId + "-" + seq,
        1,
        at(localDateTime),
        complaintId,
        type,
        null,
        "P01",
        "1",
        "1",
        "101",
        "bathroom",
        "ceiling",
        "leak",
        false,
        "hh_0123456789abcdef",
        staff,
        accepted ? category : null,
        accepted ? "house_quality" : null,
        accepted ? "workmanship" : null,
        accepted ? "waterproofing" : null,
        accepted ? "engineering" : null,
        accepted ? Severity.NORMAL : null,
        null,
        workOrder ? WorkOrderType.A : null,
        workOrder ? trades : null,
        type == LifecycleEventType.RESOLVED ? new BigDecimal("300.00") : null,
        null,
        reason,
        extendedUntil == null ? null : at(extendedUntil),
        type == LifecycleEventType.RESOLVED ? Boolean.TRUE : null,
        null);
  }

  public ComplaintEvent escalated(String localDateTime) {
    seq++;
    return new ComplaintEvent(
        complaintId + "-" + seq,
        1,
        at(localDateTime),
        complaintId,
        LifecycleEventType.ESCALATED,
        null,
        "P01",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "S900",
        null,
        null,
        null,
        null,
        null,
        Severity.MAJOR,
        null,
        null,
        null,
        null,
        null,
        "重大投诉",
        null,
        null,
        null);
  }
}
