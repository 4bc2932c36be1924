package io.qualityloop.jobs.lake.io;

import io.qualityloop.jobs.lake.KafkaPayload;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps the raw bytes and the Kafka position; decoding happens in the job, where failures are
 * routed.
 */
public final class KafkaPayloadDeserializer
    implements KafkaRecordDeserializationSchema<KafkaPayload> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaPayload> out) {
    out.collect(
        new KafkaPayload(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.value()));
  }

  @Override
  public TypeInformation<KafkaPayload> getProducedType() {
    return TypeInformation.of(KafkaPayload.class);
  }
}
