package io.qualityloop.events;

/**
 * One step in the life of a complaint (客户投诉单): received (受理), accepted and classified (分类), site
 * survey (现场勘察), work order (工程派工单), department feedback, resolved, customer notified, callback
 * (回访), closed; plus escalation (重大投诉), reopen, and the clock events that pause, resume or extend a
 * deadline.
 */
public enum LifecycleEventType {
  RECEIVED,
  ACCEPTED,
  SITE_SURVEYED,
  WORK_ORDER_ISSUED,
  DEPARTMENT_FEEDBACK,
  RESOLVED,
  CUSTOMER_NOTIFIED,
  CALLBACK_DONE,
  CLOSED,
  ESCALATED,
  REOPENED,
  PAUSED,
  RESUMED,
  EXTENDED
}
