package io.qualityloop.jobs.text;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.kafka.AlertJsonSerializer;
import io.qualityloop.jobs.kafka.ExactlyOnceKafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Emerging-issue alerts to Kafka, exactly once, as JSON keyed by project (without the lake's {@code
 * landed_at}).
 */
public final class TextAlertSinks {
  private TextAlertSinks() {}

  public static KafkaSink<EmergingIssueAlert> kafka(
      KafkaClientSettings kafka, String topic, String transactionalIdPrefix) {
    return ExactlyOnceKafkaSink.of(
        kafka,
        new AlertJsonSerializer<>(topic, EmergingIssueAlert::projectId),
        transactionalIdPrefix);
  }
}
