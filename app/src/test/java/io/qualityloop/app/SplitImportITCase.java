package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.qualityloop.notify.DeliveryRecord;
import io.qualityloop.notify.DeliveryStatus;
import io.qualityloop.notify.DeliveryStore;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * State survives every run: the sample complaint form (客户投诉单) imported whole in one working
 * directory, and in another split into four files at three step boundaries (its rows in time order,
 * as weekly imports cut it), each imported by its own {@code ./qualityloop ingest}, a new process
 * that resumes the streaming state the one before left. Facts, SLA outcomes and alerts are
 * identical, with the same pseudonym key.
 *
 * <p>In a third directory the same four files are dropped one by one into the inbox of the
 * long-running service ({@code ./qualityloop up}): the service is killed with SIGKILL as soon as it
 * has taken the second file (its rows published, not yet in the lake), started again, stopped with
 * SIGTERM (savepoint) after the third, and started again for the fourth. {@code reconcile} then
 * finds every record exactly once (0 missing, 0 twice) and the facts, outcomes and alerts are the
 * same again.
 *
 * <p>The service also sends live alerts (issue 19): a local JDK HTTP server is its WeCom group
 * robot and GreenMail its SMTP server, and every lake has a short test rule (a major complaint
 * accepted within 36 s). Once the fourth file is in, a major complaint received now is dropped into
 * the inbox: its BREACH reaches the robot and the mailbox once each within 60 s, and nothing more
 * arrives through a SIGTERM stop and a fourth start. The September complaints' alerts, imported as
 * history (a backfill), send nothing although a route takes every alert of P02. Before that stop, a
 * row corrected under its old event id is dropped, and the service is stopped as soon as the inbox
 * has published it: after the restart, the inbox names it as not applied, beside the file in {@code
 * done/} and on the console.
 */
class SplitImportITCase {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Path FORM = ShippedCommand.REPOSITORY.resolve("examples/imports/客户投诉单.csv");
  private static final String REFERENCE =
      ShippedCommand.REPOSITORY.resolve("examples/imports/reference").toString();

  /**
   * A fixed key for both directories, and a quicker rhythm than the default (the checkpoints commit
   * each run's output).
   */
  private static final Map<String, String> ENV =
      Map.of(
          "QUALITYLOOP_PRIVACY_PSEUDONYM_KEY",
          "split-import-test-key-0123456789",
          "QUALITYLOOP_FLINK_CHECKPOINT_INTERVAL",
          "PT1S");

  /**
   * The service's rhythm for the test: the inbox looked at twice a second, no scheduled reports.
   */
  private static final Map<String, String> SERVICE_ENV =
      Map.of(
          "QUALITYLOOP_PRIVACY_PSEUDONYM_KEY",
          "split-import-test-key-0123456789",
          "QUALITYLOOP_FLINK_CHECKPOINT_INTERVAL",
          "PT1S",
          "QUALITYLOOP_SERVICE_INBOX_POLL",
          "PT0.5S",
          "QUALITYLOOP_SCHEDULE_JOBS",
          "");

  private static final Duration START = Duration.ofMinutes(3);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /**
   * A short test rule, for major complaints only (the sample complaint is a normal one): accepted
   * within 0.01 h = 36 s.
   */
  private static final String LIVE_RULE =
      "live_36s,36秒内受理（测试）,RECEIVED,ACCEPTED,0.01,CALENDAR_HOURS,severity=MAJOR,test,Accepted"
          + " within 36 s (test)\n";

  private static final String ROUTES =
      "route_id,alert_types,severities,projects,departments,channel,recipients,delivery,unrouted_only\n"
          + "major_breach_wecom,BREACH,MAJOR,,,wecom,总经理,immediate,false\n"
          + "major_breach_email,BREACH,MAJOR,,,email,gm@corp.example,immediate,false\n"
          // every alert of P02, the September complaint's project: all history, so none may go out
          + "p02_everything_wecom,WARNING|BREACH|MET|RECOVERED|ESCALATION,,P02,,wecom,质量经理,immediate,false\n";

  /**
   * The live complaint, received now (in the service directory only; left out when the directories'
   * rows are compared).
   */
  private static final String LIVE =
      "C" + LocalDate.now(ZONE).toString().replace("-", "") + "90001";

  private static final List<WeComRobot.Request> robot = new CopyOnWriteArrayList<>();
  private static HttpServer wecom;
  private static GreenMail smtp;
  private static LocalDateTime liveReceived;
  private static long liveDroppedAt;
  private static long wecomAt;
  private static long emailAt;

  @TempDir static Path whole;
  @TempDir static Path split;
  @TempDir static Path service;
  private static final List<ShippedCommand.Run> runs = new ArrayList<>();
  private static final List<String> serviceOutputs = new ArrayList<>();
  private static ShippedCommand.Run serviceReconcile;
  private static int serviceStopExit;

  /** What the complaint lifecycle writes, but for its snapshots. */
  private static final List<String> LIFECYCLE_TABLES =
      List.of("complaint_facts", "complaint_sla", "sla_events");

  /** The split directory's lifecycle rows once its third part is imported. */
  private static final CompletableFuture<Map<String, List<String>>> splitAfterThirdPart =
      new CompletableFuture<>();

  /**
   * The service directory's lifecycle rows after the restart that followed the stop during the
   * third part's import, before the fourth part.
   */
  private static final Map<String, List<String>> serviceAfterThirdPart = new HashMap<>();

  /** The service directory's rows once the four files are in, before the live complaint. */
  private static final Map<String, List<String>> serviceRows = new HashMap<>();

  @BeforeAll
  static void importWholeAndSplit() throws Exception {
    for (Path dir : List.of(whole, split, service)) {
      testRules(dir);
    }
    writeSplitParts();
    // The bounded imports and the service work in their own folders: the imports run beside the
    // service's first parts, which mostly wait for checkpoints (about a minute less in all).
    CompletableFuture<Void> wholeImported =
        CompletableFuture.runAsync(unchecked(SplitImportITCase::importWhole));
    CompletableFuture<Void> imports =
        wholeImported.thenRun(unchecked(SplitImportITCase::importSplit));
    imports.whenComplete(
        (done, failed) -> {
          if (failed != null) { // the service must not wait for a part that never comes
            splitAfterThirdPart.completeExceptionally(failed);
          }
        });
    try {
      runTheService(wholeImported);
    } finally {
      imports.join();
    }
  }

  /** A step of the set-up that may throw, as a {@link Runnable}. */
  private static Runnable unchecked(Executable step) {
    return () -> {
      try {
        step.execute();
      } catch (Throwable e) {
        throw new CompletionException(e);
      }
    };
  }

  /** The form imported whole. */
  private static void importWhole() throws Exception {
    Files.createDirectories(whole.resolve("in"));
    Files.copy(FORM, whole.resolve("in/客户投诉单.csv"));
    runs.add(
        ShippedCommand.run(
            whole, ENV, "ingest", "complaint-events", "in/客户投诉单.csv", "--reference", REFERENCE));
  }

  /**
   * The form split in four parts by time, in {@code split/in/}: the service's inbox gets them too.
   */
  private static void writeSplitParts() throws Exception {
    List<String> lines = Files.readAllLines(FORM, GB18030);
    String header = lines.get(0);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    rows.sort(Comparator.comparing(row -> row.split(",", -1)[2])); // 发生时间, yyyy-MM-dd HH:mm
    int[] cuts = {0, 3, 6, 9, rows.size()};
    Files.createDirectories(split.resolve("in"));
    for (int part = 0; part < 4; part++) {
      List<String> content = new ArrayList<>();
      content.add(header);
      content.addAll(rows.subList(cuts[part], cuts[part + 1]));
      Files.write(split.resolve("in/客户投诉单-" + (part + 1) + ".csv"), content, GB18030);
    }
  }

  /** The four parts imported one after the other. */
  private static void importSplit() throws Exception {
    for (int part = 1; part <= 4; part++) {
      List<String> args =
          new ArrayList<>(List.of("ingest", "complaint-events", "in/客户投诉单-" + part + ".csv"));
      if (part == 1) {
        args.addAll(List.of("--reference", REFERENCE));
      }
      runs.add(ShippedCommand.run(split, ENV, args.toArray(String[]::new)));
      if (part == 3) {
        Map<String, List<String>> rows = new HashMap<>();
        for (String table : LIFECYCLE_TABLES) {
          rows.put(table, rowsOrNone(split, table));
        }
        splitAfterThirdPart.complete(rows);
      }
    }
  }

  @AfterAll
  static void stopServers() {
    if (wecom != null) {
      wecom.stop(0);
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  /**
   * The shipped time limits and the short test rule, in the lake's reference before the first run
   * (a run adds only missing files).
   */
  private static void testRules(Path workdir) throws Exception {
    Path reference = Files.createDirectories(workdir.resolve("lake/reference"));
    try (var shipped = SplitImportITCase.class.getResourceAsStream("/reference/sla_rules.csv")) {
      Files.writeString(
          reference.resolve("sla_rules.csv"),
          new String(shipped.readAllBytes(), StandardCharsets.UTF_8) + LIVE_RULE);
    }
    Files.writeString(reference.resolve("notification_routes.csv"), ROUTES);
  }

  /**
   * The service's settings and its channels: the robot on the JDK's HTTP server, GreenMail for
   * e-mail.
   */
  private static Map<String, String> serviceEnv() {
    Map<String, String> env = new HashMap<>(SERVICE_ENV);
    env.put(
        "QUALITYLOOP_NOTIFY_WECOM_WEBHOOK_URL",
        "http://127.0.0.1:" + wecom.getAddress().getPort() + "/cgi-bin/webhook/send?key=IT");
    env.put("QUALITYLOOP_NOTIFY_EMAIL_SMTP_HOST", "127.0.0.1");
    env.put("QUALITYLOOP_NOTIFY_EMAIL_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    env.put("QUALITYLOOP_NOTIFY_EMAIL_FROM", "notifier@qualityloop.example");
    env.put("QUALITYLOOP_NOTIFY_EMAIL_STARTTLS", "false");
    env.put("QUALITYLOOP_SERVE_PUBLIC_URL", "http://qm.example:8080");
    return env;
  }

  private static void runTheService(CompletableFuture<Void> wholeImported) throws Exception {
    wecom = WeComRobot.start(robot);
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Map<String, String> serviceEnv = serviceEnv();
    ServiceProcess up =
        ServiceProcess.start(service, serviceEnv, "--reference", REFERENCE)
            .awaitOutput("QualityLoop is up", START);
    drop(1);
    up.awaitOutput("客户投诉单-1.csv: ", START);
    awaitInTheLake(service, "complaint_events"); // a checkpoint has completed with part 1 read
    Path second = drop(2);
    while (Files.exists(second)) { // taken by the inbox: being published
      Thread.sleep(20);
    }
    up.kill();
    serviceOutputs.add(up.output());

    up = ServiceProcess.start(service, serviceEnv).awaitOutput("QualityLoop is up", START);
    Path third = drop(3);
    while (Files.exists(third)) { // taken by the inbox: Ctrl-C while it holds the import's lease
      Thread.sleep(20);
    }
    serviceStopExit = up.stop();
    serviceOutputs.add(up.output());

    up = ServiceProcess.start(service, serviceEnv).awaitOutput("QualityLoop is up", START);
    // No further file yet: the third part's steps, read before the stop while its import held
    // event time, are judged after the restart all the same.
    Map<String, List<String>> splitAfterThird = splitAfterThirdPart.join();
    long judged = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    do {
      Thread.sleep(1_000);
      for (String table : LIFECYCLE_TABLES) {
        serviceAfterThirdPart.put(table, rowsOrNone(service, table));
      }
    } while (System.nanoTime() < judged && !serviceAfterThirdPart.equals(splitAfterThird));
    drop(4);
    up.awaitOutput("客户投诉单-4.csv: ", START);
    serviceReconcile = ShippedCommand.run(service, serviceEnv, "reconcile");
    wholeImported.join(); // the service's rows are compared with the whole import's
    // Once everything is read, event time catches up and the last steps are judged; the next
    // checkpoint commits them.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline
        && !(rowsOrNone(service, "complaint_facts").equals(rows(whole, "complaint_facts"))
            && rowsOrNone(service, "sla_events").equals(rows(whole, "sla_events")))) {
      Thread.sleep(1_000);
    }
    // What the imports gave, to compare with the other directories: a live event moves event time
    // to today,
    // and the service then rightly judges the September clocks still open (WARNING and BREACH, as
    // history).
    for (String table : List.of("complaint_facts", "complaint_sla", "sla_events")) {
      serviceRows.put(table, rowsOrNone(service, table));
    }
    // Live: a major complaint received now.
    dropLiveComplaint();
    awaitLiveMessages();
    // A clerk corrects the closing of a complaint in the form and drops the row again under its
    // old 事件编号. The service is stopped as soon as the inbox has published the row, before its
    // jobs have it: after the restart, the inbox names it as not applied.
    dropCorrection();
    up.awaitOutput("客户投诉单-更正.csv: 1 rows read", START);
    up.stop();
    serviceOutputs.add(up.output());

    // a restart: the notifier goes on from its committed position and its delivery records, sending
    // nothing again
    up = ServiceProcess.start(service, serviceEnv).awaitOutput("QualityLoop is up", START);
    correctionNotApplied = awaitCorrectionNote();
    Thread.sleep(10_000);
    up.stop();
    lastOutput = up.output();
  }

  /** What the service said in its last run, after the correction's stop. */
  private static String lastOutput = "";

  /**
   * Waits for the live complaint's BREACH (at received + 36 s; received is to the minute, so
   * perhaps already past) on the robot and in the mailbox.
   */
  private static void awaitLiveMessages() throws InterruptedException {
    long breachWait = System.currentTimeMillis() + Duration.ofSeconds(36 + 120).toMillis();
    while ((wecomAt == 0 || emailAt == 0) && System.currentTimeMillis() < breachWait) {
      if (wecomAt == 0 && !robot.isEmpty()) {
        wecomAt = System.currentTimeMillis();
      }
      if (emailAt == 0 && smtp.getReceivedMessages().length > 0) {
        emailAt = System.currentTimeMillis();
      }
      Thread.sleep(100);
    }
  }

  /** Waits until a checkpoint has committed a file of {@code table}. */
  private static void awaitInTheLake(Path workdir, String table) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (query(
            workdir,
            "select count(*) from glob('"
                + workdir.resolve("lake").resolve(table)
                + "/**/*.parquet')")
        .equals(List.of("0"))) {
      assertThat(System.nanoTime())
          .as("a committed file of %s within %s", table, START)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /**
   * A major complaint received now, one row of the form (no personal columns filled), dropped into
   * the service's inbox.
   */
  private static void dropLiveComplaint() throws Exception {
    List<String> header = List.of(Files.readAllLines(FORM, GB18030).get(0).split(",", -1));
    liveReceived = LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
    Map<String, String> row =
        Map.of(
            "事件编号",
            LIVE + "-01",
            "投诉单号",
            LIVE,
            "发生时间",
            liveReceived.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
            "环节",
            "登记",
            "渠道",
            "电话",
            "项目编号",
            "P01",
            "楼栋",
            "1",
            "单元",
            "1",
            "房号",
            "101",
            "经办人工号",
            "S001");
    Map<String, String> more =
        Map.of(
            "投诉类别",
            "产品类",
            "子类",
            "house_quality",
            "责任部门",
            "工程管理部",
            "严重程度",
            "重大",
            "诉求",
            "解决问题",
            "投诉内容",
            "电梯停运两小时，多户被困，联系13800001111",
            "客户姓名",
            "赵女士",
            "联系电话",
            "13800001111");
    List<String> cells =
        header.stream().map(h -> row.getOrDefault(h, more.getOrDefault(h, ""))).toList();
    Path tmp = service.resolve("live.csv.tmp");
    Files.write(tmp, List.of(String.join(",", header), String.join(",", cells)), GB18030);
    liveDroppedAt = System.currentTimeMillis();
    Files.move(tmp, Files.createDirectories(service.resolve("inbox")).resolve("客户投诉单-live.csv"));
  }

  /**
   * Drops the closing of C2026090200001, corrected from 09:00 to 11:00 under its old id, into the
   * inbox.
   */
  private static void dropCorrection() throws Exception {
    List<String> form = Files.readAllLines(FORM, GB18030);
    String closing =
        form.stream().filter(l -> l.startsWith("C2026090200001-09,")).findFirst().orElseThrow();
    Path tmp = service.resolve("correction.csv.tmp");
    Files.write(
        tmp,
        List.of(form.get(0), closing.replace("2026-09-17 09:00", "2026-09-17 11:00")),
        GB18030);
    Files.move(tmp, service.resolve("inbox").resolve("客户投诉单-更正.csv"));
  }

  /**
   * Waits (60 s at most) for the note the inbox writes beside the correction in {@code done/}.
   *
   * @return the note, or "" when none came
   */
  private static String awaitCorrectionNote() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> done = Files.list(service.resolve("inbox/done"))) {
        Optional<Path> note =
            done.filter(f -> f.getFileName().toString().endsWith("客户投诉单-更正.csv.not-applied.txt"))
                .findFirst();
        if (note.isPresent()) {
          return Files.readString(note.get());
        }
      }
      Thread.sleep(200);
    }
    return "";
  }

  private static String correctionNotApplied = "";

  /**
   * Copies part {@code n} of the split form into the service's inbox (written beside it first, then
   * moved in whole). Part 3 is dropped as {@value #UNNAMED_PART}, a name that names no form, as an
   * export from a ticket system is named: the inbox knows it by its headings.
   */
  private static Path drop(int n) throws Exception {
    Path inbox = service.resolve("inbox");
    Files.createDirectories(inbox);
    String name = "客户投诉单-" + n + ".csv";
    Path tmp = service.resolve(name + ".tmp");
    Files.copy(split.resolve("in").resolve(name), tmp);
    return Files.move(tmp, inbox.resolve(n == 3 ? UNNAMED_PART : name));
  }

  private static final String UNNAMED_PART = "export-2026-09-week3.csv";

  @Test
  void aRowCorrectedUnderItsOldIdDroppedJustBeforeAStopIsNamedAsNotAppliedAfterTheRestart() {
    assertThat(correctionNotApplied)
        .startsWith(
            "1 row was sent again under the event id of a row imported before, with other content,"
                + " and was not applied")
        .contains("): C2026090200001-09");
    assertThat(serviceOutputs.get(2))
        .as("stopped before its jobs had the row")
        .contains("客户投诉单-更正.csv: 1 rows read")
        .doesNotContain("客户投诉单-更正.csv: 1 row was sent again");
    assertThat(lastOutput)
        .as("named after the restart")
        .contains("客户投诉单-更正.csv: 1 row was sent again");
    assertThat(service.resolve("inbox/processing/awaiting-jobs")).isEmptyDirectory();
  }

  @Test
  void theServiceResumesAfterAKillAndAfterAStopAndReconcilesExactlyOnce() {
    assertThat(serviceOutputs).hasSize(3);
    assertThat(serviceOutputs.get(1))
        .as("after SIGKILL: from the checkpoint completed last")
        .containsPattern("resumed from .*/checkpoints/.*/chk-\\d+");
    assertThat(serviceStopExit).as(serviceOutputs.get(1)).isZero();
    assertThat(serviceOutputs.get(1)).contains("Savepoint: ");
    assertThat(serviceOutputs.get(2))
        .as("after SIGTERM: from its savepoint")
        .containsPattern("resumed from .*/savepoints/savepoint-");
    assertThat(serviceReconcile.exitCode()).as(serviceReconcile.output()).isZero();
    assertThat(serviceReconcile.output())
        .contains("The service runs")
        .contains("every record accounted for (difference 0)");
    assertThat(service.resolve("inbox/done"))
        .isDirectoryContaining("glob:**客户投诉单-4.csv")
        .as("named by no form, known by its headings")
        .isDirectoryContaining("glob:**" + UNNAMED_PART);
    assertThat(service.resolve("inbox/processing/complaint-events")).isEmptyDirectory();
  }

  @Test
  void aLiveBreachReachesWeComAndEmailOnceEachWithin60sAndNotAgainAfterARestart() throws Exception {
    long breachAt =
        Math.max(
            liveReceived.plusSeconds(36).atZone(ZONE).toInstant().toEpochMilli(), liveDroppedAt);
    System.out.printf(
        "live BREACH on WeCom %.1f s and by e-mail %.1f s after its deadline (or the drop, when"
            + " later); the test waited %.1f s%n",
        (wecomAt - breachAt) / 1000.0,
        (emailAt - breachAt) / 1000.0,
        (Math.max(wecomAt, emailAt) - liveDroppedAt) / 1000.0);
    assertThat(wecomAt).as("a WeCom message came").isPositive();
    assertThat(emailAt).as("an e-mail came").isPositive();
    assertThat(wecomAt - breachAt).as("ms to WeCom").isLessThan(60_000);
    assertThat(emailAt - breachAt).as("ms to the mailbox").isLessThan(60_000);

    // once each, through a SIGTERM stop and a fourth start; nothing for the September complaints
    // imported as history
    assertThat(robot).hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    JsonNode message = robot.get(0).json();
    assertThat(message.get("msgtype").asText()).isEqualTo("markdown");
    String content = message.get("markdown").get("content").asText();
    assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(content)
        .contains(
            "投诉 " + LIVE, "致：总经理", "36秒内受理（测试）", "http://qm.example:8080/complaint?id=" + LIVE);
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("【超时】投诉 " + LIVE);
    assertThat(mail.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("gm@corp.example");
    assertThat(mail.getContent().toString())
        .contains("http://qm.example:8080/complaint?id=" + LIVE);
    // no personal data: the form's name and phone (also written into the complaint text) never
    // leave the import
    assertThat(content + mail.getContent()).doesNotContain("13800001111").doesNotContain("赵女士");

    // the September complaint's alerts were on the alerts topic too, and a route takes every alert
    // of its project: history, never sent
    assertThat(
            query(
                service,
                "select count(*) > 0 from "
                    + table(service, "sla_events")
                    + " where complaint_id = 'C2026090200001'"))
        .containsExactly("true");
    List<DeliveryRecord> records = DeliveryStore.readAll(service.resolve("lake/notify_deliveries"));
    assertThat(records).allMatch(r -> r.complaintId().equals(LIVE));
    assertThat(records)
        .filteredOn(r -> r.status() == DeliveryStatus.SENT)
        .extracting(DeliveryRecord::routeId)
        .containsExactlyInAnyOrder("major_breach_wecom", "major_breach_email");
  }

  @Test
  void aStopDuringAnImportLeavesNoStepUnjudgedAfterTheRestartWithoutAFurtherFile() {
    assertThat(serviceOutputs.get(1))
        .as("the import finished before the stop")
        .contains(UNNAMED_PART + ": ");
    Map<String, List<String>> split = splitAfterThirdPart.join();
    // After three parts event time is at 2026-09-16 10:00: C2026090500002, received on 09-05 and
    // not surveyed since, has breached its survey deadline (as have other clocks).
    assertThat(split.get("sla_events"))
        .as("clocks judged after three parts")
        .anyMatch(row -> row.contains("|BREACH|") && row.contains("|C2026090500002|"));
    for (String table : LIFECYCLE_TABLES) {
      assertThat(serviceAfterThirdPart.get(table))
          .as(table)
          .containsExactlyElementsOf(split.get(table));
    }
  }

  @Test
  void theServiceGivesTheSameFactsOutcomesAndAlerts() throws Exception {
    assertThat(serviceRows.get("complaint_facts"))
        .containsExactlyElementsOf(rows(whole, "complaint_facts"));
    assertThat(serviceRows.get("complaint_sla"))
        .containsExactlyElementsOf(rows(whole, "complaint_sla"));
    assertThat(serviceRows.get("sla_events")).containsExactlyElementsOf(rows(whole, "sla_events"));
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
    // The complaint whose steps span all four files keeps its category and its received and
    // accepted times.
    assertThat(
            query(
                split,
                "select category, received_at is not null and accepted_at is not null from "
                    + table(split, "complaint_facts")
                    + " where complaint_id = 'C2026090200001'"))
        .containsExactly("product|true");
  }

  @Test
  void slaOutcomesAreIdentical() throws Exception {
    List<String> outcomes = rows(whole, "complaint_sla");
    // 9 deadlines: the 8 of the account, and department feedback within 3 working days,
    // which
    // now applies to product complaints too (002 §3.4.2.2 names no exception).
    assertThat(
            query(
                whole,
                "select count(*) from "
                    + table(whole, "complaint_sla")
                    + " where complaint_id = 'C2026090200001'"))
        .containsExactly("9");
    assertThat(
            query(
                whole,
                "select count(*) from "
                    + table(whole, "complaint_sla")
                    + " where complaint_id = 'C2026090200001' and rule_id ="
                    + " 'department_feedback_3wd'"))
        .containsExactly("1");
    assertThat(rows(split, "complaint_sla")).containsExactlyElementsOf(outcomes);
  }

  @Test
  void alertsAreIdentical() throws Exception {
    assertThat(rows(split, "sla_events")).containsExactlyElementsOf(rows(whole, "sla_events"));
  }

  private static String table(Path workdir, String table) {
    return "read_parquet('"
        + workdir.resolve("lake").resolve(table)
        + "/**/*.parquet', union_by_name = true)";
  }

  /** As {@link #rows}, and no rows while the table has no committed file. */
  private static List<String> rowsOrNone(Path workdir, String table) throws Exception {
    Path folder = workdir.resolve("lake").resolve(table);
    if (query(workdir, "select count(*) from glob('" + folder + "/**/*.parquet')")
        .equals(List.of("0"))) {
      return List.of();
    }
    return rows(workdir, table);
  }

  /**
   * Every row but when it landed, as text, in a stable order; the service's live complaint left
   * out.
   */
  private static List<String> rows(Path workdir, String table) throws Exception {
    return query(
        workdir,
        "select * exclude (landed_at) from "
            + table(workdir, table)
            + " where complaint_id is distinct from '"
            + LIVE
            + "' order by all");
  }

  /**
   * The WeCom group robot's webhook on the JDK's HTTP server: checks and records each message,
   * answers errcode 0.
   */
  private static final class WeComRobot {
    record Request(String query, JsonNode json) {}

    static HttpServer start(List<Request> requests) throws Exception {
      ObjectMapper json = new ObjectMapper();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/cgi-bin/webhook/send",
          ex -> {
            JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
            boolean ok =
                ex.getRequestMethod().equals("POST")
                    && "key=IT".equals(ex.getRequestURI().getRawQuery())
                    && body.path("markdown").path("content").isTextual();
            if (ok) {
              requests.add(new Request(ex.getRequestURI().getRawQuery(), body));
            }
            byte[] out =
                (ok
                        ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                        : "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
          });
      server.start();
      return server;
    }
  }

  private static List<String> query(Path workdir, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
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
