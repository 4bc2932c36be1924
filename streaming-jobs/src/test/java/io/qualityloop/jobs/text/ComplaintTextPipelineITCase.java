package io.qualityloop.jobs.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.CommittedRecords;
import io.qualityloop.jobs.ComplaintDoor;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.text.SurgeTest;
import io.qualityloop.text.TextResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text pipeline behind the lake job's door on a Flink MiniCluster (parallelism 2), reading the
 * complaint topic and writing the Parquet lake and the exactly-once alerts topic of a real broker,
 * over twelve weeks of hand-made complaints:
 *
 * <ul>
 *   <li>P01: every week one blocked floor drain and one wall crack; one 电梯困人 in week 3; in week 9
 *       (from 2026-08-03) six complaints of 电梯困人, the planted surge;
 *   <li>P02: every week the same three elevator-breakdown complaints, a flat series;
 *   <li>P03: one leak filed without a component, and one text with a phone number (scrubbed at the
 *       door, so no term holds it); one event sent twice (dropped at the door).
 * </ul>
 *
 * Worked by hand: the surge week's baseline is weeks 1-8 of P01, one mention in eight weeks, 0.125
 * a week, raised to the floor of 0.5; P(X >= 6 | 0.5) = 1.4e-5 < 0.0001 and 6 >= 5: an alert,
 * +1100%. Every other term of P01 is once a week against a baseline of once a week; P02's terms are
 * three a week against three a week (P(X >= 3 | 3) = 0.58): no alert.
 */
class ComplaintTextPipelineITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 6, 1);
  private static final String TOPIC = "it.text-alerts";
  private static final String EVENTS = "it.text.complaint-events";
  private static final List<String> PLANTED =
      List.of("3号楼电梯困人二十分钟", "电梯困人，老人受惊", "又一次电梯困人", "电梯困人无人救援", "早上电梯困人", "电梯困人，孩子哭了");

  @TempDir static Path work;
  private static EmbeddedKafkaBroker broker;
  private static Path lake;
  private static final EventCodec<ComplaintEvent> CODEC = EventCodec.of(ComplaintEvent.class);

  @BeforeAll
  static void run() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(List.of(TOPIC, EVENTS), 2);
    lake = work.resolve("lake");
    List<ComplaintEvent> events = new ArrayList<>();
    for (int week = 0; week < 12; week++) {
      LocalDate monday = FIRST_MONDAY.plusWeeks(week);
      events.add(received("P01-drain-" + week, "P01", monday.plusDays(1).atTime(10, 0), "卫生间地漏堵塞"));
      events.add(
          received("P01-crack-" + week, "P01", monday.plusDays(2).atTime(10, 0), "客厅墙面出现裂缝"));
      for (int i = 0; i < 3; i++) {
        events.add(
            received(
                "P02-lift-" + week + "-" + i,
                "P02",
                monday.plusDays(3).atTime(9 + i, 0),
                "电梯故障停运"));
      }
      if (week == 3) {
        events.add(received("P01-trapped-early", "P01", monday.plusDays(4).atTime(18, 0), "电梯困人"));
      }
      if (week == 9) {
        for (int i = 0; i < PLANTED.size(); i++) {
          events.add(
              received(
                  "P01-trapped-" + i, "P01", monday.plusDays(i).atTime(20, 0), PLANTED.get(i)));
        }
      }
      if (week == 5) {
        ComplaintEvent leak =
            received("P03-other", "P03", monday.plusDays(1).atTime(11, 0), "卫生间渗水到楼下，墙上有水渍");
        events.add(leak);
        events.add(leak); // sent twice
        events.add(
            received(
                "P03-phone", "P03", monday.plusDays(1).atTime(12, 0), "楼道声控灯坏了，请回电13812345678"));
      }
    }
    events.sort(Comparator.comparing(ComplaintEvent::occurredAt));
    try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers(), Map.of())) {
      for (ComplaintEvent e : events) {
        publisher.publish(EVENTS, CODEC, e, ComplaintEvent::complaintId);
      }
      publisher.flush();
    }

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, FlinkEnvironments.baseConfiguration());
    LakeJobSettings door =
        new LakeJobSettings(
            lake.toString(), SHANGHAI, Duration.ofHours(1), Duration.ofMillis(200), 2);
    DataStream<ComplaintEventEnvelope> stream =
        ComplaintDoor.on(
            env,
            broker.bootstrapServers(),
            EVENTS,
            "it-text",
            Map.of(),
            LakeSinks.parquet(lake.toString()),
            door,
            Clock.systemUTC());
    new ComplaintTextPipeline(
            new TextJobSettings(TextResources.shipped(), SurgeTest.DEFAULT, 8, false),
            SHANGHAI,
            LakeSinks.parquet(lake.toString()),
            TextAlertSinks.kafka(broker.clientSettings(), TOPIC, "it-text-alerts"))
        .attach(stream);
    env.execute("text pipeline");
  }

  @AfterAll
  static void stop() throws Exception {
    broker.close();
  }

  private static ComplaintEvent received(
      String complaintId, String project, LocalDateTime at, String description) {
    ComplaintEvent e =
        new ComplaintEvent(
            complaintId + "-1",
            1,
            at.atOffset(ZoneOffset.ofHours(8)),
            complaintId,
            LifecycleEventType.RECEIVED,
            null,
            project,
            "1",
            "1",
            "101",
            null,
            null,
            null,
            null,
            "hh_0123456789abcdef",
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
            description,
            null,
            null,
            null,
            null);
    return e;
  }

  @Test
  void thePlantedSurgeRaisesOneAlertInItsWeekAndTheFlatSeriesNone() throws Exception {
    List<Map<String, Object>> alerts =
        query(
            "select project_id, week_start, term, observed, expected, lift_percent, baseline_weeks,"
                + " p_value, list_sort(complaint_ids) as ids, alert_id from "
                + table("text_alerts"));
    assertThat(alerts).hasSize(1);
    Map<String, Object> a = alerts.get(0);
    assertThat(a)
        .containsEntry("project_id", "P01")
        .containsEntry("week_start", "2026-08-03")
        .containsEntry("term", "电梯困人")
        .containsEntry("observed", 6L)
        .containsEntry("expected", 0.5)
        .containsEntry("lift_percent", 1100L)
        .containsEntry("baseline_weeks", 8);
    // P(X >= 6 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125 + 0.0208 + 0.0026 + 0.00026) = 1.42e-5
    assertThat((Double) a.get("p_value")).isBetween(1.3e-5, 1.5e-5);
    assertThat(a.get("ids").toString())
        .isEqualTo(
            "[P01-trapped-0, P01-trapped-1, P01-trapped-2, P01-trapped-3, P01-trapped-4,"
                + " P01-trapped-5]");

    List<String> kafka = CommittedRecords.values(broker.bootstrapServers(), TOPIC);
    assertThat(kafka)
        .singleElement()
        .asString()
        .contains("\"alert_id\":\"" + a.get("alert_id") + "\"")
        .contains("\"lift_percent\":1100")
        .doesNotContain("landed_at");
  }

  @Test
  void eachComplaintTextIsReadOnceScrubbedAndAnOtherLeakIsSuggestedAsWaterproofing()
      throws Exception {
    // 12 weeks x (2 + 3) + 1 early + 6 planted + 2 of P03 (the leak sent twice counts once)
    assertThat(
            query(
                "select count(*) as n, count(distinct complaint_id) as d from "
                    + table("complaint_text")))
        .containsExactly(Map.of("n", 69L, "d", 69L));
    Map<String, Object> leak =
        query(
                "select suggested_component, suggested_problem_type, suggestion_confidence, "
                    + "suggestion_evidence::varchar as evidence, week_start from "
                    + table("complaint_text")
                    + " where complaint_id = 'P03-other'")
            .get(0);
    // 渗水 3 + 水渍 2 for waterproofing, 墙 is not a term: 5 / (5 + 1)
    assertThat(leak)
        .containsEntry("suggested_component", "waterproofing")
        .containsEntry("suggested_problem_type", "seepage")
        .containsEntry("suggestion_confidence", 0.833)
        .containsEntry("evidence", "[渗水, 水渍]")
        .containsEntry("week_start", "2026-07-06");
    Map<String, Object> phone =
        query(
                "select description, terms::varchar as terms from "
                    + table("complaint_text")
                    + " where complaint_id = 'P03-phone'")
            .get(0);
    assertThat(phone.get("description").toString()).contains("[手机号]").doesNotContain("13812345678");
    assertThat(phone.get("terms").toString())
        .contains("声控灯")
        .doesNotContain("138")
        .doesNotContain("手机号");
  }

  private static String table(String name) throws Exception {
    try (var files = Files.walk(lake.resolve(name))) {
      List<String> parquet =
          files
              .filter(
                  p ->
                      p.getFileName().toString().endsWith(".parquet")
                          && !p.getFileName().toString().startsWith("."))
              .map(p -> "'" + p + "'")
              .toList();
      assertThat(parquet).as("finished files of " + name).isNotEmpty();
      return "read_parquet([" + String.join(",", parquet) + "])";
    }
  }

  private static List<Map<String, Object>> query(String sql) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
