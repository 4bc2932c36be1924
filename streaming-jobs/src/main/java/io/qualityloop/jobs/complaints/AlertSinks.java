package io.qualityloop.jobs.complaints;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.kafka.AlertJsonSerializer;
import io.qualityloop.jobs.kafka.ExactlyOnceKafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The production alerts sink: the Kafka alerts topic, exactly once, JSON keyed by complaint id. */
public final class AlertSinks {
  private AlertSinks() {}

  public static KafkaSink<SlaAlert> kafka(
      KafkaClientSettings kafka, String topic, String transactionalIdPrefix) {
    return ExactlyOnceKafkaSink.of(
        kafka, new AlertJsonSerializer<>(topic, SlaAlert::complaintId), transactionalIdPrefix);
  }
}
