package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State survives every run: the sample complaint form (客户投诉单) imported whole in one working
 * directory, and in another split into four files at three step boundaries (its rows in time
 * order, as weekly imports cut it), each imported by its own {@code ./qualityloop ingest}, a new
 * process that resumes the streaming state the one before left. Facts, SLA outcomes and alerts are
 * identical, with the same pseudonym key.
 *
 * <p>In a third directory the same four files are dropped one by one into the inbox of the
 * long-running service ({@code ./qualityloop up}): the service is killed with SIGKILL as soon as it
 * has taken the second file (its rows published, not yet in the lake), started again, stopped with
 * SIGTERM (savepoint) after the third, and started again for the fourth. {@code reconcile} then finds
 * every record exactly once (0 missing, 0 twice) and the facts, outcomes and alerts are the same again.
 */
class SplitImportITCase {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Path FORM = ShippedCommand.REPOSITORY.resolve("examples/imports/客户投诉单.csv");
  private static final String REFERENCE = ShippedCommand.REPOSITORY.resolve("examples/imports/reference").toString();
  /** A fixed key for both directories, and a quicker rhythm than the default (the checkpoints commit each run's output). */
  private static final Map<String, String> ENV = Map.of("QUALITYLOOP_PRIVACY_PSEUDONYM_KEY", "split-import-test-key-0123456789",
      "QUALITYLOOP_FLINK_CHECKPOINT_INTERVAL", "PT1S");

  /** The service's rhythm for the test: the inbox looked at twice a second, no scheduled reports. */
  private static final Map<String, String> SERVICE_ENV = Map.of("QUALITYLOOP_PRIVACY_PSEUDONYM_KEY", "split-import-test-key-0123456789",
      "QUALITYLOOP_FLINK_CHECKPOINT_INTERVAL", "PT1S", "QUALITYLOOP_SERVICE_INBOX_POLL", "PT0.5S", "QUALITYLOOP_SCHEDULE_JOBS", "");
  private static final Duration START = Duration.ofMinutes(2);

  @TempDir static Path whole;
  @TempDir static Path split;
  @TempDir static Path service;
  private static final List<ShippedCommand.Run> runs = new ArrayList<>();
  private static final List<String> serviceOutputs = new ArrayList<>();
  private static ShippedCommand.Run serviceReconcile;
  private static int serviceStopExit;

  @BeforeAll
  static void importWholeAndSplit() throws Exception {
    Files.createDirectories(whole.resolve("in"));
    Files.copy(FORM, whole.resolve("in/客户投诉单.csv"));
    runs.add(ShippedCommand.run(whole, ENV, "ingest", "complaint-events", "in/客户投诉单.csv", "--reference", REFERENCE));

    List<String> lines = Files.readAllLines(FORM, GB18030);
    String header = lines.get(0);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    rows.sort(Comparator.comparing(row -> row.split(",", -1)[2])); // 发生时间, yyyy-MM-dd HH:mm
    int[] cuts = {0, 3, 6, 9, rows.size()};
    Files.createDirectories(split.resolve("in"));
    for (int part = 0; part < 4; part++) {
      Path file = split.resolve("in/客户投诉单-" + (part + 1) + ".csv");
      List<String> content = new ArrayList<>();
      content.add(header);
      content.addAll(rows.subList(cuts[part], cuts[part + 1]));
      Files.write(file, content, GB18030);
      List<String> args = new ArrayList<>(List.of("ingest", "complaint-events", "in/" + file.getFileName()));
      if (part == 0) {
        args.addAll(List.of("--reference", REFERENCE));
      }
      runs.add(ShippedCommand.run(split, ENV, args.toArray(String[]::new)));
    }
    runTheService();
  }

  private static void runTheService() throws Exception {
    ServiceProcess up = ServiceProcess.start(service, SERVICE_ENV, "--reference", REFERENCE).awaitOutput("QualityLoop is up", START);
    drop(1);
    up.awaitOutput("客户投诉单-1.csv: ", START);
    awaitInTheLake(service, "complaint_events"); // a checkpoint has completed with part 1 read
    Path second = drop(2);
    while (Files.exists(second)) { // taken by the inbox: being published
      Thread.sleep(20);
    }
    up.kill();
    serviceOutputs.add(up.output());

    up = ServiceProcess.start(service, SERVICE_ENV).awaitOutput("QualityLoop is up", START);
    drop(3);
    up.awaitOutput("客户投诉单-3.csv: ", START);
    serviceStopExit = up.stop();
    serviceOutputs.add(up.output());

    up = ServiceProcess.start(service, SERVICE_ENV).awaitOutput("QualityLoop is up", START);
    drop(4);
    up.awaitOutput("客户投诉单-4.csv: ", START);
    serviceReconcile = ShippedCommand.run(service, SERVICE_ENV, "reconcile");
    // Once everything is read, event time catches up and the last steps are judged; the next checkpoint commits them.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && !(rows(service, "complaint_facts").equals(rows(whole, "complaint_facts"))
        && rows(service, "sla_events").equals(rows(whole, "sla_events")))) {
      Thread.sleep(1_000);
    }
    up.stop();
    serviceOutputs.add(up.output());
  }

  /** Waits until a checkpoint has committed a file of {@code table}. */
  private static void awaitInTheLake(Path workdir, String table) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (query(workdir, "select count(*) from glob('" + workdir.resolve("lake").resolve(table) + "/**/*.parquet')").equals(List.of("0"))) {
      assertThat(System.nanoTime()).as("a committed file of %s within %s", table, START).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Copies part {@code n} of the split form into the service's inbox (written beside it first, then moved in whole). */
  private static Path drop(int n) throws Exception {
    Path inbox = service.resolve("inbox");
    Files.createDirectories(inbox);
    String name = "客户投诉单-" + n + ".csv";
    Path tmp = service.resolve(name + ".tmp");
    Files.copy(split.resolve("in").resolve(name), tmp);
    return Files.move(tmp, inbox.resolve(name));
  }

  @Test
  void theServiceResumesAfterAKillAndAfterAStopAndReconcilesExactlyOnce() {
    assertThat(serviceOutputs).hasSize(3);
    assertThat(serviceOutputs.get(1)).as("after SIGKILL: from the checkpoint completed last").containsPattern("resumed from .*/checkpoints/.*/chk-\\d+");
    assertThat(serviceStopExit).as(serviceOutputs.get(1)).isZero();
    assertThat(serviceOutputs.get(1)).contains("Savepoint: ");
    assertThat(serviceOutputs.get(2)).as("after SIGTERM: from its savepoint").containsPattern("resumed from .*/savepoints/savepoint-");
    assertThat(serviceReconcile.exitCode()).as(serviceReconcile.output()).isZero();
    assertThat(serviceReconcile.output()).contains("The service runs").contains("every record accounted for (difference 0)");
    assertThat(service.resolve("inbox/done")).isDirectoryContaining("glob:**客户投诉单-4.csv");
    assertThat(service.resolve("inbox/processing/complaint-events")).isEmptyDirectory();
  }

  @Test
  void theServiceGivesTheSameFactsOutcomesAndAlerts() throws Exception {
    assertThat(rows(service, "complaint_facts")).containsExactlyElementsOf(rows(whole, "complaint_facts"));
    assertThat(rows(service, "complaint_sla")).containsExactlyElementsOf(rows(whole, "complaint_sla"));
    assertThat(rows(service, "sla_events")).containsExactlyElementsOf(rows(whole, "sla_events"));
  }

  @Test
  void everyImportSucceeds() {
    assertThat(runs).hasSize(5).allSatisfy(r -> assertThat(r.exitCode()).as(r.output()).isZero());
  }

  @Test
  void factsAreIdenticalAndCompleteForTheComplaintSplitAcrossImports() throws Exception {
    List<String> facts = rows(whole, "complaint_facts");
    assertThat(facts).isNotEmpty();
    assertThat(rows(split, "complaint_facts")).containsExactlyElementsOf(facts);
    // The complaint whose steps span all four files keeps its category and its received and accepted times.
    assertThat(query(split, "select category, received_at is not null and accepted_at is not null from " + table(split, "complaint_facts")
        + " where complaint_id = 'C2026090200001'")).containsExactly("product|true");
  }

  @Test
  void slaOutcomesAreIdentical() throws Exception {
    List<String> outcomes = rows(whole, "complaint_sla");
    // 9 deadlines: the 8 of the account, and department feedback within 3 working days, which
    // now applies to product complaints too (002 §3.4.2.2 names no exception).
    assertThat(query(whole, "select count(*) from " + table(whole, "complaint_sla") + " where complaint_id = 'C2026090200001'"))
        .containsExactly("9");
    assertThat(query(whole, "select count(*) from " + table(whole, "complaint_sla")
        + " where complaint_id = 'C2026090200001' and rule_id = 'department_feedback_3wd'")).containsExactly("1");
    assertThat(rows(split, "complaint_sla")).containsExactlyElementsOf(outcomes);
  }

  @Test
  void alertsAreIdentical() throws Exception {
    assertThat(rows(split, "sla_events")).containsExactlyElementsOf(rows(whole, "sla_events"));
  }

  private static String table(Path workdir, String table) {
    return "read_parquet('" + workdir.resolve("lake").resolve(table) + "/**/*.parquet', union_by_name = true)";
  }

  /** Every row but when it landed, as text, in a stable order. */
  private static List<String> rows(Path workdir, String table) throws Exception {
    return query(workdir, "select * exclude (landed_at) from " + table(workdir, table) + " order by all");
  }

  private static List<String> query(Path workdir, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
