package io.qualityloop.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Hand-built events with every field set, and with only the required fields set. */
final class SampleEvents {
  static final OffsetDateTime MONDAY_9AM = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");
  static final String HOUSEHOLD = "hh_0123456789abcdef";

  private SampleEvents() {}

  static ServiceInteraction fullInteraction() {
    return new ServiceInteraction(
        "si-1",
        1,
        MONDAY_9AM,
        Channel.PHONE,
        InteractionKind.COMPLAINT,
        "P01",
        "3",
        "2",
        "1201",
        HOUSEHOLD,
        "S001",
        2,
        MONDAY_9AM.plusHours(4),
        true,
        "C-1",
        "卫生间顶棚渗水，要求尽快维修",
        MONDAY_9AM.plusMinutes(40),
        null);
  }

  static ServiceInteraction minimalInteraction() {
    return new ServiceInteraction(
        "si-2",
        1,
        MONDAY_9AM,
        Channel.WECHAT,
        InteractionKind.CONSULTATION,
        "P02",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static ComplaintEvent fullComplaintEvent() {
    return new ComplaintEvent(
        "ce-1",
        1,
        MONDAY_9AM,
        "C-1",
        LifecycleEventType.WORK_ORDER_ISSUED,
        Channel.PHONE,
        "P01",
        "3",
        "2",
        "1201",
        "bathroom",
        "ceiling",
        "leak",
        false,
        HOUSEHOLD,
        "S010",
        "product",
        "house_quality",
        "workmanship",
        "waterproofing",
        "engineering",
        Severity.NORMAL,
        ComplainantIntent.PROBLEM_SOLVING,
        WorkOrderType.A,
        List.of("plumbing", "masonry"),
        new BigDecimal("850.50"),
        "楼上卫生间防水层破损导致渗水",
        null,
        null,
        null,
        null);
  }

  static ComplaintEvent minimalComplaintEvent() {
    return new ComplaintEvent(
        "ce-2",
        1,
        MONDAY_9AM,
        "C-2",
        LifecycleEventType.RECEIVED,
        null,
        "P02",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static CallbackSurvey fullSurvey() {
    return new CallbackSurvey(
        "cs-1",
        1,
        MONDAY_9AM,
        SurveyType.REPAIR_CALLBACK,
        Channel.PHONE,
        "P01",
        "3",
        "2",
        "1201",
        HOUSEHOLD,
        "S002",
        "C-1",
        5,
        4,
        4,
        5,
        3,
        4,
        9,
        List.of("result"),
        "维修及时，但墙面还有水印",
        SurveyResponse.ANSWERED,
        null);
  }

  static CallbackSurvey minimalSurvey() {
    return new CallbackSurvey(
        "cs-2",
        1,
        MONDAY_9AM,
        SurveyType.ANNUAL_REVISIT,
        null,
        "P02",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        3,
        null,
        null,
        null,
        null,
        null);
  }
}
