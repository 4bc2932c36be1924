package io.qualityloop.jobs;

import io.qualityloop.events.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a read_committed consumer sees on a topic: every committed value, all partitions, from the
 * start.
 */
public final class CommittedRecords {
  private CommittedRecords() {}

  public static List<String> values(String bootstrapServers, String topic) {
    return values(KafkaClientSettings.plaintext(bootstrapServers), topic);
  }

  public static List<String> values(KafkaClientSettings kafka, String topic) {
    Properties props = kafka.properties();
    props.put("isolation.level", "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
      }
    }
    return values;
  }
}
