package io.qualityloop.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.CommittedRecords;
import io.qualityloop.jobs.ComplaintDoor;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.jobs.lake.LakeTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle job behind the lake job's door on a Flink MiniCluster (parallelism 2) over the
 * in-process Kafka broker, run three times on the same events: once uninterrupted; once failing
 * mid-stream and restarting from its last completed checkpoint; and once with three bad complaint
 * records published straight to Kafka in the middle of the stream (dated 2099, breaking the schema,
 * a lifecycle mismatch), as a producer other than {@code ingest} would. Facts, SLA outcomes and
 * alerts (lake and the exactly-once Kafka topic) must be identical in all three: nothing lost,
 * nothing twice, and nothing the door rejected reaches a clock or a watermark.
 */
class ComplaintLifecycleJobITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String EVENTS_TOPIC = "it.lifecycle.complaint-events";
  private static final String WITH_BAD_TOPIC = "it.lifecycle.complaint-events-with-bad";

  @TempDir static Path work;
  private static EmbeddedKafkaBroker broker;
  private static GeneratedData data;

  @BeforeAll
  static void publishAndRunTwice() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(
        List.of(
            EVENTS_TOPIC,
            WITH_BAD_TOPIC,
            "it.alerts.uninterrupted",
            "it.alerts.restarted",
            "it.alerts.with-bad"),
        2);
    data =
        new SyntheticDataGenerator(
                GeneratorConfig.demo().withSize(4, 3, 0.5), WorkingCalendar.shipped())
            .generate();
    // One record per Kafka batch (and one batch per fetch, below): the job then reads the events
    // over
    // a few seconds instead of in one fetch, so event time and the outputs advance step by step and
    // checkpoints complete mid-stream. Read in one go, the whole output comes in one burst when the
    // input ends, and no checkpoint can complete inside it.
    try (EventPublisher publisher =
        new EventPublisher(
            broker.bootstrapServers(),
            Map.of("batch.size", "0", "linger.ms", "0", "compression.type", "none"))) {
      EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);
      for (ComplaintEvent e : data.complaintEvents()) {
        publisher.publish(EVENTS_TOPIC, codec, e, ComplaintEvent::complaintId);
      }
      publisher.flush();
    }
    publishWithBadRecordsInTheMiddle(EventCodec.of(ComplaintEvent.class));

    run("uninterrupted", EVENTS_TOPIC, lake -> table -> LakeSinks.parquet(lake).apply(table), 0);
    run("with-bad", WITH_BAD_TOPIC, lake -> table -> LakeSinks.parquet(lake).apply(table), 0);
    FailOnceAfterCheckpointsSink.reset();
    // The snapshots table (open work, a processing-order view) carries the injected failure.
    run(
        "restarted",
        EVENTS_TOPIC,
        lake ->
            table ->
                table.name().equals(ComplaintLifecycleJob.SNAPSHOTS)
                    ? new FailOnceAfterCheckpointsSink<>(1, 2)
                    : LakeSinks.parquet(lake).apply(table),
        1);
  }

  /**
   * The same events, in the same order, with three records that must not pass the door published
   * straight to Kafka half-way through: an event of a real complaint dated 2099 (had its time
   * entered a watermark, every pending deadline would fire at once), one that breaks the schema,
   * and an acceptance without a category (a lifecycle mismatch).
   */
  private static void publishWithBadRecordsInTheMiddle(EventCodec<ComplaintEvent> codec) {
    List<ComplaintEvent> events = data.complaintEvents();
    ComplaintEvent middle = events.get(events.size() / 2);
    String farFuture =
        new String(
            codec.encode(
                new ComplaintEvent(
                    "bad-2099",
                    1,
                    OffsetDateTime.parse("2099-01-01T09:00:00+08:00"),
                    middle.complaintId(),
                    LifecycleEventType.CLOSED,
                    null,
                    middle.projectId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "S1",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)),
            StandardCharsets.UTF_8);
    String brokenSchema =
        "{\"event_id\":\"bad-schema\",\"schema_version\":1,\"occurred_at\":\"2026-08-01T10:00:00+08:00\","
            + "\"complaint_id\":\""
            + middle.complaintId()
            + "\",\"event_type\":\"NOT_A_STEP\"}";
    // A real step of the same complaint, valid but for a sign-off that only a resolution carries.
    ObjectNode signedOff =
        (ObjectNode)
            codec.toTree(
                events.stream()
                    .filter(
                        e ->
                            e.complaintId().equals(middle.complaintId())
                                && e.customerSignedOff() == null
                                && e.eventType() != LifecycleEventType.RESOLVED)
                    .findFirst()
                    .orElseThrow());
    signedOff.put("event_id", "bad-lifecycle").put("customer_signed_off", true);
    String mismatch = signedOff.toString();
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("batch.size", "0");
    props.put("linger.ms", "0");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < events.size(); i++) {
        if (i == events.size() / 2) {
          for (String bad : List.of(farFuture, brokenSchema, mismatch)) {
            producer.send(new ProducerRecord<>(WITH_BAD_TOPIC, middle.complaintId(), bad));
          }
        }
        ComplaintEvent e = events.get(i);
        producer.send(
            new ProducerRecord<>(
                WITH_BAD_TOPIC,
                e.complaintId(),
                new String(codec.encode(e), StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static void run(
      String name,
      String topic,
      Function<String, Function<LakeTable, Sink<GenericRecord>>> sinks,
      int restarts)
      throws Exception {
    String lake = work.resolve(name).toString();
    Configuration conf = FlinkEnvironments.baseConfiguration();
    // Small network buffers: the throttled sink then holds few records ahead of a checkpoint
    // barrier,
    // so aligned checkpoints complete while the stream is still in flight.
    conf.setString("taskmanager.memory.segment-size", "4kb");
    conf.setString("taskmanager.network.memory.buffers-per-channel", "1");
    conf.setString("taskmanager.network.memory.floating-buffers-per-gate", "1");
    if (restarts > 0) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
    LakeJobSettings settings =
        new LakeJobSettings(lake, SHANGHAI, Duration.ofHours(1), Duration.ofMillis(100), 2);
    new ComplaintLifecycleJob(
            sinks.apply(lake),
            AlertSinks.kafka(broker.clientSettings(), "it.alerts." + name, "it-" + name),
            settings,
            new ComplaintJobSettings(0.8, Duration.ofDays(30)),
            SlaRuleSet.shipped(),
            WorkingTime.shipped())
        .attach(
            ComplaintDoor.on(
                env,
                broker.bootstrapServers(),
                topic,
                "it-lifecycle-" + name,
                Map.of("max.partition.fetch.bytes", "1", "fetch.max.bytes", "1"),
                sinks.apply(lake),
                settings,
                Clock.systemUTC()));
    long started = System.nanoTime();
    env.execute("lifecycle " + name);
    System.out.printf(
        "lifecycle %s: %.1f s, injected failure: %s, snapshots restored: %d%n",
        name,
        (System.nanoTime() - started) / 1e9,
        FailOnceAfterCheckpointsSink.FAILED.get(),
        FailOnceAfterCheckpointsSink.RESTORED_COUNT.get());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theFailureHappenedMidStreamAndTheJobResumedFromACompletedCheckpoint() {
    assertThat(FailOnceAfterCheckpointsSink.FAILED).isTrue();
    assertThat(FailOnceAfterCheckpointsSink.RESTORED_COUNT.get())
        .as("snapshots counted at the restored checkpoint")
        .isPositive();
  }

  @Test
  void factsAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.FACTS);
    assertThat(uninterrupted).hasSizeGreaterThan(50);
    assertThat(rows("restarted", ComplaintLifecycleJob.FACTS))
        .containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void slaOutcomesAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.OUTCOMES);
    assertThat(uninterrupted).hasSizeGreaterThan(100);
    assertThat(rows("restarted", ComplaintLifecycleJob.OUTCOMES))
        .containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void alertsInTheLakeAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.SLA_EVENTS);
    assertThat(uninterrupted).hasSizeGreaterThan(20);
    assertThat(rows("restarted", ComplaintLifecycleJob.SLA_EVENTS))
        .containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void committedAlertsOnKafkaAreIdenticalToAnUninterruptedRunWithNoDuplicates() {
    List<String> uninterrupted =
        CommittedRecords.values(broker.bootstrapServers(), "it.alerts.uninterrupted");
    List<String> restarted =
        CommittedRecords.values(broker.bootstrapServers(), "it.alerts.restarted");

    assertThat(uninterrupted).hasSizeGreaterThan(20).doesNotHaveDuplicates();
    assertThat(restarted).containsExactlyInAnyOrderElementsOf(uninterrupted);
  }

  @Test
  void theThreeBadRecordsAreInQuarantineWithTheirReasonsAndNowhereElse() throws Exception {
    assertThat(
            query(
                "select reason_code from "
                    + table("with-bad", LakeTable.QUARANTINE)
                    + " order by 1"))
        .containsExactly("FUTURE_TIMESTAMP", "LIFECYCLE_MISMATCH", "SCHEMA_VIOLATION");
    assertThat(
            query("select message from " + table("with-bad", LakeTable.QUARANTINE) + " order by 1"))
        .anySatisfy(m -> assertThat(m).contains("bad-2099").contains("2099-01-01"))
        .anySatisfy(m -> assertThat(m).contains("bad-lifecycle").contains("customer_signed_off"))
        .anySatisfy(m -> assertThat(m).contains("bad-schema"));
    assertThat(
            query(
                "select event_id from "
                    + table("with-bad", "complaint_events")
                    + " where event_id like 'bad-%'"))
        .isEmpty();
    assertThat(query("select count(*) from " + table("with-bad", "complaint_events")))
        .containsExactly(String.valueOf(data.complaintEvents().size()));
  }

  @Test
  void badRecordsMoveNoWatermarkAndNoClock() throws Exception {
    // Had the 2099 time entered the watermark, every event after it would have arrived "late" and
    // every pending deadline would have fired at once: the flags, the facts, the SLA outcomes and
    // the
    // alerts would differ from the run without the bad records.
    assertThat(lateFlags("with-bad")).isEqualTo(lateFlags("uninterrupted"));
    assertThat(rows("with-bad", ComplaintLifecycleJob.FACTS))
        .containsExactlyElementsOf(rows("uninterrupted", ComplaintLifecycleJob.FACTS));
    assertThat(rows("with-bad", ComplaintLifecycleJob.OUTCOMES))
        .containsExactlyElementsOf(rows("uninterrupted", ComplaintLifecycleJob.OUTCOMES));
    assertThat(rows("with-bad", ComplaintLifecycleJob.SLA_EVENTS))
        .containsExactlyElementsOf(rows("uninterrupted", ComplaintLifecycleJob.SLA_EVENTS));
    assertThat(CommittedRecords.values(broker.bootstrapServers(), "it.alerts.with-bad"))
        .containsExactlyInAnyOrderElementsOf(
            CommittedRecords.values(broker.bootstrapServers(), "it.alerts.uninterrupted"));
  }

  private static long lateFlags(String run) throws Exception {
    Path flags = work.resolve(run).resolve("record_flags");
    boolean any;
    try (var files = Files.walk(flags)) {
      any = Files.exists(flags) && files.anyMatch(f -> f.toString().endsWith(".parquet"));
    } catch (NoSuchFileException e) {
      any = false;
    }
    return any
        ? Long.parseLong(
            query(
                    "select count(*) from "
                        + table(run, "record_flags")
                        + " where flag_code = 'LATE'")
                .get(0))
        : 0;
  }

  private static String table(String run, String table) {
    return "read_parquet('"
        + work.resolve(run).resolve(table)
        + "/**/*.parquet', hive_partitioning = false, union_by_name = true)";
  }

  private static List<String> query(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Every row of a lake table, all columns as text but {@code landed_at} (how far the job had read
   * when it wrote a row is not part of the result), in a stable order.
   */
  private static List<String> rows(String run, String table) throws Exception {
    String glob = work.resolve(run).resolve(table) + "/**/*.parquet";
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select * exclude (landed_at) from read_parquet('"
                    + glob
                    + "', hive_partitioning = false) order by all")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getString(i)).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
