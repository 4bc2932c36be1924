package io.qualityloop.jobs.complaints;

import io.qualityloop.jobs.complaints.records.SlaAlert;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The production alerts sink: the Kafka alerts topic, exactly once (transactions committed on checkpoints). */
public final class AlertSinks {
  private AlertSinks() {}

  public static KafkaSink<SlaAlert> kafka(String bootstrapServers, String topic, String transactionalIdPrefix) {
    return KafkaSink.<SlaAlert>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new AlertRecordSerializer(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setProperty("transaction.timeout.ms", "600000")
        .build();
  }
}
