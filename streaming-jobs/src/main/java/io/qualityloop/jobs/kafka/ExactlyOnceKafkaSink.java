package io.qualityloop.jobs.kafka;

import io.qualityloop.events.KafkaClientSettings;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * A Kafka sink that writes exactly once: transactions committed on checkpoints, with a transaction
 * timeout (10 min) under the brokers' default maximum (15 min).
 */
public final class ExactlyOnceKafkaSink {
  private ExactlyOnceKafkaSink() {}

  public static <T> KafkaSink<T> of(
      KafkaClientSettings kafka,
      KafkaRecordSerializationSchema<T> serializer,
      String transactionalIdPrefix) {
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(kafka.properties())
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty("transaction.timeout.ms", "600000")
        .build();
  }
}
