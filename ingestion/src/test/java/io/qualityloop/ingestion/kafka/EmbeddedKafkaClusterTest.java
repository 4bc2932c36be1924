package io.qualityloop.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real KRaft nodes: replicated topics keep taking acknowledged writes while one node is down.
 */
class EmbeddedKafkaClusterTest {
  @TempDir Path dir;

  @Test
  void aTopicReplicatedThreeTimesLosesNothingWhileOneNodeBounces() throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3)) {
      cluster.createTopics(List.of("t"), 2);
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
        TopicDescription t = admin.describeTopics(List.of("t")).allTopicNames().get().get("t");
        assertThat(t.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        String minIsr =
            admin
                .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "t")))
                .all()
                .get()
                .values()
                .iterator()
                .next()
                .get("min.insync.replicas")
                .value();
        assertThat(minIsr).isEqualTo("2");
      }
      try (KafkaProducer<String, String> producer = producer(cluster)) {
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
        }
        cluster.stopNode(0);
        for (int i = 100; i < 200; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
        }
        cluster.startNode(0);
        for (int i = 200; i < 300; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
        }
      }
      Set<String> values = new HashSet<>();
      List<String> all = new ArrayList<>();
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader");
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("t"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (all.size() < 300 && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            all.add(r.value());
            values.add(r.value());
          }
        }
      }
      assertThat(all).hasSize(300);
      assertThat(values).hasSize(300);
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaCluster cluster) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }
}
