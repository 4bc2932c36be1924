package io.qualityloop.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.ComplaintDoor;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live operation on the wall clock: the door and the lifecycle reading Kafka without end on a
 * MiniCluster (event time trailing the newest event by an hour, as in production), with one rule
 * whose calendar clock runs 45 seconds (WARNING at 80%, 36 s). A complaint is RECEIVED now and
 * nothing else happens: the WARNING and then the BREACH must come, each within 10 s of its
 * wall-clock moment, with no further event, once each, although the job is stopped with a savepoint
 * after the WARNING and started again from it before the deadline.
 *
 * <p>Entered just after it, a second complaint (of another category, with a rule of its own) was
 * received 61 minutes ago, before the first: older than the live window, so judged in event time,
 * which has passed it or waits on the other door subtask, and does not reach it again. Its deadline
 * is 48 s ahead on the wall clock (limit 1.03 h): its BREACH must come on time all the same, across
 * the restart, with its WARNING (passed before it was entered) once.
 */
class LiveAlertsITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String EVENTS = "it.live.complaint-events";
  private static final String ALERTS = "it.live.sla-alerts";
  private static final String RULES =
      "rule_id,name_zh,start_events,stop_events,limit,clock,applies_when,source,name_en\n"
          + "live_45s,45秒内受理,RECEIVED,ACCEPTED,0.0125,CALENDAR_HOURS,category!=service,test,"
          + "Accepted within 45 s\n"
          + "late_1h,1.03小时内受理,RECEIVED,ACCEPTED,1.03,CALENDAR_HOURS,category=service,test,"
          + "Accepted within 1.03 h\n";

  @TempDir static Path work;
  private static EmbeddedKafkaBroker broker;

  /** Each alert read from the topic (read committed) with the wall-clock moment it was read. */
  private static final List<Object[]> seen = new CopyOnWriteArrayList<>();

  private static final AtomicBoolean reading = new AtomicBoolean(true);
  private static LocalDateTime received;
  private static long warningReadAt;
  private static long breachReadAt;
  private static LocalDateTime lateReceived;
  private static long lateBreachReadAt;

  @BeforeAll
  static void runLive() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(List.of(EVENTS, ALERTS), 2);
    Thread reader = new Thread(LiveAlertsITCase::readAlerts, "alert reader");
    reader.start();

    JobClient first = start(null);
    awaitRunning(first);
    OffsetDateTime now = OffsetDateTime.now(SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
    received = now.toLocalDateTime();
    OffsetDateTime earlier = now.minusMinutes(61);
    lateReceived = earlier.toLocalDateTime();
    try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers(), Map.of())) {
      publisher.publish(
          EVENTS,
          EventCodec.of(ComplaintEvent.class),
          received("L1", now, null),
          ComplaintEvent::complaintId);
      publisher.flush();
      publisher.publish(
          EVENTS,
          EventCodec.of(ComplaintEvent.class),
          received("L2", earlier, "service"),
          ComplaintEvent::complaintId);
      publisher.flush();
    }
    warningReadAt = awaitAlert("L1", "WARNING", Duration.ofSeconds(70));
    Path savepoints = Files.createDirectories(work.resolve("savepoints"));
    String savepoint =
        first
            .stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get();
    JobClient second = start(savepoint);
    awaitRunning(second);
    breachReadAt = awaitAlert("L1", "BREACH", Duration.ofSeconds(60));
    lateBreachReadAt = awaitAlert("L2", "BREACH", Duration.ofSeconds(60));
    Thread.sleep(5_000); // time for a second WARNING or BREACH to show, were there one
    second.cancel().get();
    reading.set(false);
    reader.join(10_000);
    System.out.printf(
        "live alerts: WARNING readable %.1f s after its moment, BREACH %.1f s after its moment"
            + " (restart from a savepoint between); BREACH of the complaint received earlier"
            + " %.1f s after its moment%n",
        (warningReadAt - epochMillis(received.plusSeconds(36))) / 1000.0,
        (breachReadAt - epochMillis(received.plusSeconds(45))) / 1000.0,
        (lateBreachReadAt - epochMillis(lateReceived.plusSeconds(3708))) / 1000.0);
  }

  private static ComplaintEvent received(String complaintId, OffsetDateTime at, String category) {
    return new ComplaintEvent(
        complaintId + "-1",
        1,
        at,
        complaintId,
        LifecycleEventType.RECEIVED,
        null,
        "P01",
        "1",
        "1",
        "101",
        null,
        null,
        null,
        null,
        "hh_0123456789abcdef",
        "S1",
        category,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "电梯故障",
        null,
        null,
        null,
        null);
  }

  private static JobClient start(String savepoint) throws Exception {
    Configuration conf = FlinkEnvironments.baseConfiguration();
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
    String lake = work.resolve("lake").toString();
    LakeJobSettings settings =
        new LakeJobSettings(lake, SHANGHAI, Duration.ofHours(1), Duration.ofMillis(500), 2);
    SlaRuleSet rules =
        SlaRuleSet.parse(
            new ByteArrayInputStream(RULES.getBytes(StandardCharsets.UTF_8)), "sla_rules.csv");
    new ComplaintLifecycleJob(
            LakeSinks.parquet(lake),
            AlertSinks.kafka(broker.clientSettings(), ALERTS, "it-live-" + (savepoint == null)),
            settings,
            new ComplaintJobSettings(0.8, Duration.ofDays(30), null, Duration.ofDays(365), true),
            rules,
            WorkingTime.shipped())
        .attach(
            ComplaintDoor.on(
                env,
                broker.bootstrapServers(),
                EVENTS,
                "it-live",
                false,
                Map.of(),
                LakeSinks.parquet(lake),
                settings,
                Clock.systemUTC()));
    return env.executeAsync("live alerts");
  }

  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void readAlerts() {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("isolation.level", "read_committed");
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(ALERTS).stream()
              .map(p -> new TopicPartition(ALERTS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (reading.get()) {
        for (var r : consumer.poll(Duration.ofMillis(100))) {
          JsonNode alert = json.readTree(r.value());
          seen.add(new Object[] {alert, System.currentTimeMillis()});
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long awaitAlert(String complaintId, String type, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (Object[] s : seen) {
        JsonNode alert = (JsonNode) s[0];
        if (alert.path("complaint_id").asText().equals(complaintId)
            && alert.path("alert_type").asText().equals(type)) {
          return (Long) s[1];
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no "
            + type
            + " of "
            + complaintId
            + " within "
            + within
            + "; alerts so far: "
            + seen.stream().map(s -> s[0].toString()).toList());
  }

  @AfterAll
  static void stop() {
    reading.set(false);
    if (broker != null) {
      broker.close();
    }
  }

  private static long epochMillis(LocalDateTime local) {
    return local.atZone(SHANGHAI).toInstant().toEpochMilli();
  }

  @Test
  void theWarningComesAt80PercentOfTheClockOnTheWallClockWithNoFurtherEvent() {
    long due = epochMillis(received.plusSeconds(36));
    assertThat(warningReadAt - due)
        .as("ms after its moment that the WARNING was readable")
        .isBetween(0L, 10_000L);
  }

  @Test
  void theBreachComesAtTheDeadlineAfterTheRestartFromTheSavepoint() {
    long due = epochMillis(received.plusSeconds(45));
    assertThat(breachReadAt - due)
        .as("ms after its moment that the BREACH was readable")
        .isBetween(0L, 10_000L);
  }

  @Test
  void aComplaintReceivedBeforeOneAlreadySeenBreachesOnTheWallClockToo() {
    long due = epochMillis(lateReceived.plusSeconds(3708));
    assertThat(lateBreachReadAt - due)
        .as("ms after its moment that the BREACH of the complaint received earlier was readable")
        .isBetween(0L, 10_000L);
  }

  @Test
  void eachAlertOnceWithItsMomentAndDeterministicId() {
    List<String> alerts =
        seen.stream()
            .map(s -> (JsonNode) s[0])
            .map(
                a ->
                    a.path("alert_type").asText()
                        + " "
                        + a.path("rule_id").asText()
                        + " "
                        + LocalDateTime.parse(a.path("alert_at").asText()))
            .toList();
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "WARNING live_45s " + received.plusSeconds(36),
            "BREACH live_45s " + received.plusSeconds(45),
            "WARNING late_1h " + lateReceived.plusSeconds(2966),
            "BREACH late_1h " + lateReceived.plusSeconds(3708));
    assertThat(seen.stream().map(s -> ((JsonNode) s[0]).path("alert_id").asText()))
        .doesNotHaveDuplicates();
  }
}
