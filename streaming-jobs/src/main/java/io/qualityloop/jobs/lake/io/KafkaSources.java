package io.qualityloop.jobs.lake.io;

import io.qualityloop.jobs.lake.KafkaPayload;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** Builds the production Kafka sources of the lake job. */
public final class KafkaSources {
  private KafkaSources() {}

  /**
   * A source reading {@code topic} from the committed offsets of {@code groupId} (earliest when the
   * group is new). When {@code bounded}, it stops at the offsets that were latest at start, so the
   * job ends once everything published before it started is in the lake.
   */
  public static KafkaSource<KafkaPayload> forTopic(
      String bootstrapServers, String topic, String groupId, boolean bounded, Map<String, String> consumerProperties) {
    Properties props = new Properties();
    props.putAll(consumerProperties);
    var builder = KafkaSource.<KafkaPayload>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(new KafkaPayloadDeserializer())
        .setProperty("isolation.level", "read_committed")
        .setProperties(props);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
