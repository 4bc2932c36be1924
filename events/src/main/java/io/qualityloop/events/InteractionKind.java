package io.qualityloop.events;

/** What a contact was about: 咨询, 投诉, 建议, 表扬, 报修. */
public enum InteractionKind {
  CONSULTATION,
  COMPLAINT,
  SUGGESTION,
  PRAISE,
  REPAIR_REQUEST
}
