package io.qualityloop.jobs.lake.io;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.kafka.ExactlyOnceKafkaSink;
import java.nio.charset.StandardCharsets;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The dead-letter topic: each quarantined record as JSON (the quarantine row: reason, message,
 * Kafka position and the redacted payload, never the raw bytes), keyed by its position, exactly
 * once.
 */
public final class DeadLetterSinks {
  private DeadLetterSinks() {}

  public static KafkaSink<GenericRecord> kafka(
      KafkaClientSettings kafka, String topic, String transactionalIdPrefix) {
    return ExactlyOnceKafkaSink.of(
        kafka, new QuarantineRowSerializer(topic), transactionalIdPrefix);
  }

  static final class QuarantineRowSerializer
      implements KafkaRecordSerializationSchema<GenericRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    QuarantineRowSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        GenericRecord row, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic,
          row.get("quarantine_id").toString().getBytes(StandardCharsets.UTF_8),
          GenericData.get().toString(row).getBytes(StandardCharsets.UTF_8));
    }
  }
}
