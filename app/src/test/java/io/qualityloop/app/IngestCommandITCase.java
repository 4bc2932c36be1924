package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qualityloop ingest} as a user runs it: the shipped {@code ./qualityloop} script (the
 * packaged jar, the production logging configuration) in a fresh working directory, importing the
 * three sample forms one after another on the embedded default. Then every output is searched for
 * the raw personal values the forms contain: the lake, every Kafka topic, the log files and a
 * report.
 */
class IngestCommandITCase {
  private static final Path REPOSITORY = ShippedCommand.REPOSITORY;

  /**
   * Raw values in the sample forms: phones, names, an ID-card number, an address, an e-mail
   * address.
   */
  private static final List<String> RAW_VALUES =
      List.of(
          "13800001111",
          "13900002222",
          "13700003333",
          "13600004444",
          "张先生",
          "李女士",
          "王先生",
          "赵女士",
          "刘女士",
          "110101198001011234",
          "江南大道",
          "zhang@example.com");

  @TempDir static Path workdir;
  private static final List<String> outputs = new ArrayList<>();
  private static final List<Integer> exitCodes = new ArrayList<>();

  @BeforeAll
  static void importTheThreeSampleForms() throws Exception {
    Path in = Files.createDirectories(workdir.resolve("in"));
    try (Stream<Path> files = Files.list(REPOSITORY.resolve("examples/imports"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, in.resolve(f.getFileName()));
      }
    }
    run(
        "ingest",
        "complaint-events",
        "in/客户投诉单.csv",
        "--reference",
        REPOSITORY.resolve("examples/imports/reference").toString());
    afterFirstImport = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MILLIS);
    Thread.sleep(1100); // the next import's records land in a later second
    run("ingest", "in/来电来访登记表.csv"); // the form told by the file's name
    run("ingest", "callback-surveys", "in/客户满意度调查表.xlsx");
    run("reconcile");
    run("report", "quarterly", "--quarter", "2026Q3");
    run("query", "--format", "csv", "--as-of", afterFirstImport.toString(), COUNTS);
    run("query", "--format", "csv", COUNTS);
    // The complaint's closing corrected in the form (09:00 -> 11:00) and imported again under its
    // old 事件编号: a duplicate, which ingest names as a correction not applied.
    List<String> form = Files.readAllLines(in.resolve("客户投诉单.csv"), Charset.forName("GB18030"));
    String closing =
        form.stream().filter(l -> l.startsWith("C2026090200001-09,")).findFirst().orElseThrow();
    Files.write(
        in.resolve("客户投诉单-更正.csv"),
        List.of(form.get(0), closing.replace("2026-09-17 09:00", "2026-09-17 11:00")),
        Charset.forName("GB18030"));
    run("ingest", "complaint-events", "in/客户投诉单-更正.csv");
  }

  private static LocalDateTime afterFirstImport;
  private static final String COUNTS =
      "select (select count(*) from stg_complaint_events) as complaint_events, (select count(*)"
          + " from stg_service_interactions) as service_interactions, (select count(*) from"
          + " stg_callback_surveys) as surveys";

  private static void run(String... args) throws Exception {
    ShippedCommand.Run run = ShippedCommand.run(workdir, Map.of(), args);
    outputs.add(run.output());
    exitCodes.add(run.exitCode());
  }

  @Test
  void eachFormIsImportedWithItsSummaryAndTheBadRowsInARejectsFileBesideIt() throws Exception {
    assertThat(exitCodes).as(String.join("\n----\n", outputs)).containsOnly(0);
    assertThat(outputs.get(0))
        .contains(
            "in/客户投诉单.csv (GB18030): 12 rows read, 10 published, 2 rejected (see"
                + " in/客户投诉单.csv.rejects.csv)");
    assertThat(outputs.get(1))
        .contains("来电来访登记表.csv: service-interactions, told by the file's name")
        .contains("来电来访登记表.csv (UTF-8): 5 rows read, 5 published, 0 rejected");
    assertThat(outputs.get(2))
        .contains("客户满意度调查表.xlsx (xlsx): 4 rows read, 3 published, 1 rejected");
    assertThat(outputs.get(0)).contains("12/12 rows").doesNotContain("Exception", "\tat ");

    List<String> rejects =
        Files.readAllLines(workdir.resolve("in/客户投诉单.csv.rejects.csv"), StandardCharsets.UTF_8);
    assertThat(rejects).hasSize(3);
    assertThat(rejects.get(1)).startsWith("12,LIFECYCLE_MISMATCH,");
    assertThat(rejects.get(2)).startsWith("13,UNMAPPABLE,");
    assertThat(Files.readString(workdir.resolve("in/客户满意度调查表.xlsx.rejects.csv")))
        .contains("5,SCHEMA_VIOLATION,");
  }

  private static final Pattern LINE =
      Pattern.compile(
          "reconcile ql\\.([a-z-]+)\\.v1/\\d+ offsets \\[0, (\\d+)\\): \\d+ records = table (\\d+)"
              + " \\+ quarantine (\\d+) \\+ duplicates (\\d+); missing 0, twice 0");

  /**
   * A report that fails at once, in a folder with nothing in it yet, while Log4j is still being
   * configured on the report's templates thread: the user reads one line, the trace is in the log.
   * Run as the first report after a build (no class archive yet: the script records one, which
   * slows the start), Log4j's fallback printed the trace on the terminal in 3 runs of 3 before.
   */
  @Test
  void aReportThatFailsAtOnceInANewFolderPrintsOneLineAndLogsTheTrace(@TempDir Path empty)
      throws Exception {
    for (int i = 0; i < 2; i++) {
      Path dir = Files.createDirectory(empty.resolve("run-" + i));
      try (Stream<Path> archives =
          Files.list(ShippedCommand.REPOSITORY.resolve("app/target/cds"))) {
        for (Path archive : archives.toList()) {
          Files.delete(archive);
        }
      } catch (NoSuchFileException none) {
        // no archive recorded yet
      }
      ShippedCommand.Run run =
          ShippedCommand.run(dir, Map.of(), "report", "quarterly", "--quarter", "2026Q3");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.output().strip().lines())
          .as(run.output())
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith("qualityloop: no lake yet in ")
          .endsWith("(details in out/logs/qualityloop.log)");
      assertThat(Files.readString(dir.resolve("out/logs/qualityloop.log")))
          .contains("command failed")
          .contains("\tat io.qualityloop.");
    }
  }

  @Test
  void everythingTheProductWroteIsOwnerOnly() throws Exception {
    List<String> readableByOthers = new ArrayList<>();
    try (Stream<Path> all = Files.walk(workdir)) {
      for (Path p :
          all.filter(
                  p ->
                      !p.equals(workdir) && !p.startsWith(workdir.resolve("in"))
                          || p.toString().endsWith(".rejects.csv"))
              .toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        if (!mode.endsWith("------")) {
          readableByOthers.add(mode + " " + workdir.relativize(p));
        }
      }
    }
    assertThat(readableByOthers).as("files and folders with group or other permissions").isEmpty();
    assertThat(workdir.resolve("lake")).isDirectory();
    assertThat(Files.exists(workdir.resolve("secrets"))).isTrue();
  }

  @Test
  void laterImportsGoOnFromTheCommittedOffsetsSoNothingIsReadTwiceAndReconciliationHolds()
      throws Exception {
    String reconcile = outputs.get(3);
    assertThat(reconcile).contains("Reconciliation: every record accounted for (difference 0).");
    Map<String, Long> perTopic = new TreeMap<>();
    Matcher m = LINE.matcher(reconcile);
    while (m.find()) {
      perTopic.merge(m.group(1), Long.parseLong(m.group(3)), Long::sum);
      assertThat(m.group(4) + m.group(5)).as(m.group()).isEqualTo("00");
    }
    assertThat(perTopic)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("complaint-events", 10L, "service-interactions", 5L, "callback-surveys", 3L));

    assertThat(count("complaint_events")).isEqualTo(10);
    assertThat(count("service_interactions")).isEqualTo(5);
    assertThat(count("callback_surveys")).isEqualTo(3);
    // no record re-read by a later import: the one duplicate is the correction sent on purpose
    assertThat(
            query(
                "select event_id from read_parquet('"
                    + workdir.resolve("lake/duplicates")
                    + "/**/*.parquet')"))
        .containsExactly("C2026090200001-09");
  }

  @Test
  void asOfTheMomentAfterTheFirstImportTheWarehouseHoldsOnlyWhatHadLandedThen() {
    // The complaint form landed before that moment, the call log and the survey form after it.
    assertThat(outputs.get(5).replace("\r", ""))
        .as(outputs.get(5))
        .contains("complaint_events,service_interactions,surveys\n10,0,0\n");
    assertThat(outputs.get(6).replace("\r", ""))
        .as(outputs.get(6))
        .contains("complaint_events,service_interactions,surveys\n10,5,3\n");
  }

  @Test
  void aRowCorrectedUnderItsOldEventIdIsNamedAsNotAppliedAndTheFirstCopyStays() throws Exception {
    assertThat(exitCodes.get(7)).as(outputs.get(7)).isZero();
    assertThat(outputs.get(7))
        .contains("1 rows read, 1 published, 0 rejected")
        .contains(
            "1 row was sent again under the event id of a row imported before, with other"
                + " content, and was not applied (the row imported first is kept; import a"
                + " correction under an event id of its own, for the complaint ledger through the"
                + " complaint form): C2026090200001-09")
        .contains("Reconciliation: every record accounted for (difference 0).");
    assertThat(
            query(
                "select event_id || ' ' || src_offset from read_parquet('"
                    + workdir.resolve("lake/record_flags")
                    + "/**/*.parquet') where flag_code = 'CONFLICTING_RESEND'"))
        .hasSize(1)
        .allSatisfy(row -> assertThat(row).startsWith("C2026090200001-09 "));
    assertThat(
            query(
                "select strftime(occurred_at, '%H:%M') from read_parquet('"
                    + workdir.resolve("lake/complaint_events")
                    + "/**/*.parquet') where event_id = 'C2026090200001-09'"))
        .containsExactly("09:00");
    // An import with nothing corrected says nothing of the kind.
    assertThat(outputs.get(0)).doesNotContain("not applied");
  }

  @Test
  void anUnknownStaffIdIsFlaggedAndStillLands() throws Exception {
    assertThat(
            query(
                "select event_id || ' ' || flag_code from read_parquet('"
                    + workdir.resolve("lake/record_flags")
                    + "/**/*.parquet') where flag_code <> 'CONFLICTING_RESEND'"))
        .containsExactly("C2026090200001-06 UNKNOWN_STAFF");
    assertThat(
            query(
                "select event_id from read_parquet('"
                    + workdir.resolve("lake/complaint_events")
                    + "/**/*.parquet') where staff_id = 'S041'"))
        .containsExactly("C2026090200001-06");
  }

  @Test
  void noRawPersonalValueReachesTheLakeKafkaTheLogsOrTheReport() throws Exception {
    StringBuilder lake = new StringBuilder();
    try (Stream<Path> tables = Files.list(workdir.resolve("lake"))) {
      for (Path table :
          tables.filter(t -> Files.isDirectory(t) && !t.endsWith("reference")).toList()) {
        for (String row :
            query(
                "select cast(t as varchar) from read_parquet('"
                    + table
                    + "/**/*.parquet', union_by_name = true) t")) {
          lake.append(row).append('\n');
        }
      }
    }
    assertThat(lake).contains("[手机号]", "外墙渗水影响卧室");

    String kafka = everyRecordOnEveryTopic();
    assertThat(kafka).contains("C2026090200001", "[手机号]");

    StringBuilder logsAndReports = new StringBuilder();
    try (Stream<Path> files = Files.walk(workdir.resolve("out"))) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.toString().endsWith(".duckdb"))
              .toList()) {
        logsAndReports.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    assertThat(Files.size(workdir.resolve("out/logs/qualityloop.log"))).isPositive();
    assertThat(logsAndReports).contains("<html");

    for (String raw : RAW_VALUES) {
      assertThat(lake.toString()).as("lake: " + raw).doesNotContain(raw);
      assertThat(kafka).as("kafka: " + raw).doesNotContain(raw);
      assertThat(logsAndReports.toString()).as("logs and reports: " + raw).doesNotContain(raw);
    }
  }

  /**
   * Keys and values of every record on every topic of the kept broker log, aborted transactions
   * included.
   */
  private static String everyRecordOnEveryTopic() throws Exception {
    StringBuilder all = new StringBuilder();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workdir.resolve("kafka"), false)) {
      Properties props = new Properties();
      props.put("bootstrap.servers", broker.bootstrapServers());
      props.put("isolation.level", "read_uncommitted");
      List<String> topics;
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        topics = admin.listTopics().names().get().stream().toList();
      }
      assertThat(topics)
          .contains("ql.complaint-events.v1", "ql.dead-letters.v1", "ql.sla-alerts.v1");
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
          consumer
              .partitionsFor(topic)
              .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            all.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8))
                .append(' ')
                .append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))
                .append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  private static long count(String table) throws Exception {
    return Long.parseLong(
        query(
                "select count(*) from read_parquet('"
                    + workdir.resolve("lake").resolve(table)
                    + "/**/*.parquet')")
            .get(0));
  }

  private static List<String> query(String sql) throws IOException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IOException(sql + ": " + e.getMessage(), e);
    }
    return out;
  }
}
