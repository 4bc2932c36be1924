package io.qualityloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.FollowUpAction;
import io.qualityloop.events.FollowUpEvent;
import io.qualityloop.events.FollowUpOutcome;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.ingestion.kafka.GeneratedDataPublisher;
import io.qualityloop.jobs.CommittedRecords;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.jobs.lake.io.DeadLetterSinks;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing end to end: generated events through the in-process Kafka broker and the lake job
 * on a Flink MiniCluster (parallelism 2) into Parquet, read back by DuckDB as an independent
 * reader. The broker listens with SASL_PLAINTEXT / PLAIN only (issue 20 item 3), so the publisher,
 * the admin clients, the job's Kafka sources and its exactly-once dead-letter sink all reach it
 * with the client settings of the configuration ({@code kafka.client.*}, the login from the
 * environment).
 */
class LakeIngestJobITCase {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir static Path lake;
  @TempDir static Path configDir;
  private static EmbeddedKafkaBroker broker;
  private static GeneratedData data;
  private static BadRecords badRecords;
  private static final String DEAD_LETTERS = "it.ql.dead-letters.v1";
  private static final byte[] KEY = "it-only-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** Raw personal values fed in; none may appear in any output. */
  static final List<String> SECRETS =
      List.of("13812345678", "张三丰", "110101199003071234", "文三路88号", "zhang.sanfeng@example.com");

  private static final Map<EventStream, String> TOPICS = new EnumMap<>(EventStream.class);
  private static final String KAFKA_PASSWORD = "it-ql-secret-7f3a";

  /** The client settings, as the configuration gives them to every client. */
  private static KafkaClientSettings kafka;

  private static List<FollowUpEvent> followUps;

  @BeforeAll
  static void publishAndRunTheJob() throws Exception {
    LinkedHashMap<String, String> users = new LinkedHashMap<>();
    users.put("broker", "it-broker-secret");
    users.put("ql", KAFKA_PASSWORD);
    broker = EmbeddedKafkaBroker.startWithSaslPlain(users);
    kafka = configuration(KAFKA_PASSWORD).kafkaClients();
    for (EventStream s : EventStream.values()) {
      TOPICS.put(s, "it." + s.defaultTopic());
    }
    broker.createTopics(TOPICS.values(), 2);
    broker.createTopics(List.of(DEAD_LETTERS), 1);
    data =
        new SyntheticDataGenerator(
                GeneratorConfig.demo().withSize(2, 3, 0.3), WorkingCalendar.shipped())
            .generate();
    try (EventPublisher publisher = new EventPublisher(kafka, Map.of())) {
      // Interactions and surveys as generated; the complaint stream below, with bad records mixed
      // in.
      new GeneratedDataPublisher(publisher, TOPICS)
          .publish(
              new GeneratedData(
                  data.projects(), data.staff(), data.interactions(), List.of(), data.surveys()),
              n -> {});
    }
    // About one record in ten is bad, re-sent or carries personal data, mixed into the complaint
    // stream.
    badRecords = BadRecords.mixInto(data.complaintEvents(), SECRETS);
    publishRaw(TOPICS.get(EventStream.COMPLAINT_EVENTS), badRecords.payloads());
    publishRaw(
        TOPICS.get(EventStream.CALLBACK_SURVEYS),
        List.of(
            "{\"event_id\":\"no-time\",\"schema_version\":1,\"survey_type\":\"ANNUAL_REVISIT\",\"project_id\":\"P01\",\"score_overall\":4}"
                .getBytes(StandardCharsets.UTF_8)));

    // What quality managers did in the drill-down: an assignment, a comment naming a phone number,
    // a closing.
    String project = data.projects().get(0).projectId();
    OffsetDateTime at = OffsetDateTime.parse("2026-03-05T10:00:00+08:00");
    followUps =
        List.of(
            new FollowUpEvent(
                "FE-1", 1, at, "FU-A1", project, FollowUpAction.ASSIGNED, "qm", "S001", null, null),
            new FollowUpEvent(
                "FE-2",
                1,
                at.plusMinutes(5),
                "FU-A1",
                project,
                FollowUpAction.COMMENTED,
                "qm",
                null,
                null,
                "客户电话13812345678，约周六上门"),
            new FollowUpEvent(
                "FE-3",
                1,
                at.plusHours(2),
                "FU-A1",
                project,
                FollowUpAction.CLOSED,
                "qm",
                null,
                FollowUpOutcome.RESOLVED,
                null));
    try (EventPublisher publisher = new EventPublisher(kafka, Map.of())) {
      followUps.forEach(
          e ->
              publisher.publish(
                  TOPICS.get(EventStream.FOLLOWUP_EVENTS), EventStream.FOLLOWUP_EVENTS, e));
      publisher.flush();
    }

    Map<EventStream, StreamSource> sources = new EnumMap<>(EventStream.class);
    TOPICS.forEach(
        (stream, topic) ->
            sources.put(
                stream,
                new StreamSource(
                    topic, KafkaSources.forTopic(kafka, topic, "it-lake", true, Map.of()))));
    LakeJobSettings settings =
        new LakeJobSettings(
            lake.toString(), SHANGHAI, Duration.ofHours(1), Duration.ofSeconds(1), 2);
    ValidationRules rules =
        new ValidationRules(
            Duration.ofMinutes(10),
            Instant.parse("2000-01-01T00:00:00Z"),
            BadRecords.MAX_BYTES,
            data.projects().stream().map(p -> p.projectId()).collect(Collectors.toSet()),
            data.staff().stream().map(st -> st.staffId()).collect(Collectors.toSet()));
    IngestPolicy policy =
        new IngestPolicy(
            rules,
            new PayloadRedactor(new Pseudonymizer(KEY), 2000),
            Duration.ofDays(30),
            new RoomPseudonyms(new Pseudonymizer(KEY)));
    new LakeIngestJob(
            sources,
            LakeSinks.parquet(lake.toString()),
            DeadLetterSinks.kafka(kafka, DEAD_LETTERS, "it-dead-letters"),
            settings,
            policy,
            Clock.systemUTC())
        .execute(FlinkEnvironments.local(2));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * The configuration as an operator writes it: the protocol in the file, the login in the
   * environment.
   */
  private static QualityLoopConfig configuration(String password) throws IOException {
    Path file = configDir.resolve("qualityloop-" + password + ".properties");
    Files.writeString(
        file,
        "kafka.bootstrap.servers="
            + broker.bootstrapServers()
            + "\n"
            + "kafka.client.security.protocol=SASL_PLAINTEXT\n"
            + "kafka.client.sasl.mechanism=PLAIN\n",
        StandardCharsets.UTF_8);
    return QualityLoopConfig.load(
        file,
        Map.of(
            "QUALITYLOOP_KAFKA_CLIENT_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"ql\""
                + " password=\""
                + password
                + "\";"),
        configDir);
  }

  @Test
  void theClientSettingsComeFromTheConfigurationAndTheAdminClientReadsTheTopicsWithThem() {
    assertThat(kafka.clientProperties())
        .containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    assertThat(kafka.toString())
        .contains("SASL_PLAINTEXT", "sasl.jaas.config=[hidden]")
        .doesNotContain(KAFKA_PASSWORD);
    KafkaRanges ranges = KafkaRanges.read(kafka, TOPICS.values());
    long published =
        data.interactions().size()
            + badRecords.payloads().size()
            + data.surveys().size()
            + 1
            + followUps.size();
    assertThat(
            TOPICS.values().stream()
                .flatMap(t -> ranges.endOffsets(t).values().stream())
                .mapToLong(Long::longValue)
                .sum())
        .isEqualTo(published);
  }

  @Test
  void aWrongKafkaPasswordIsAOneLineErrorNamingTheBrokerNotTheSecret() throws Exception {
    KafkaClientSettings wrong = configuration("not-the-password").kafkaClients();
    String topic = TOPICS.get(EventStream.SERVICE_INTERACTIONS);
    assertThatThrownBy(() -> KafkaRanges.read(wrong, List.of(topic)))
        .hasMessageStartingWith(
            "cannot read the offsets of ["
                + topic
                + "] from Kafka at "
                + broker.bootstrapServers()
                + ": ")
        .hasMessageContaining("Authentication failed")
        .satisfies(
            e ->
                assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-password"));
    assertThatThrownBy(
            () -> {
              try (EventPublisher publisher =
                  new EventPublisher(wrong, Map.of("max.block.ms", "10000"))) {
                publisher.publish(
                    topic, EventStream.SERVICE_INTERACTIONS, data.interactions().get(0));
                publisher.flush();
              }
            })
        .hasMessageContaining("Authentication failed")
        .satisfies(
            e ->
                assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-password"));
  }

  @Test
  void everyPublishedEventIsInItsLakeTableExactlyOnce() throws Exception {
    assertSameIds(EventStream.SERVICE_INTERACTIONS, data.interactions());
    assertSameIds(EventStream.COMPLAINT_EVENTS, badRecords.expectedLanded());
    assertSameIds(EventStream.CALLBACK_SURVEYS, data.surveys());
    assertSameIds(EventStream.FOLLOWUP_EVENTS, followUps);
    // through the same door: the comment scrubbed, every field as published
    assertThat(
            query(
                "select event_id || ' ' || action || ' ' || coalesce(assignee, '-') || ' ' ||"
                    + " coalesce(outcome, '-') || ' ' || coalesce(comment, '-') || ' ' ||"
                    + " cast(occurred_at as varchar) from read_parquet('"
                    + glob("followup_events")
                    + "') order by event_id"))
        .containsExactly(
            "FE-1 ASSIGNED S001 - - 2026-03-05 10:00:00",
            "FE-2 COMMENTED - - 客户电话[手机号]，约周六上门 2026-03-05 10:05:00",
            "FE-3 CLOSED - RESOLVED - 2026-03-05 12:00:00");
  }

  @Test
  void everyRowLandedWhenItsKafkaRecordDidInTheCompanysTimeZone() throws Exception {
    for (EventStream stream : EventStream.values()) {
      String topic = TOPICS.get(stream);
      String landedAt = "strftime(landed_at, '%Y-%m-%dT%H:%M:%S.%g')";
      List<String> rows =
          query(
              "select src_partition || '/' || src_offset || ' ' || "
                  + landedAt
                  + " from read_parquet('"
                  + glob(stream.tableName())
                  + "')"
                  + " union all select src_partition || '/' || src_offset || ' ' || "
                  + landedAt
                  + " from read_parquet('"
                  + glob("quarantine")
                  + "') where src_topic = '"
                  + topic
                  + "'"
                  + " union all select src_partition || '/' || src_offset || ' ' || "
                  + landedAt
                  + " from read_parquet('"
                  + glob("duplicates")
                  + "') where src_topic = '"
                  + topic
                  + "'");
      assertThat(rows).isNotEmpty();
      assertThat(new HashSet<>(rows.stream().map(LakeIngestJobITCase::millis).toList()))
          .as(stream + ": landed_at of each row is its record's Kafka timestamp")
          .isEqualTo(
              new HashSet<>(
                  kafkaLandings(topic).stream().map(LakeIngestJobITCase::millis).toList()));
    }
  }

  /**
   * {@code p/o yyyy-MM-ddTHH:mm:ss.SSS}: a landing with its time to the millisecond, however it was
   * printed.
   */
  private static String millis(String landing) {
    int space = landing.indexOf(' ');
    LocalDateTime t = LocalDateTime.parse(landing.substring(space + 1));
    return landing.substring(0, space) + " " + t.truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void everyKafkaRecordEndsInExactlyOneOfTableQuarantineOrDuplicates() throws Exception {
    for (EventStream stream : EventStream.values()) {
      String topic = TOPICS.get(stream);
      List<String> positions =
          query(
              "select src_partition || '/' || src_offset from read_parquet('"
                  + glob(stream.tableName())
                  + "')"
                  + " union all select src_partition || '/' || src_offset from read_parquet('"
                  + glob("quarantine")
                  + "') where src_topic = '"
                  + topic
                  + "'"
                  + " union all select src_partition || '/' || src_offset from read_parquet('"
                  + glob("duplicates")
                  + "') where src_topic = '"
                  + topic
                  + "'");
      Set<String> expected = new HashSet<>();
      endOffsets(topic)
          .forEach(
              (partition, end) -> {
                for (long o = 0; o < end; o++) {
                  expected.add(partition + "/" + o);
                }
              });
      assertThat(positions).as(stream + ": positions landed").doesNotHaveDuplicates();
      assertThat(new HashSet<>(positions))
          .as(stream + ": every offset accounted for")
          .isEqualTo(expected);
    }
  }

  @Test
  void badRecordsAreQuarantinedWithTheirReasonAndAMessageNamingTheRecord() throws Exception {
    List<String> reasons =
        query(
            "select reason_code || ' ' || count(*) from read_parquet('"
                + glob("quarantine")
                + "') where stream = 'COMPLAINT_EVENTS' group by reason_code order by reason_code");
    assertThat(reasons).containsExactlyElementsOf(badRecords.expectedQuarantineCounts());

    List<String> survey =
        query(
            "select reason_code || '|' || message from read_parquet('"
                + glob("quarantine")
                + "') where stream = 'CALLBACK_SURVEYS'");
    assertThat(survey)
        .singleElement()
        .asString()
        .startsWith("SCHEMA_VIOLATION|event no-time at it.ql.callback-surveys.v1/")
        .endsWith(
            "breaks the callback_surveys contract: required property 'occurred_at' not found");
  }

  @Test
  void reSentCopiesAreDroppedAndCountedAsDuplicates() throws Exception {
    List<String> ids = query("select event_id from read_parquet('" + glob("duplicates") + "')");
    assertThat(ids).containsExactlyInAnyOrderElementsOf(badRecords.expectedDuplicateIds());
  }

  @Test
  void aCopyWithOtherContentIsADuplicateFlaggedAsAConflictingResend() throws Exception {
    assertThat(badRecords.expectedConflictingResendIds()).isNotEmpty();
    assertThat(
            query(
                "select event_id from read_parquet('"
                    + glob("record_flags")
                    + "') where flag_code = 'CONFLICTING_RESEND'"))
        .containsExactlyInAnyOrderElementsOf(badRecords.expectedConflictingResendIds());
    // The copy that landed is the first: the correction's text is nowhere in the table.
    assertThat(
            query(
                "select count(*) from read_parquet('"
                    + glob("complaint_events")
                    + "') where description like '更正：%'"))
        .containsExactly("0");
    assertThat(
            query(
                "select message from read_parquet('"
                    + glob("record_flags")
                    + "') where flag_code = 'CONFLICTING_RESEND'"))
        .allSatisfy(
            m ->
                assertThat(m)
                    .contains("was sent again with content other than its first copy's")
                    .contains("a correction needs an event id of its own"));
  }

  @Test
  void aFarFutureRecordDoesNotMakeTheRecordsAfterItLate() throws Exception {
    assertThat(
            query(
                "select count(*) from read_parquet('"
                    + glob("quarantine")
                    + "') where reason_code = 'FUTURE_TIMESTAMP'"))
        .containsExactly(String.valueOf(badRecords.count("FUTURE_TIMESTAMP")));
    assertThat(
            query(
                "select count(*) from read_parquet('"
                    + glob("record_flags")
                    + "') where flag_code = 'LATE'"))
        .containsExactly("0");
  }

  @Test
  void unknownProjectsLandAndAreFlagged() throws Exception {
    assertThat(
            query(
                "select event_id from read_parquet('"
                    + glob("record_flags")
                    + "') where flag_code = 'UNKNOWN_PROJECT'"))
        .containsExactlyInAnyOrderElementsOf(badRecords.expectedUnknownProjectIds());
  }

  @Test
  void noRawPersonalValueReachesTheLakeOrTheDeadLetterTopic() throws Exception {
    StringBuilder everything = new StringBuilder();
    try (var tables = Files.list(lake)) {
      for (Path table : tables.filter(Files::isDirectory).toList()) {
        // Whole rows as text (every column), so that no column escapes the search.
        for (String row :
            query(
                "select cast(t as varchar) from read_parquet('"
                    + table
                    + "/**/*.parquet', union_by_name = true) t")) {
          everything.append(row).append('\n');
        }
      }
    }
    List<String> deadLetters = CommittedRecords.values(kafka, DEAD_LETTERS);
    assertThat(deadLetters).hasSize(badRecords.quarantined() + 1);
    deadLetters.forEach(d -> everything.append(d).append('\n'));

    for (String secret : SECRETS) {
      assertThat(everything.toString()).as("raw value " + secret).doesNotContain(secret);
    }
    assertThat(everything.toString()).contains("[手机号]", "pii_");
  }

  @Test
  void theLakeKeepsBuildingAndUnitButNoRawRoomOnlyItsKeyedPseudonym() throws Exception {
    // The generator sends raw rooms (as an upstream system would); the door replaces each with its
    // pseudonym.
    RoomPseudonyms rooms = new RoomPseudonyms(new Pseudonymizer(KEY));
    var withRoom = data.interactions().stream().filter(i -> i.room() != null).toList();
    assertThat(withRoom).isNotEmpty();
    List<String> rows =
        query(
            "select event_id || ' ' || coalesce(building, '-') || ' ' || coalesce(unit, '-') || ' '"
                + " || coalesce(room, '-') || ' ' || coalesce(room_pseudonym, '-') from"
                + " read_parquet('"
                + glob("service_interactions")
                + "')");
    assertThat(rows)
        .containsExactlyInAnyOrderElementsOf(
            data.interactions().stream()
                .map(
                    i ->
                        i.eventId()
                            + " "
                            + (i.building() == null ? "-" : i.building())
                            + " "
                            + (i.unit() == null ? "-" : i.unit())
                            + " - "
                            + (i.room() == null
                                ? "-"
                                : rooms.of(i.projectId(), i.building(), i.unit(), i.room())))
                .toList());
    for (String table : List.of("complaint_events", "callback_surveys")) {
      assertThat(
              query(
                  "select count(*) from read_parquet('"
                      + glob(table)
                      + "') where room is not null"))
          .as(table)
          .containsExactly("0");
      assertThat(
              query(
                  "select count(*) from read_parquet('"
                      + glob(table)
                      + "') where room_pseudonym is not null"))
          .as(table)
          .isNotEqualTo(List.of("0"));
    }
  }

  @Test
  void rowsArePartitionedByTheMonthOfTheirLocalEventDateAndKeepLocalWallClockTime()
      throws Exception {
    var first = data.complaintEvents().get(0);
    List<String> rows =
        query(
            "select cast(dt as varchar) || ' ' || cast(occurred_at as varchar) from read_parquet('"
                + glob("complaint_events")
                + "', hive_partitioning = true) where event_id = '"
                + first.eventId()
                + "'");

    String local =
        first
            .occurredAt()
            .atZoneSameInstant(SHANGHAI)
            .toLocalDateTime()
            .toString()
            .replace('T', ' ');
    // Month partitions (the default): dt is the first of the month of the local event date.
    String month =
        first.occurredAt().atZoneSameInstant(SHANGHAI).toLocalDate().withDayOfMonth(1).toString();
    assertThat(rows).singleElement().satisfies(r -> assertThat(r).startsWith(month + " " + local));
  }

  @Test
  void parquetFilesAreZstdCompressedAndNoHiddenFileIsLeftBehind() throws Exception {
    List<String> codecs =
        query(
            "select distinct compression from parquet_metadata('"
                + glob("complaint_events")
                + "')");
    assertThat(codecs).containsExactly("ZSTD");
    try (var files = Files.walk(lake)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.startsWith(".")))
          .as("in-progress or pending files after the job finished")
          .isEmpty();
    }
  }

  private static void assertSameIds(EventStream stream, List<? extends QualityEvent> published)
      throws Exception {
    List<String> ids =
        query("select event_id from read_parquet('" + glob(stream.tableName()) + "')");
    Set<String> expected =
        published.stream().map(QualityEvent::eventId).collect(Collectors.toSet());

    assertThat(ids).as(stream + " row count").hasSize(published.size());
    assertThat(new HashSet<>(ids)).as(stream + " ids").isEqualTo(expected);
  }

  private static String glob(String table) {
    return lake.resolve(table) + "/**/*.parquet";
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

  private static void publishRaw(String topic, List<byte[]> payloads) {
    Properties props = kafka.properties();
    props.put("max.request.size", String.valueOf(4 * BadRecords.MAX_BYTES));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] p : payloads) {
        producer.send(new ProducerRecord<>(topic, p));
      }
      producer.flush();
    }
  }

  /**
   * {@code partition/offset landed-at} of every record of a topic, from its Kafka timestamp in
   * Shanghai time.
   */
  private static Set<String> kafkaLandings(String topic) {
    Set<String> landings = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r ->
                    landings.add(
                        r.partition()
                            + "/"
                            + r.offset()
                            + " "
                            + LocalDateTime.ofInstant(
                                Instant.ofEpochMilli(r.timestamp()), SHANGHAI)));
      }
    }
    return landings;
  }

  private static Map<Integer, Long> endOffsets(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<Integer, Long> ends = new TreeMap<>();
      consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
      return ends;
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties props = kafka.properties();
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
