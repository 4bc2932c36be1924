package io.qualityloop.jobs.complaints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert as JSON (snake_case, local times) on the alerts topic, keyed by complaint id. The
 * lake's {@code landed_at} is left out: it depends on how far the job had read, and an alert
 * must read the same on every run (the record's own Kafka timestamp says when it was sent).
 */
final class AlertRecordSerializer implements KafkaRecordSerializationSchema<SlaAlert> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  AlertRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(SlaAlert alert, KafkaSinkContext context, Long timestamp) {
    try {
      ObjectNode json = EventCodec.mapper().valueToTree(alert);
      json.remove("landed_at");
      return new ProducerRecord<>(topic, alert.complaintId().getBytes(StandardCharsets.UTF_8), EventCodec.mapper().writeValueAsBytes(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode alert " + alert.alertId(), e);
    }
  }
}
