package io.qualityloop.jobs.text;

import io.qualityloop.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Emerging-issue alerts to Kafka, exactly once, as JSON keyed by project (without the lake's {@code landed_at}). */
public final class TextAlertSinks {
  private TextAlertSinks() {}

  public static KafkaSink<EmergingIssueAlert> kafka(String bootstrapServers, String topic, String transactionalIdPrefix) {
    return KafkaSink.<EmergingIssueAlert>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new Serializer(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty("transaction.timeout.ms", "600000")
        .build();
  }

  static final class Serializer implements KafkaRecordSerializationSchema<EmergingIssueAlert> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    Serializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(EmergingIssueAlert alert, KafkaSinkContext context, Long timestamp) {
      try {
        var json = EventCodec.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(alert);
        json.remove("landed_at");
        return new ProducerRecord<>(topic, alert.projectId().getBytes(StandardCharsets.UTF_8), EventCodec.mapper().writeValueAsBytes(json));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot encode alert " + alert.alertId(), e);
      }
    }
  }
}
