package io.qualityloop.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  @Test
  void publishedEventsAreReadBackFromTheRealBrokerKeyedAndDecodable() throws Exception {
    GeneratedData data =
        new SyntheticDataGenerator(
                GeneratorConfig.demo().withSize(1, 2, 0.2), WorkingCalendar.shipped())
            .generate();
    Map<EventStream, String> topics = new EnumMap<>(EventStream.class);
    for (EventStream s : EventStream.values()) {
      topics.put(s, s.defaultTopic());
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      broker.createTopics(topics.values(), 2);
      Map<EventStream, Long> counts;
      try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers(), Map.of())) {
        counts = new GeneratedDataPublisher(publisher, topics).publish(data, n -> {});
      }

      List<ConsumerRecord<String, byte[]>> complaintRecords =
          readAll(broker, topics.get(EventStream.COMPLAINT_EVENTS));

      assertThat(counts.get(EventStream.COMPLAINT_EVENTS)).isEqualTo(data.complaintEvents().size());
      assertThat(complaintRecords).hasSize(data.complaintEvents().size());
      var codec = EventCodec.forStream(EventStream.COMPLAINT_EVENTS);
      for (ConsumerRecord<String, byte[]> r : complaintRecords) {
        var event = (ComplaintEvent) codec.decode(r.value());
        assertThat(r.key()).isEqualTo(event.complaintId());
      }
    }
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(
      EmbeddedKafkaBroker broker, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (records.isEmpty() || emptyPolls < 3)) {
        var batch = consumer.poll(Duration.ofMillis(500));
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
        batch.forEach(records::add);
      }
    }
    return records;
  }

  /**
   * A port chosen free may be taken before the broker binds it (another process's broker or
   * connection). A taken controller port made Kafka's fatal fault handler end the whole JVM with
   * exit code 1 and nothing on the console; now the broker starts again on other ports.
   */
  @Test
  void aPortTakenBeforeTheBrokerBindsItIsChosenAgainNotTheEndOfTheJvm(@TempDir Path log)
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(KafkaNodes.HOST))) {
      // the broker's port is free, its first controller port taken, then free ones
      AtomicInteger calls = new AtomicInteger();
      IntSupplier ports =
          () -> calls.getAndIncrement() == 1 ? taken.getLocalPort() : KafkaNodes.freePort();
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(log, false, ports)) {
        broker.createTopics(List.of("t"), 1);
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
        assertThat(broker.bootstrapServers()).doesNotEndWith(":" + taken.getLocalPort());
      }
    }
  }
}
