package io.qualityloop.jobs.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert record as JSON (snake_case, local times) on an alerts topic, keyed by {@code key}. The
 * lake's {@code landed_at} is left out: it depends on how far the job had read, and an alert must
 * read the same on every run (the record's own Kafka timestamp says when it was sent).
 */
public final class AlertJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;
  private final String topic;
  private final SerializableFunction<T, String> key;

  public AlertJsonSerializer(String topic, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T alert, KafkaSinkContext context, Long timestamp) {
    ObjectNode json = EventCodec.mapper().valueToTree(alert);
    json.remove("landed_at");
    try {
      return new ProducerRecord<>(topic, key.apply(alert).getBytes(StandardCharsets.UTF_8), EventCodec.mapper().writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode alert " + json.path("alert_id").asText(), e);
    }
  }
}
