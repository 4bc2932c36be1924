package io.qualityloop.jobs.lake.io;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.lake.KafkaPayload;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** Builds the production Kafka sources of the lake job. */
public final class KafkaSources {
  private KafkaSources() {}

  /**
   * A source reading {@code topic} from the committed offsets of {@code groupId} (earliest when the
   * group is new). When {@code bounded}, it stops at the offsets that were latest at start, so the
   * job ends once everything published before it started is in the lake.
   */
  public static KafkaSource<KafkaPayload> forTopic(
      KafkaClientSettings kafka,
      String topic,
      String groupId,
      boolean bounded,
      Map<String, String> consumerProperties) {
    return build(
        kafka, topic, groupId, bounded ? OffsetsInitializer.latest() : null, consumerProperties);
  }

  /**
   * A bounded source reading {@code topic} from the committed offsets of {@code groupId} up to the
   * given end offsets (exclusive), so that the caller knows exactly what the job will have read.
   */
  public static KafkaSource<KafkaPayload> forTopicUpTo(
      KafkaClientSettings kafka,
      String topic,
      String groupId,
      Map<TopicPartition, Long> endOffsets,
      Map<String, String> consumerProperties) {
    return build(kafka, topic, groupId, OffsetsInitializer.offsets(endOffsets), consumerProperties);
  }

  private static KafkaSource<KafkaPayload> build(
      KafkaClientSettings kafka,
      String topic,
      String groupId,
      OffsetsInitializer stopping,
      Map<String, String> consumerProperties) {
    Properties props = kafka.properties();
    props.putAll(consumerProperties);
    var builder =
        KafkaSource.<KafkaPayload>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new KafkaPayloadDeserializer())
            .setProperty("isolation.level", "read_committed")
            .setProperties(props);
    if (stopping != null) {
      builder.setBounded(stopping);
    }
    return builder.build();
  }
}
