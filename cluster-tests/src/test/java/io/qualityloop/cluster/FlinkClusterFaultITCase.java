package io.qualityloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaCluster;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.warehouse.LakeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job on a real standalone Flink cluster (a JobManager and two TaskManagers, each its
 * own JVM, its lib/ laid out as a Flink distribution's, of which the job jar may repeat no class)
 * reading a three-node Kafka cluster (replication 3, min.insync.replicas 2), submitted through the
 * REST API as a deployment would. While events stream in, one TaskManager is killed with SIGKILL
 * and started again, and one Kafka node is stopped and started again; a reader polls the lake with
 * DuckDB every second throughout; the job is then stopped with a savepoint and started again from
 * it with the text analysis turned on (an upgrade that adds operators); last, the lake is made
 * unwritable until the job has failed on it and restarted, then writable again. Then: every Kafka
 * record is exactly once in its table, quarantine or duplicates; no SLA alert is doubled in Kafka
 * or the lake; the job restored from a checkpoint; the reader never failed and never saw a count go
 * down.
 */
@Tag("cluster")
class FlinkClusterFaultITCase {
  private static final List<String> DOOR_TABLES =
      List.of(
          "service_interactions",
          "complaint_events",
          "callback_surveys",
          "quarantine",
          "duplicates");
  private static final String ALERTS = "ql.sla-alerts.v1";
  private static final String TEXT_ALERTS = "ql.text-alerts.v1";
  @TempDir Path dir;

  @Test
  void aKilledTaskManagerAndABouncedBrokerLoseNothingAndDoubleNothing() throws Exception {
    // The cluster's lib/ is laid out as a distribution's: the job jar must bring no class of its
    // own.
    assertThat(
            ClassClashes.between(
                Path.of(System.getProperty("job.jar")), Path.of(System.getProperty("flink.lib"))))
        .as(
            "classes of the job jar that the cluster's lib/ has too (mark them provided or leave"
                + " them out of the jar)")
        .isEmpty();
    GeneratedData data =
        new SyntheticDataGenerator(
                GeneratorConfig.demo().withSize(4, 3, 0.8), WorkingCalendar.shipped())
            .generate();
    Path lake = dir.resolve("lake");
    Path reference = lake.resolve("reference");
    ReferenceData.copyStaticFiles(reference);
    ReferenceData.writeProjects(reference.resolve(ReferenceData.PROJECTS_FILE), data.projects());
    ReferenceData.writeStaff(reference.resolve(ReferenceData.STAFF_FILE), data.staff());
    List<String> topics = new ArrayList<>();
    for (EventStream s : EventStream.values()) {
      topics.add(s.defaultTopic());
    }

    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 3);
        FlinkStandaloneCluster flink =
            FlinkStandaloneCluster.start(
                Path.of(System.getProperty("flink.lib")), dir.resolve("flink"), 2)) {
      List<String> all = new ArrayList<>(topics);
      all.add(ALERTS);
      all.add(TEXT_ALERTS);
      all.add("ql.dead-letters.v1");
      kafka.createTopics(all, 2);
      // The first build runs without the text analysis; the upgrade (a newer build, as far as the
      // job
      // graph goes) adds its operators and restores every existing one from the savepoint.
      Path config =
          writeJobConfiguration(
              "job/before.properties", kafka.bootstrapServers(), lake, data, false);
      Path upgradedConfig =
          writeJobConfiguration("job/after.properties", kafka.bootstrapServers(), lake, data, true);
      FlinkRestClient rest = new FlinkRestClient(flink);
      String jobId =
          rest.submit(
              Path.of(System.getProperty("job.jar")),
              "io.qualityloop.jobs.ClusterJob",
              List.of("--config", config.toString()),
              null);
      await(
          "the job runs every task",
          Duration.ofSeconds(120),
          () -> rest.allTasksRunning(jobId),
          flink);
      await(
          "a first checkpoint",
          Duration.ofSeconds(60),
          () -> completedCheckpoints(rest, jobId) > 0,
          flink);

      long killedAt;
      Duration recovery;
      try (LakePoller poller =
              new LakePoller(
                  lake,
                  List.of(
                      "service_interactions",
                      "complaint_events",
                      "callback_surveys",
                      "quarantine",
                      "duplicates",
                      "complaint_facts",
                      "complaint_sla",
                      "sla_events",
                      "complaint_text",
                      "text_alerts"));
          EventPublisher publisher =
              new EventPublisher(
                  kafka.bootstrapServers(), Map.of("delivery.timeout.ms", "120000"))) {
        publish(data, 0, 3, publisher);
        await(
            "the lake job's first files",
            Duration.ofSeconds(60),
            () -> !LakeFiles.of(lake.resolve("complaint_events")).isEmpty(),
            flink);

        // A TaskManager dies as a machine does: SIGKILL, no goodbye.
        int victim = flink.busyTaskManager();
        assertThat(victim).as("a TaskManager running tasks").isNotNegative();
        killedAt = System.currentTimeMillis();
        flink.killTaskManager(victim);
        publish(data, 3, 5, publisher);
        flink.startTaskManager(victim);
        await(
            "a checkpoint completed after the restore",
            Duration.ofSeconds(180),
            () ->
                rest.allTasksRunning(jobId)
                    && latestCompletedAt(rest, jobId) > killedAt
                    && restoredCheckpoint(rest, jobId) != null,
            flink);
        recovery = Duration.ofMillis(latestCompletedAt(rest, jobId) - killedAt);
        flink.awaitTaskManagers(2, Duration.ofSeconds(60));

        publish(data, 5, 7, publisher);
        // A Kafka node goes down and comes back; min.insync.replicas 2 keeps acks=all writes going.
        kafka.stopNode(1);
        publish(data, 7, 8, publisher);
        kafka.startNode(1);
        JsonNode restored = restoredCheckpoint(rest, jobId);

        // An upgrade: stop with a savepoint, start the job jar again from it (every operator has a
        // uid).
        String savepoint =
            rest.stopWithSavepoint(
                jobId, dir.resolve("savepoints").toUri().toString(), Duration.ofSeconds(120));
        String upgraded =
            rest.submit(
                Path.of(System.getProperty("job.jar")),
                "io.qualityloop.jobs.ClusterJob",
                List.of("--config", upgradedConfig.toString()),
                savepoint);
        assertThat(vertexNames(rest, jobId)).noneMatch(n -> n.contains("complaint text"));
        assertThat(vertexNames(rest, upgraded))
            .anyMatch(n -> n.contains("complaint text"))
            .anyMatch(n -> n.contains("emerging issues"));
        await(
            "the upgraded job runs every task",
            Duration.ofSeconds(120),
            () -> rest.allTasksRunning(upgraded),
            flink);
        await(
            "a checkpoint of the upgraded job",
            Duration.ofSeconds(60),
            () -> completedCheckpoints(rest, upgraded) > 0,
            flink);
        JsonNode fromSavepoint = restoredCheckpoint(rest, upgraded);

        // The lake stops being writable (a read-only remount, a revoked permission): the job fails
        // visibly and keeps restarting; once the lake is writable again it recovers by itself.
        String lakeFailure;
        long restartsWhileBlocked;
        Duration lakeRecovery;
        try (LakeLock lock = LakeLock.lock(lake)) {
          assertThat(lock.blocks()).as("the lake is unwritable (" + lock.method() + ")").isTrue();
          publish(data, 8, 9, publisher);
          await(
              "the job failing on the unwritable lake",
              Duration.ofSeconds(90),
              () -> lakeFailure(rest, upgraded, lake) != null,
              flink);
          lakeFailure = lakeFailure(rest, upgraded, lake);
          Thread.sleep(6_000); // it keeps failing while the lake stays unwritable
          restartsWhileBlocked = lakeFailures(rest, upgraded, lake);
          assertThat(restartsWhileBlocked)
              .as("the job fails again on each restart while the lake is unwritable")
              .isGreaterThan(1);
        }
        long writableAt = System.currentTimeMillis();
        await(
            "a checkpoint after the lake is writable again",
            Duration.ofSeconds(180),
            () -> rest.allTasksRunning(upgraded) && latestCompletedAt(rest, upgraded) > writableAt,
            flink);
        lakeRecovery = Duration.ofMillis(latestCompletedAt(rest, upgraded) - writableAt);
        JsonNode restoredAfterLake = restoredCheckpoint(rest, upgraded);
        publish(data, 9, 10, publisher);

        long expected =
            data.interactions().size() + data.complaintEvents().size() + data.surveys().size();
        await(
            "every published record in the lake",
            Duration.ofSeconds(240),
            () -> doorRows(lake) >= expected,
            flink);
        Thread.sleep(5_000); // two more checkpoints: anything doubled would show now
        rest.cancel(upgraded);
        await(
            "the job cancelled",
            Duration.ofSeconds(60),
            () -> "CANCELED".equals(rest.state(upgraded)),
            flink);
        poller.close();

        // The reader: never an error (no in-progress or dot-file read), never a count going down.
        assertThat(poller.errors).isEmpty();
        assertThat(poller.decreases).isEmpty();
        assertThat(poller.polls()).isGreaterThan(10);

        // Exactly once, by Kafka position and by event id.
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
          long positions = 0;
          for (String t : List.of("service_interactions", "complaint_events", "callback_surveys")) {
            long rows = count(duckdb, "select count(*) from " + read(lake, t));
            long ids = count(duckdb, "select count(distinct event_id) from " + read(lake, t));
            assertThat(ids).as(t + ": each event id once").isEqualTo(rows);
            positions +=
                count(
                    duckdb,
                    "select count(distinct (src_partition, src_offset)) from " + read(lake, t));
          }
          long quarantined = count(duckdb, "select count(*) from " + read(lake, "quarantine"));
          long duplicates = count(duckdb, "select count(*) from " + read(lake, "duplicates"));
          positions +=
              count(
                  duckdb,
                  "select count(distinct (stream, src_partition, src_offset)) from "
                      + read(lake, "quarantine"));
          positions +=
              count(
                  duckdb,
                  "select count(distinct (stream, src_partition, src_offset)) from "
                      + read(lake, "duplicates"));
          assertThat(doorRows(lake))
              .as("table + quarantine + duplicates = published")
              .isEqualTo(expected);
          assertThat(positions).as("no Kafka record twice").isEqualTo(expected);

          long alertRows = count(duckdb, "select count(*) from " + read(lake, "sla_events"));
          long alertIds =
              count(duckdb, "select count(distinct alert_id) from " + read(lake, "sla_events"));
          assertThat(alertIds)
              .as("SLA alerts in the lake, each once")
              .isEqualTo(alertRows)
              .isPositive();
          List<String> kafkaAlerts = readCommitted(kafka.bootstrapServers(), ALERTS);
          assertThat(new HashSet<>(kafkaAlerts))
              .as("SLA alerts in Kafka, each once")
              .hasSize(kafkaAlerts.size());
          assertThat(kafkaAlerts).hasSize((int) alertRows);
          // emerging-issue alerts: as many in Kafka as in the lake, each once (few or none at this
          // data size)
          long textAlertRows = count(duckdb, "select count(*) from " + read(lake, "text_alerts"));
          List<String> kafkaTextAlerts = readCommitted(kafka.bootstrapServers(), TEXT_ALERTS);
          assertThat(new HashSet<>(kafkaTextAlerts)).hasSize(kafkaTextAlerts.size());
          assertThat(kafkaTextAlerts).hasSize((int) textAlertRows);
          // texts of the complaints first described after the upgrade, each once
          assertThat(
                  count(
                      duckdb,
                      "select count(distinct complaint_id) from " + read(lake, "complaint_text")))
              .as("each complaint's text once")
              .isEqualTo(count(duckdb, "select count(*) from " + read(lake, "complaint_text")))
              .isPositive();

          assertThat(restored).as("restored from a checkpoint").isNotNull();
          assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
          assertThat(fromSavepoint).as("the upgraded job started from the savepoint").isNotNull();
          assertThat(fromSavepoint.path("is_savepoint").asBoolean()).isTrue();
          assertThat(restoredAfterLake.path("is_savepoint").asBoolean())
              .as("after the lake failures, restored from a checkpoint")
              .isFalse();
          System.out.printf(
              "cluster fault test: %,d records (%,d quarantined, %,d duplicates), %,d SLA alerts;"
                  + " restored checkpoint %d; recovery %.1f s from SIGKILL to the first checkpoint"
                  + " after the restore; upgrade from savepoint %s; lake unwritable: %d failures"
                  + " naming it, the first \"%s\", recovered %.1f s after it was writable; %d polls"
                  + " of the lake, no read error, no count down%n",
              expected,
              quarantined,
              duplicates,
              alertRows,
              restored.path("id").asLong(),
              recovery.toMillis() / 1000.0,
              fromSavepoint.path("external_path").asText(),
              restartsWhileBlocked,
              lakeFailure,
              lakeRecovery.toMillis() / 1000.0,
              poller.polls());
        }
      }
    }
  }

  private static List<String> vertexNames(FlinkRestClient rest, String jobId) throws Exception {
    List<String> names = new ArrayList<>();
    rest.job(jobId).path("vertices").forEach(v -> names.add(v.path("name").asText()));
    return names;
  }

  private Path writeJobConfiguration(
      String name, String bootstrap, Path lake, GeneratedData data, boolean text) throws Exception {
    var last =
        data.complaintEvents()
            .get(data.complaintEvents().size() - 1)
            .occurredAt()
            .atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
            .toLocalDateTime();
    Path config = dir.resolve(name);
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        String.join(
            "\n",
            "kafka.bootstrap.servers=" + bootstrap,
            "lake.root=" + lake,
            "flink.checkpoint-dir=" + dir.resolve("checkpoints").toUri(),
            "flink.checkpoint-interval=PT2S",
            "flink.parallelism=2",
            "flink.restart.attempts=20",
            "flink.restart.delay=PT2S",
            // generated history is replayed: its "now" for SLA alerts is the last thing that
            // happened in it
            "sla.alert-horizon=" + last,
            "text.enabled=" + text,
            ""),
        StandardCharsets.UTF_8);
    return config;
  }

  private static final int SLICES = 10;

  /**
   * Publishes slices {@code from} (inclusive) to {@code to} of the {@link #SLICES} of each stream,
   * and waits for the acks.
   */
  private static void publish(GeneratedData data, int from, int to, EventPublisher publisher) {
    publishSlice(data.interactions(), EventStream.SERVICE_INTERACTIONS, from, to, publisher);
    publishSlice(data.complaintEvents(), EventStream.COMPLAINT_EVENTS, from, to, publisher);
    publishSlice(data.surveys(), EventStream.CALLBACK_SURVEYS, from, to, publisher);
    publisher.flush();
  }

  private static void publishSlice(
      List<? extends QualityEvent> events,
      EventStream stream,
      int from,
      int to,
      EventPublisher publisher) {
    for (int i = events.size() * from / SLICES; i < events.size() * to / SLICES; i++) {
      publisher.publish(stream.defaultTopic(), stream, events.get(i));
    }
  }

  private static long doorRows(Path lake) throws Exception {
    long n = 0;
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String t : DOOR_TABLES) {
        n += count(duckdb, "select count(*) from " + read(lake, t));
      }
    }
    return n;
  }

  private static String read(Path lake, String table) {
    List<Path> files = LakeFiles.of(lake.resolve(table));
    return files.isEmpty()
        ? "(select null as event_id, null as src_partition, null as src_offset, null as stream,"
            + " null as alert_id, null as complaint_id where false)"
        : LakeFiles.readParquet(files);
  }

  private static long count(Connection duckdb, String sql) throws Exception {
    try (Statement s = duckdb.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long completedCheckpoints(FlinkRestClient rest, String jobId) throws Exception {
    return rest.checkpoints(jobId).path("counts").path("completed").asLong();
  }

  private static long latestCompletedAt(FlinkRestClient rest, String jobId) throws Exception {
    return rest.checkpoints(jobId)
        .path("latest")
        .path("completed")
        .path("latest_ack_timestamp")
        .asLong(0);
  }

  private static JsonNode restoredCheckpoint(FlinkRestClient rest, String jobId) throws Exception {
    JsonNode restored = rest.checkpoints(jobId).path("latest").path("restored");
    return restored.isMissingNode() || restored.isNull() ? null : restored;
  }

  /** How many of the job's failures (each followed by a restart) name the lake. */
  private static long lakeFailures(FlinkRestClient rest, String jobId, Path lake) throws Exception {
    long n = 0;
    for (JsonNode entry : rest.exceptions(jobId).path("exceptionHistory").path("entries")) {
      n += entry.path("stacktrace").asText("").contains(lake.toString()) ? 1 : 0;
    }
    return n;
  }

  /** The first line of the job's most recent failure that names the lake, or null. */
  private static String lakeFailure(FlinkRestClient rest, String jobId, Path lake)
      throws Exception {
    for (JsonNode entry : rest.exceptions(jobId).path("exceptionHistory").path("entries")) {
      String trace = entry.path("stacktrace").asText("");
      if (trace.contains(lake.toString())) {
        return trace.lines().findFirst().orElse(trace);
      }
    }
    return null;
  }

  private static List<String> readCommitted(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-test-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      int empty = 0;
      while (empty < 6) {
        var records = consumer.poll(Duration.ofMillis(500));
        empty = records.isEmpty() ? empty + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void await(
      String what, Duration timeout, Check check, FlinkStandaloneCluster flink) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no " + what + " within " + timeout + " (logs: " + flink.logDir() + ")");
      }
      Thread.sleep(500);
    }
  }
}
