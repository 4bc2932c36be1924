package io.qualityloop.notify;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One line of the delivery records (lake {@code notify_deliveries/dt=YYYY-MM-DD/*.jsonl},
 * snake_case JSON): a state of one (alert, route). Local times in the company's zone, as in the
 * lake.
 *
 * @param digest how many alerts the message carried (1: a message of its own; more: a digest)
 * @param attempts sends tried for this state (SENT, FAILED)
 * @param answer what the channel's server answered last (no secrets: robots' keys are in URLs,
 *     never here)
 * @param alert the alert's fields, on QUEUED only (to send it after a restart without reading Kafka
 *     again)
 */
public record DeliveryRecord(
    String alertId,
    String routeId,
    String channel,
    DeliveryStatus status,
    String alertType,
    LocalDateTime alertAt,
    String projectId,
    String complaintId,
    int digest,
    int attempts,
    String answer,
    LocalDateTime recordedAt,
    Map<String, Object> alert) {

  public DeliveryKey key() {
    return new DeliveryKey(alertId, routeId);
  }

  /** What a delivery is kept once per: an alert on a route. */
  public record DeliveryKey(String alertId, String routeId) {}
}
