package io.qualityloop.notify;

/**
 * The state of one (alert, route): QUEUED when routed (recorded before the alert's offset is
 * committed), SENDING just before the message goes out, then SENT or FAILED (after the retries). A
 * SENDING found at start-up (the notifier stopped in the middle of a send) becomes UNCONFIRMED and
 * is not sent again: at most once.
 */
public enum DeliveryStatus {
  QUEUED,
  SENDING,
  SENT,
  FAILED,
  UNCONFIRMED;

  public boolean isFinal() {
    return this == SENT || this == FAILED || this == UNCONFIRMED;
  }
}
