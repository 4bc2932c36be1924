package io.qualityloop.jobs.complaints;

import io.qualityloop.events.EventCodec;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An alert as JSON (snake_case, local times) on the alerts topic, keyed by complaint id. */
final class AlertRecordSerializer implements KafkaRecordSerializationSchema<SlaAlert> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  AlertRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(SlaAlert alert, KafkaSinkContext context, Long timestamp) {
    try {
      return new ProducerRecord<>(topic, alert.complaintId().getBytes(StandardCharsets.UTF_8), EventCodec.mapper().writeValueAsBytes(alert));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode alert " + alert.alertId(), e);
    }
  }
}
