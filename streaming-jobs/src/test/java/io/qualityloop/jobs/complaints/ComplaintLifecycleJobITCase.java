package io.qualityloop.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.CommittedRecords;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle job on a Flink MiniCluster (parallelism 2) over the in-process Kafka broker, run
 * twice on the same input: once uninterrupted, once failing mid-stream and restarting from its last
 * completed checkpoint. Facts, SLA outcomes and alerts (lake and the exactly-once Kafka topic) must
 * be identical: nothing lost, nothing twice.
 */
class ComplaintLifecycleJobITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String EVENTS_TOPIC = "it.lifecycle.complaint-events";

  @TempDir static Path work;
  private static EmbeddedKafkaBroker broker;
  private static GeneratedData data;

  @BeforeAll
  static void publishAndRunTwice() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(List.of(EVENTS_TOPIC, "it.alerts.uninterrupted", "it.alerts.restarted"), 2);
    data = new SyntheticDataGenerator(GeneratorConfig.demo().withSize(4, 3, 0.5), WorkingCalendar.shipped()).generate();
    // One record per Kafka batch (and one batch per fetch, below): the job then reads the events over
    // a few seconds instead of in one fetch, so event time and the outputs advance step by step and
    // checkpoints complete mid-stream. Read in one go, the whole output comes in one burst when the
    // input ends, and no checkpoint can complete inside it.
    try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers(),
        Map.of("batch.size", "0", "linger.ms", "0", "compression.type", "none"))) {
      EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);
      for (ComplaintEvent e : data.complaintEvents()) {
        publisher.publish(EVENTS_TOPIC, codec, e, ComplaintEvent::complaintId);
      }
      publisher.flush();
    }

    run("uninterrupted", lake -> table -> LakeSinks.parquet(lake).apply(table), 0);
    FailOnceAfterCheckpointsSink.reset();
    // The snapshots table (open work, a processing-order view) carries the injected failure.
    run("restarted", lake -> table -> table.name().equals(ComplaintLifecycleJob.SNAPSHOTS)
        ? new FailOnceAfterCheckpointsSink<>(1, 2)
        : LakeSinks.parquet(lake).apply(table), 1);
  }

  private static void run(String name, Function<String, Function<LakeTable, Sink<GenericRecord>>> sinks, int restarts)
      throws Exception {
    String lake = work.resolve(name).toString();
    Configuration conf = FlinkEnvironments.baseConfiguration();
    // Small network buffers: the throttled sink then holds few records ahead of a checkpoint barrier,
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
    LakeJobSettings settings = new LakeJobSettings(lake, SHANGHAI, Duration.ofHours(1), Duration.ofMillis(100), 2);
    new ComplaintLifecycleJob(
        KafkaSources.forTopic(broker.bootstrapServers(), EVENTS_TOPIC, "it-lifecycle-" + name, true,
            Map.of("max.partition.fetch.bytes", "1", "fetch.max.bytes", "1")),
        sinks.apply(lake),
        AlertSinks.kafka(broker.bootstrapServers(), "it.alerts." + name, "it-" + name),
        settings, new ComplaintJobSettings(0.8, Duration.ofDays(30)), SlaRuleSet.shipped(), WorkingTime.shipped())
        .build(env);
    long started = System.nanoTime();
    env.execute("lifecycle " + name);
    System.out.printf("lifecycle %s: %.1f s, injected failure: %s, snapshots restored: %d%n", name, (System.nanoTime() - started) / 1e9,
        FailOnceAfterCheckpointsSink.FAILED.get(), FailOnceAfterCheckpointsSink.RESTORED_COUNT.get());
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
    assertThat(FailOnceAfterCheckpointsSink.RESTORED_COUNT.get()).as("snapshots counted at the restored checkpoint").isPositive();
  }

  @Test
  void factsAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.FACTS);
    assertThat(uninterrupted).hasSizeGreaterThan(50);
    assertThat(rows("restarted", ComplaintLifecycleJob.FACTS)).containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void slaOutcomesAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.OUTCOMES);
    assertThat(uninterrupted).hasSizeGreaterThan(100);
    assertThat(rows("restarted", ComplaintLifecycleJob.OUTCOMES)).containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void alertsInTheLakeAreIdenticalToAnUninterruptedRun() throws Exception {
    List<String> uninterrupted = rows("uninterrupted", ComplaintLifecycleJob.SLA_EVENTS);
    assertThat(uninterrupted).hasSizeGreaterThan(20);
    assertThat(rows("restarted", ComplaintLifecycleJob.SLA_EVENTS)).containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void committedAlertsOnKafkaAreIdenticalToAnUninterruptedRunWithNoDuplicates() {
    List<String> uninterrupted = CommittedRecords.values(broker.bootstrapServers(), "it.alerts.uninterrupted");
    List<String> restarted = CommittedRecords.values(broker.bootstrapServers(), "it.alerts.restarted");

    assertThat(uninterrupted).hasSizeGreaterThan(20).doesNotHaveDuplicates();
    assertThat(restarted).containsExactlyInAnyOrderElementsOf(uninterrupted);
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
        ResultSet rs = s.executeQuery("select * exclude (landed_at) from read_parquet('" + glob + "', hive_partitioning = false) order by all")) {
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
