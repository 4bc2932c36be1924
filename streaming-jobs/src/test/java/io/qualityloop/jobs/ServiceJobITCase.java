package io.qualityloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.complaints.testutils.Complaints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's streaming jobs on a real broker and MiniCluster, fed as a busy live source feeds
 * them: a complaint received now every 200 ms, straight onto the topic, while offsets are committed
 * only at checkpoints (every 2 s), so no check finds everything published read and committed
 * ({@link ServiceJob#caughtUp()} stays false; the scheduled reports waited for it before).
 *
 * <p>The imports settle once the start's backlog is read and committed. An import (a complaint
 * received three days ago and never accepted: a step older than event time) unsettles them while it
 * is pending, its acceptance BREACH is raised once its rows are read (event time, held still while
 * it published, rises again with the feed), and they settle again only once every row it published
 * is committed.
 */
class ServiceJobITCase {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir Path work;

  @Test
  void underASteadyFeedTheImportsSettleAndAnImportIsJudgedAndUnsettlesThemUntilItsRowsAreRead()
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
    String complaints = config.topics().get(EventStream.COMPLAINT_EVENTS);
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
        Admin admin = Admin.create(config.kafkaClients(broker.bootstrapServers()).properties())) {
      List<String> topics = new ArrayList<>(config.topics().values());
      topics.addAll(
          List.of(config.alertsTopic(), config.textAlertsTopic(), config.deadLettersTopic()));
      broker.createTopics(topics, config.kafkaPartitions());
      // The backlog a restarted service finds: published before it starts.
      try (EventPublisher backlog = new EventPublisher(broker.bootstrapServers(), Map.of())) {
        for (int i = 0; i < 200; i++) {
          publish(backlog, complaints, received("B" + i, now()));
        }
        backlog.flush();
      }
      Map<TopicPartition, Long> backlogEnds = KafkaRanges.ends(admin, config.topics().values());
      ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
      try (EventPublisher live = new EventPublisher(broker.bootstrapServers(), Map.of());
          EventPublisher importer = new EventPublisher(broker.bootstrapServers(), Map.of());
          ServiceJob job = ServiceJob.start(config, broker.bootstrapServers(), imports)) {
        feed.scheduleAtFixedRate(
            () -> {
              publish(live, complaints, received("F" + fed.incrementAndGet(), now()));
              live.flush();
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
        publish(importer, complaints, received("H1", now().minusDays(3)));
        importer.flush();
        Map<TopicPartition, Long> importEnds = KafkaRanges.ends(admin, config.topics().values());
        Thread.sleep(1_000);
        assertThat(job.importsSettled()).as("still publishing").isFalse();
        pending.set(false);
        long judgedAfter =
            await(
                () ->
                    CommittedRecords.values(broker.bootstrapServers(), config.alertsTopic())
                        .stream()
                        .anyMatch(
                            a ->
                                a.contains("\"complaint_id\":\"H1\"")
                                    && a.contains("\"alert_type\":\"BREACH\"")
                                    && a.contains("\"rule_id\":\"accept_24h\"")),
                "the imported complaint's acceptance BREACH, under the steady feed");
        await(job::importsSettled, "the import's rows read and released to the lifecycle");
        assertThat(KafkaRanges.isCommitted(admin, config.consumerGroup(), importEnds))
            .as("settled only once every row the import published is committed")
            .isTrue();
        System.out.printf(
            "service job: imports settled %.1f s after the start under a feed of a complaint every"
                + " 200 ms; the import's BREACH raised %.1f s after it was published (%d fed)%n",
            settledAfter / 1000.0, judgedAfter / 1000.0, fed.get());
      } finally {
        feed.shutdownNow();
      }
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
  }

  private static void publish(EventPublisher publisher, String topic, ComplaintEvent event) {
    publisher.publish(topic, EventStream.COMPLAINT_EVENTS, event);
  }

  private static long await(BooleanSupplier condition, String what) throws InterruptedException {
    long start = System.currentTimeMillis();
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis() - start).as(what).isLessThan(PATIENCE.toMillis());
      Thread.sleep(100);
    }
    return System.currentTimeMillis() - start;
  }

  /** A complaint received at {@code at} (the test fixture's project P01, one step). */
  private static ComplaintEvent received(String complaintId, OffsetDateTime at) {
    return Complaints.complaint(complaintId)
        .event(LifecycleEventType.RECEIVED, at.toLocalDateTime().toString());
  }
}
