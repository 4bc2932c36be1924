package io.qualityloop.events;

/** What a quality manager did to a follow-up (跟进). */
public enum FollowUpAction {
  /** Gave it an owner (指派). */
  ASSIGNED,
  /** Wrote a note (备注). */
  COMMENTED,
  /** Called the customer back again (再回访, 002 §3.7.5.9). */
  CALLED_BACK,
  /** Closed it with an outcome (关闭). */
  CLOSED
}
