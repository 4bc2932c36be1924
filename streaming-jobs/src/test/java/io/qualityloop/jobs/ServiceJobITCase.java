package io.qualityloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's streaming jobs on a real broker and MiniCluster, fed as the live demo feeds them: a
 * record straight onto a topic every 200 ms, while the offsets are committed only at checkpoints
 * (every 2 s). The imports are settled once the start's backlog is read, although everything
 * published is rarely read at one check; an import that is pending unsettles them, and they settle
 * again only once what it published is read and committed.
 */
class ServiceJobITCase {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  void aSteadyFeedLeavesTheImportsSettledAndAnImportUnsettlesThemUntilItsRowsAreRead()
      throws Exception {
    Files.writeString(
        work.resolve("qualityloop.properties"),
        "privacy.pseudonym-key=it-only-service-key-0123456789abcdef\n"
            + "flink.checkpoint-interval=PT2S\n"
            + "service.catch-up-poll=PT0.2S\n",
        StandardCharsets.UTF_8);
    QualityLoopConfig config =
        QualityLoopConfig.load(work.resolve("qualityloop.properties"), Map.of(), work);
    ReferenceData.copyStaticFiles(Files.createDirectories(work.resolve("lake/reference")));
    String interactions = config.topics().get(EventStream.SERVICE_INTERACTIONS);
    AtomicBoolean pending = new AtomicBoolean();
    AtomicInteger held = new AtomicInteger();
    ServiceImports imports =
        new ServiceImports() {
          @Override
          public boolean pending() {
            return pending.get();
          }

          @Override
          public void held() {
            held.incrementAndGet();
          }
        };
    AtomicInteger fed = new AtomicInteger();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
        Admin admin = Admin.create(config.kafkaClients(broker.bootstrapServers()).properties())) {
      List<String> topics = new ArrayList<>(config.topics().values());
      topics.addAll(
          List.of(config.alertsTopic(), config.textAlertsTopic(), config.deadLettersTopic()));
      broker.createTopics(topics, config.kafkaPartitions());
      // The backlog a restarted service finds: published before it starts.
      for (int i = 0; i < 500; i++) {
        send(producer, interactions, "backlog-" + i);
      }
      producer.flush();
      Map<TopicPartition, Long> backlogEnds = KafkaRanges.ends(admin, config.topics().values());
      ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
      try (ServiceJob job = ServiceJob.start(config, broker.bootstrapServers(), imports)) {
        feed.scheduleAtFixedRate(
            () -> {
              send(producer, interactions, "live-" + fed.incrementAndGet());
              producer.flush();
            },
            0,
            200,
            TimeUnit.MILLISECONDS);
        long settledAfter = await(job::importsSettled, "the backlog read under the steady feed");
        assertThat(KafkaRanges.isCommitted(admin, config.consumerGroup(), backlogEnds))
            .as("settled only once the backlog is read and committed")
            .isTrue();

        pending.set(true);
        await(() -> !job.importsSettled(), "an import pending unsettles the imports");
        await(() -> held.get() > 0, "the pending import told that event time waits for it");
        for (int i = 0; i < 300; i++) {
          send(producer, interactions, "import-" + i);
        }
        producer.flush();
        Map<TopicPartition, Long> importEnds = KafkaRanges.ends(admin, config.topics().values());
        Thread.sleep(1_000);
        assertThat(job.importsSettled()).as("still publishing").isFalse();
        pending.set(false);
        await(job::importsSettled, "the import's rows read and committed");
        assertThat(KafkaRanges.isCommitted(admin, config.consumerGroup(), importEnds))
            .as("settled only once every row the import published is committed")
            .isTrue();
        System.out.printf(
            "service job: imports settled %.1f s after the start under a feed of %d records; "
                + "settled again after the import%n",
            settledAfter / 1000.0, fed.get());
      } finally {
        feed.shutdownNow();
      }
    }
  }

  private static long await(BooleanSupplier condition, String what) throws InterruptedException {
    long start = System.currentTimeMillis();
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis() - start).as(what).isLessThan(PATIENCE.toMillis());
      Thread.sleep(100);
    }
    return System.currentTimeMillis() - start;
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A record the door quarantines (no contract fields): read and committed like any other. */
  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String id) {
    producer.send(
        new ProducerRecord<>(
            topic, ("{\"event_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)));
  }
}
