package io.qualityloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.ingestion.kafka.GeneratedDataPublisher;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.Source;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing end to end: generated events through the in-process Kafka broker and the lake job
 * on a Flink MiniCluster (parallelism 2) into Parquet, read back by DuckDB as an independent reader.
 */
class LakeIngestJobITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir static Path lake;
  private static EmbeddedKafkaBroker broker;
  private static GeneratedData data;
  private static final Map<EventStream, String> TOPICS = new EnumMap<>(EventStream.class);

  @BeforeAll
  static void publishAndRunTheJob() throws Exception {
    broker = EmbeddedKafkaBroker.start();
    for (EventStream s : EventStream.values()) {
      TOPICS.put(s, "it." + s.defaultTopic());
    }
    broker.createTopics(TOPICS.values(), 2);
    data = new SyntheticDataGenerator(GeneratorConfig.demo().withSize(2, 3, 0.3), WorkingCalendar.shipped()).generate();
    try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers(), Map.of())) {
      new GeneratedDataPublisher(publisher, TOPICS).publish(data, n -> {});
    }
    publishRaw(TOPICS.get(EventStream.COMPLAINT_EVENTS), "{not json at all");
    publishRaw(TOPICS.get(EventStream.CALLBACK_SURVEYS), "{\"event_id\":\"no-time\",\"schema_version\":1,\"survey_type\":\"ANNUAL_REVISIT\",\"project_id\":\"P01\",\"score_overall\":4}");

    Map<EventStream, Source<KafkaPayload, ?, ?>> sources = new EnumMap<>(EventStream.class);
    TOPICS.forEach((stream, topic) -> sources.put(stream, KafkaSources.forTopic(broker.bootstrapServers(), topic, "it-lake", true, Map.of())));
    LakeJobSettings settings = new LakeJobSettings(lake.toString(), SHANGHAI, Duration.ofHours(1), Duration.ofSeconds(1), 2);
    new LakeIngestJob(sources, LakeSinks.parquet(lake.toString()), settings, Clock.systemUTC())
        .execute(FlinkEnvironments.local(2));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyPublishedEventIsInItsLakeTableExactlyOnce() throws Exception {
    assertSameIds(EventStream.SERVICE_INTERACTIONS, data.interactions());
    assertSameIds(EventStream.COMPLAINT_EVENTS, data.complaintEvents());
    assertSameIds(EventStream.CALLBACK_SURVEYS, data.surveys());
  }

  @Test
  void undecodableRecordsAreQuarantinedWithReasonAndPosition() throws Exception {
    List<String> rows = query(
        "select stream || '|' || reason_code || '|' || src_topic || '|' || message from read_parquet('" + glob("quarantine") + "') order by stream");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("CALLBACK_SURVEYS|UNDECODABLE|it.ql.callback-surveys.v1|record at it.ql.callback-surveys.v1/")
        .endsWith("occurred_at is missing in event no-time");
    assertThat(rows.get(1)).startsWith("COMPLAINT_EVENTS|UNDECODABLE|it.ql.complaint-events.v1|");
  }

  @Test
  void rowsArePartitionedByTheirLocalEventDateAndKeepLocalWallClockTime() throws Exception {
    var first = data.complaintEvents().get(0);
    List<String> rows = query("select cast(dt as varchar) || ' ' || cast(occurred_at as varchar) from read_parquet('"
        + glob("complaint_events") + "', hive_partitioning = true) where event_id = '" + first.eventId() + "'");

    String local = first.occurredAt().atZoneSameInstant(SHANGHAI).toLocalDateTime().toString().replace('T', ' ');
    assertThat(rows).singleElement().satisfies(r -> assertThat(r).startsWith(first.occurredAt().toLocalDate() + " " + local));
  }

  @Test
  void parquetFilesAreZstdCompressedAndNoHiddenFileIsLeftBehind() throws Exception {
    List<String> codecs = query("select distinct compression from parquet_metadata('" + glob("complaint_events") + "')");
    assertThat(codecs).containsExactly("ZSTD");
    try (var files = Files.walk(lake)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
          .as("in-progress or pending files after the job finished").isEmpty();
    }
  }

  private static void assertSameIds(EventStream stream, List<? extends QualityEvent> published) throws Exception {
    List<String> ids = query("select event_id from read_parquet('" + glob(stream.tableName()) + "')");
    Set<String> expected = published.stream().map(QualityEvent::eventId).collect(Collectors.toSet());

    assertThat(ids).as(stream + " row count").hasSize(published.size());
    assertThat(new HashSet<>(ids)).as(stream + " ids").isEqualTo(expected);
  }

  private static String glob(String table) {
    return lake.resolve(table) + "/**/*.parquet";
  }

  private static List<String> query(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void publishRaw(String topic, String payload) {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, payload.getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
  }
}
