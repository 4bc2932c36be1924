package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.FollowUpAction;
import io.qualityloop.events.FollowUpEvent;
import io.qualityloop.events.FollowUpOutcome;
import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.reports.EChartsLibrary;
import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The drill-down served for real (JDK HTTP server, real DuckDB over a Parquet fixture), used over
 * HTTP and in headless Chromium through WebDriver.
 */
class DrillDownServerTest {
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate TODAY = LocalDate.now(ZONE);
  private static DrillDownServer server;

  /** The clock of export approvals (their download time limit), moved by the approval test only. */
  private static final MutableClock APPROVAL_CLOCK = new MutableClock();

  private static Path EXPORTS;
  private static String base;

  /** A real broker for the follow-up events the drill-down publishes. */
  private static EmbeddedKafkaBroker broker;

  private static KafkaFollowUpPublisher followUpPublisher;
  private static final String FOLLOWUP_TOPIC = "ql.followup-events.v1";

  // 2026Q3 complaints (project, category / sub-category / root cause / department, building):
  //   K1 P01 product / house_quality / workmanship / engineering, building 1 (a deadline missed)
  //   K2 P01 product / house_quality / workmanship / engineering, building 2
  //   K3 P02 product / house_quality / materials / materials,   building 1
  //   K4 P01 service / reception / communication / customer_service, building "=1+1"
  // K1 and K2 come from household hh_a at the same moment: K2 (the later id) repeats K1. K3 is
  // hh_b's.
  // Occupied 100 of 200 households in each project, no revisit; the callbacks below are the first
  // answered
  // surveys, after the projects' delivery, so the first revisits may predate the data
  // ('before_data') and
  // the annual revisits (10 households each) are due: hh_a (P01) and hh_b (P02) are on the due
  // list.
  // S001 handled K1 (P01) and K3 (P02); their August callbacks: CB1 on K1 all 5 (100 points), CB3
  // on K3
  // all 2 (25 points): S001's score is 62.5 over both, 25.0 inside P02 alone.
  private static final List<ProjectRef> PROJECTS =
      List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100));

  @BeforeAll
  static void serve() throws Exception {
    EXPORTS = dir.resolve("approved-exports");
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(PROJECTS)
        .table(
            "complaint_events",
            String.join(
                ",",
                received(
                    "K1",
                    "P01",
                    "product",
                    "house_quality",
                    "workmanship",
                    "engineering",
                    "1",
                    "hh_a"),
                received(
                    "K2",
                    "P01",
                    "product",
                    "house_quality",
                    "workmanship",
                    "engineering",
                    "2",
                    "hh_a"),
                received(
                    "K3", "P02", "product", "house_quality", "materials", "materials", "1", "hh_b"),
                received(
                    "K4",
                    "P01",
                    "service",
                    "reception",
                    "communication",
                    "customer_service",
                    "=1+1")))
        .table(
            "complaint_sla",
            LakeFixture.row(
                "complaint_sla",
                Map.of(
                    "outcome_id",
                    "'K1/1/accept_24h'",
                    "complaint_id",
                    "'K1'",
                    "cycle",
                    "1",
                    "rule_id",
                    "'accept_24h'",
                    "project_id",
                    "'P01'",
                    "outcome",
                    "'MISSED'",
                    "started_at",
                    "timestamp '2026-08-03 09:00:00'",
                    "dt",
                    "date '2026-08-03'")))
        // Today (in the server's zone): a WARNING for K1 (P01) and a BREACH for K3 (P02); a WARNING
        // of yesterday for K2.
        .table(
            "sla_events",
            String.join(
                ",",
                slaEvent("E1", "WARNING", "K1", "P01", TODAY.atTime(8, 0)),
                slaEvent("E2", "BREACH", "K3", "P02", TODAY.atTime(9, 30)),
                slaEvent("E3", "WARNING", "K2", "P01", TODAY.minusDays(1).atTime(23, 59))))
        .table(
            "complaint_text",
            String.join(
                ",",
                text("K1", "P01", "卫生间渗水，物业推诿敷衍", true, "waterproofing", 0.8),
                text("K3", "P02", "地漏堵塞返味", false, "plumbing", 0.7)))
        .table("text_alerts", String.join(",", alert("P01", "渗水", "K1"), alert("P02", "地漏", "K3")))
        .table(
            "survey_comment_tone",
            String.join(
                ",",
                comment("V1", "P01", "K1", "处理太慢，非常不满意", true),
                comment("V2", "P01", "K2", "师傅很专业，感谢", false),
                comment("V3", "P02", "K3", "多次报修至今没人管", true)))
        .table("complaint_facts", String.join(",", handled("K1", "P01"), handled("K3", "P02")))
        .table(
            "callback_surveys",
            String.join(",", callback("CB1", "K1", "P01", 5), callback("CB3", "K3", "P02", 2)));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
    Path usersFile = dir.resolve("users.properties");
    Files.writeString(
        usersFile,
        Users.entry("qm", Role.QUALITY_MANAGER, "qm-password".toCharArray())
            + Users.entry(
                "qm2", Role.QUALITY_MANAGER, "qm2-password".toCharArray(), "P02", null, PROJECTS)
            + Users.entry("boss", Role.EXECUTIVE, "boss-password".toCharArray())
            + Users.entry("planner", Role.PLANNER, "planner-password".toCharArray())
            // approvers of complaint-level exports: lead for every project, lead2 for P02
            + Users.entry(
                "lead",
                Role.QUALITY_MANAGER,
                "lead-password".toCharArray(),
                null,
                null,
                PROJECTS,
                true)
            + Users.entry(
                "lead2",
                Role.QUALITY_MANAGER,
                "lead2-password".toCharArray(),
                "P02",
                null,
                PROJECTS,
                true),
        StandardCharsets.UTF_8);
    Users users = Users.load(usersFile, region -> List.of());
    AccessLog accessLog = new AccessLog(dir.resolve("access.log"), Clock.systemUTC());
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(List.of(FOLLOWUP_TOPIC), 1);
    followUpPublisher =
        new KafkaFollowUpPublisher(
            broker.bootstrapServers(), FOLLOWUP_TOPIC, Duration.ofSeconds(20));
    server =
        new DrillDownServer(
                ReportTemplates.shipped(),
                warehouse,
                users,
                new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
                accessLog,
                // no growing delay here: these tests sign the same users in one after another, some
                // after a wrong password
                new SignInThrottle(
                    new SignInThrottle.Settings(5, 100, Duration.ZERO, Duration.ofMinutes(15)),
                    Clock.systemUTC()),
                new InetSocketAddress("127.0.0.1", 0))
            .showDeliveries(deliveries(dir.resolve("notify_deliveries")))
            .inZone(ZONE)
            .approveExportsWith(
                new ExportApprovals(
                    EXPORTS, Duration.ofHours(24), APPROVAL_CLOCK, accessLog, users::stillHolds))
            .publishFollowUps(followUpPublisher, Clock.system(ZONE))
            .showOutbox(outbox(dir.resolve("out/outbox")))
            .start();
    base = "http://127.0.0.1:" + server.port();
  }

  /**
   * The notifier's delivery records as it writes them (one JSON line per state): A1 (P01) failed
   * after three attempts, A2 (P02) went to a channel not configured, A3 (P01) was sent, A4 (P01)
   * was cut off during its send; a torn last line after a crash.
   */
  private static Path deliveries(Path root) throws Exception {
    Path day = Files.createDirectories(root.resolve("dt=2026-12-02"));
    String rows =
        String.join(
            "\n",
            delivery("A1", "P01", "K1", "QUEUED", 0, "09:00:00.100"),
            delivery("A1", "P01", "K1", "SENDING", 0, "09:00:00.200"),
            delivery("A1", "P01", "K1", "FAILED", 3, "09:00:07.300"),
            delivery("A2", "P02", "K3", "FAILED", 0, "09:01:00"),
            delivery("A3", "P01", "K2", "QUEUED", 0, "09:02:00.100"),
            delivery("A3", "P01", "K2", "SENDING", 0, "09:02:00.200"),
            delivery("A3", "P01", "K2", "SENT", 1, "09:02:00.300"),
            delivery("A4", "P01", "K4", "QUEUED", 0, "09:03:00.100"),
            delivery("A4", "P01", "K4", "SENDING", 0, "09:03:00.200"));
    Files.writeString(day.resolve("deliveries-000000000000001.jsonl"), rows + "\n");
    Files.writeString(
        day.resolve("deliveries-000000000000002.jsonl"),
        delivery("A4", "P01", "K4", "UNCONFIRMED", 0, "09:10:00") + "\n{\"alert_id\":\"A5");
    return root;
  }

  private static String delivery(
      String alert, String project, String complaint, String status, int attempts, String time) {
    return "{\"alert_id\":\""
        + alert
        + "\",\"route_id\":\"gm\",\"channel\":\"wecom\",\"status\":\""
        + status
        + "\",\"alert_type\":\"BREACH\",\"alert_at\":\"2026-12-02T08:59:00\",\"project_id\":\""
        + project
        + "\",\"complaint_id\":\""
        + complaint
        + "\",\"digest\":1,\"attempts\":"
        + attempts
        + ",\"answer\":\"HTTP 200 {\\\"errcode\\\":45009}\",\"recorded_at\":\"2026-12-02T"
        + time
        + "\",\"alert\":"
        + (status.equals("QUEUED") ? "{\"severity\":\"MAJOR\"}" : "null")
        + "}";
  }

  /** The scheduler's outbox: a weekly report's PDF and its state file. */
  private static Path outbox(Path root) throws Exception {
    Files.createDirectories(root.resolve("weekly"));
    Files.writeString(
        root.resolve("weekly/weekly-2026-W36.zh-CN.pdf"),
        "%PDF-1.4\n%%EOF\n",
        StandardCharsets.US_ASCII);
    Files.writeString(root.resolve(".schedule-state.properties"), "weekly=2026-W36\n");
    Files.writeString(root.resolveSibling("elsewhere.pdf"), "%PDF-1.4 not a report\n");
    return root;
  }

  @Test
  void anEmailedReportsLinkOpensItsPdfAfterSigningInForReadersOfTheWholeCompanyOnly()
      throws Exception {
    String link = "/outbox/weekly/weekly-2026-W36.zh-CN.pdf";
    HttpResponse<String> out = get(null, link);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/login?next=" + enc(link));
    assertThat(signIn("qm", "qm-password", link).headers().firstValue("Location")).hasValue(link);

    HttpResponse<String> pdf = get(session("qm", "qm-password"), link);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.body()).isEqualTo("%PDF-1.4\n%%EOF\n");
    assertThat(get(session("boss", "boss-password"), link).statusCode()).isEqualTo(200);
    assertThat(get(session("qm2", "qm2-password"), link).statusCode())
        .as("limited to P02")
        .isEqualTo(403);
    assertThat(get(session("planner", "planner-password"), link).statusCode()).isEqualTo(403);

    String qm = session("qm", "qm-password");
    assertThat(get(qm, "/outbox/.schedule-state.properties").statusCode()).isEqualTo(404);
    assertThat(get(qm, "/outbox/weekly/..%2F..%2Felsewhere.pdf").statusCode())
        .as("outside the outbox")
        .isEqualTo(404);
    assertThat(get(qm, "/outbox/weekly/weekly-2026-W37.zh-CN.pdf").statusCode()).isEqualTo(404);
    assertThat(Files.readString(dir.resolve("access.log"))).contains("scheduled_report");
  }

  @Test
  void aNotificationsLinkOpensTheComplaintAfterSigningInAndOnlyPathsOfThisServerMayFollow()
      throws Exception {
    HttpResponse<String> out = get(null, "/complaint?id=K1");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location"))
        .hasValue("/login?next=" + enc("/complaint?id=K1"));
    assertThat(get(null, "/login?next=" + enc("/complaint?id=K1")).body())
        .contains("name=\"next\" value=\"/complaint?id=K1\"");
    assertThat(signIn("qm", "qm-password", "/complaint?id=K1").headers().firstValue("Location"))
        .hasValue("/complaint?id=K1");
    assertThat(signIn("qm", "qm-password", "//evil.example/x").headers().firstValue("Location"))
        .hasValue("/");
    assertThat(
            get(session("qm", "qm-password"), "/complaint?id=K1").headers().firstValue("Location"))
        .hasValue("/#complaint=K1");
  }

  @Test
  void failedAndUnconfirmedNotificationsAreListedLatestStateOnlyInTheReadersProjects()
      throws Exception {
    String qm = session("qm", "qm-password");
    String rows = get(qm, "/api/deliveries").body();
    assertThat(rows)
        .contains(
            "\"alert_id\":\"A1\"",
            "\"status\":\"FAILED\"",
            "\"attempts\":3",
            "45009",
            "\"alert_id\":\"A2\"",
            "\"alert_id\":\"A4\"",
            "\"status\":\"UNCONFIRMED\"")
        .doesNotContain("\"A3\"")
        .doesNotContain("SENDING")
        .doesNotContain("A5");
    assertThat(rows.indexOf("\"A4\"")).as("newest first").isLessThan(rows.indexOf("\"A1\""));
    String qm2 = get(session("qm2", "qm2-password"), "/api/deliveries").body();
    assertThat(qm2).contains("\"A2\"").doesNotContain("\"A1\"").doesNotContain("\"A4\"");
    assertThat(get(session("boss", "boss-password"), "/api/deliveries").statusCode())
        .isEqualTo(403);
  }

  @AfterAll
  static void stop() {
    server.close();
    followUpPublisher.close();
    broker.close();
    warehouse.close();
  }

  @Test
  void theHomePanelShowsThisQuartersKpisAgainstTargetAndTodaysWarningsAndBreachesInTheReadersScope()
      throws Exception {
    String quarter = TODAY.getYear() + "Q" + ((TODAY.getMonthValue() - 1) / 3 + 1);
    String qm = get(session("qm", "qm-password"), "/api/home").body();
    assertThat(qm)
        .contains(
            "\"today\":\"" + TODAY + "\"", "\"quarter\":\"" + quarter + "\"", "\"scoped\":false")
        // E1 and E2 today, E3 yesterday; no complaint of the fixture has a snapshot, so none is
        // open
        .contains(
            "\"warnings_today\":1",
            "\"breaches_today\":1",
            "\"open_warned\":0",
            "\"open_breached\":0")
        // the fixture's complaints are of 2026Q3, the latest quarter with figures: none of the 4
        // was accepted (0 of 4 within 24 h)
        .contains(
            "\"kpi_id\":\"accepted_within_24h\"",
            "\"quarter\":\"2026Q3\"",
            "\"target\":0.95",
            "\"meets_target\":false");
    String p02 = get(session("qm2", "qm2-password"), "/api/home").body();
    assertThat(p02)
        .contains("\"scoped\":true", "\"kpis\":[]", "\"warnings_today\":0", "\"breaches_today\":1");
    assertThat(get(session("boss", "boss-password"), "/api/home").statusCode()).isEqualTo(200);
    assertThat(get(session("planner", "planner-password"), "/api/home").statusCode())
        .isEqualTo(403);
  }

  private static String slaEvent(
      String id, String type, String complaint, String project, LocalDateTime at) {
    return LakeFixture.row(
        "sla_events",
        Map.of(
            "alert_id",
            "'" + id + "'",
            "alert_type",
            "'" + type + "'",
            "alert_at",
            "timestamp '" + at + "'",
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "project_id",
            "'" + project + "'",
            "rule_id",
            "'accept_24h'",
            "dt",
            "date '" + at.toLocalDate() + "'"));
  }

  @Test
  void echartsIsAStaticFileCachedAYearAndGzippedOnceWhichThePageLoadsUnderItsPolicy()
      throws Exception {
    String path = "/static/echarts-" + EChartsLibrary.VERSION + ".min.js";
    byte[] library = EChartsLibrary.bytes();
    HttpResponse<byte[]> gzipped =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Encoding", "gzip, deflate, br")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(gzipped.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
        .isEqualTo(library);
    assertThat(gzipped.body().length).as("compressed").isLessThan(library.length / 2);
    // a client that refuses gzip (q=0) gets the file as it is
    HttpResponse<byte[]> plain =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Encoding", "gzip;q=0, identity")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(plain.body()).isEqualTo(library);
    // the page refers to it under the response's nonce instead of inlining 1 MB, and is itself
    // never cached
    HttpResponse<String> page = get(session("qm", "qm-password"), "/");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)' 'self';").matcher(csp);
    assertThat(nonce.find()).as(csp).isTrue();
    assertThat(page.body())
        .contains("<script nonce=\"" + nonce.group(1) + "\" src=\"" + path + "\"></script>");
    assertThat(page.body().length()).isLessThan(library.length / 10);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void everyColumnOfEveryTableHasAHeadingInBothLanguagesAndThePageNamesCodesInItsLanguage()
      throws Exception {
    ReportTemplates t = ReportTemplates.shipped();
    Map<String, String> zh = t.labels("web", ReportLanguage.ZH_CN);
    Map<String, String> en = t.labels("web", ReportLanguage.EN);
    // every query of the web app that fills a table (not the drill's chart rows, the home panel or
    // the code names)
    List<String> files;
    try (var listing = Files.list(Path.of("templates/web/queries"))) {
      files =
          listing
              .map(f -> f.getFileName().toString())
              .sorted()
              .filter(
                  f ->
                      !List.of(
                              "drill.sql",
                              "home_kpis.sql",
                              "home_alerts.sql",
                              "code_labels.sql",
                              "staff_scope.sql")
                          .contains(f))
              .toList();
    }
    assertThat(files)
        .contains(
            "suggestions.sql",
            "emerging_issues.sql",
            "negative_comments.sql",
            "sla_board.sql",
            "timeline.sql");
    String deliveries =
        dir.resolve("notify_deliveries/dt=2026-12-02/deliveries-000000000000001.jsonl").toString();
    List<String> missing = new ArrayList<>();
    int columns = 0;
    for (String file : files) {
      String sql =
          t.read("web/queries/" + file)
              .replace("{{conditions}}", "true")
              .replace("{{staff_scope}}", t.read("web/queries/staff_scope.sql"))
              .replace("{{ deliveries }}", "['" + deliveries + "']");
      try (PreparedStatement statement = warehouse.connection().prepareStatement(sql)) {
        ResultSetMetaData md = statement.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns++;
          String column = md.getColumnLabel(i);
          if (!zh.containsKey("th." + column) || !en.containsKey("th." + column)) {
            missing.add(file + ": " + column);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(columns).isGreaterThan(100);
    assertThat(zh.get("th.week_start")).isEqualTo("周起始日");
    assertThat(zh.get("th.needs_review_because")).isEqualTo("需复核原因");
    // code names in the page's language: from the reference files (category, sub-category,
    // component) and the labels
    String qm = session("qm", "qm-password");
    assertThat(get(qm, "/").body())
        .contains(
            "\"product\":\"产品类\"",
            "\"house_quality\":\"房屋质量\"",
            "\"waterproofing\":\"防水渗漏\"",
            "\"component_missing\":\"未填部位\"",
            "\"accept_24h\":\"24小时内受理\"",
            "\"MAJOR\":\"重大\"");
    assertThat(get(qm, "/?lang=en").body())
        .contains(
            "\"product\":\"Product\"",
            "\"house_quality\":\"House quality\"",
            "\"component_missing\":\"No component\"",
            "\"MAJOR\":\"Major\"")
        .doesNotContain("产品类");
    // error texts: zh-CN unless English is asked for
    String boss = session("boss", "boss-password");
    assertThat(get(boss, "/api/voice").body()).isEqualTo("您的角色无权打开此内容。");
    assertThat(get(boss, "/api/voice?lang=en").body()).isEqualTo("Your role may not open this.");
    assertThat(get(null, "/api/voice").body()).isEqualTo("请先登录。");
  }

  @Test
  void aComplaintLevelExportIsRequestedApprovedByAnotherApproverInScopeAndDownloadedInTime()
      throws Exception {
    String lead2 = session("lead2", "lead2-password"); // approver of P02
    String lead = session("lead", "lead-password"); // approver of every project
    String qm = session("qm", "qm-password"); // no approver
    String qm2 = session("qm2", "qm2-password");
    // the revisit due list (households) of P02, requested by lead2: no file before approval
    HttpResponse<String> direct = get(lead2, "/export.csv?view=revisit-due");
    assertThat(direct.statusCode()).isEqualTo(409);
    assertThat(direct.body()).contains("先审批后调取");
    String id = requestExport(lead2, "view=revisit-due");
    assertThat(get(lead2, "/export-requests/download?id=" + id).statusCode()).isEqualTo(409);
    Path approved = EXPORTS.resolve(id + ".csv");
    assertThat(approved).doesNotExist();
    HttpResponse<String> own = post(lead2, "/api/export-requests/approve?id=" + id);
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(own.body()).isEqualTo("不能审批自己的导出申请。");
    assertThat(post(qm, "/api/export-requests/approve?id=" + id).body()).isEqualTo("您没有审批导出的权限。");
    assertThat(get(lead, "/api/export-requests").body())
        .contains("\"id\":\"" + id + "\"", "\"status\":\"PENDING\"", "\"may_decide\":true");
    // the approval by lead writes the file (owner-only), which lead2 alone downloads
    assertThat(post(lead, "/api/export-requests/approve?id=" + id).statusCode()).isEqualTo(200);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(approved)))
        .isEqualTo("rw-------");
    assertThat(post(lead, "/api/export-requests/reject?id=" + id).statusCode())
        .as("decided already")
        .isEqualTo(409);
    assertThat(get(qm2, "/export-requests/download?id=" + id).statusCode())
        .as("not the requester")
        .isEqualTo(403);
    HttpResponse<String> file = get(lead2, "/export-requests/download?id=" + id);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("qualityloop-revisit-due-" + id + ".csv");
    assertThat(file.body())
        .startsWith("\ufeffproject_id,survey_type,year,household_id")
        .contains("hh_b")
        .doesNotContain("hh_a");

    // scope: a request for P01's complaints (qm drilled to P01) is not lead2's to approve, nor does
    // lead2 see it
    String p01 =
        "category:product/sub_category:house_quality/root_cause:workmanship/responsible_department:engineering/project_id:P01/building:1";
    assertThat(get(qm, "/export.csv?view=drill&path=" + enc(p01)).statusCode()).isEqualTo(409);
    String p01Id = requestExport(qm, "view=drill&path=" + enc(p01));
    HttpResponse<String> outOfScope = post(lead2, "/api/export-requests/approve?id=" + p01Id);
    assertThat(outOfScope.statusCode()).isEqualTo(403);
    assertThat(outOfScope.body()).isEqualTo("该申请涉及您的权限范围以外的项目，不能由您审批。");
    assertThat(get(lead2, "/api/export-requests").body()).doesNotContain(p01Id);
    assertThat(get(lead, "/api/export-requests").body()).contains(p01Id);
    // rejected: never a file
    assertThat(post(lead, "/api/export-requests/reject?id=" + p01Id).statusCode()).isEqualTo(200);
    assertThat(get(qm, "/export-requests/download?id=" + p01Id).statusCode()).isEqualTo(409);
    // an aggregate level exports at once; the complaint list approved downloads K1 only
    assertThat(get(qm, "/export.csv?view=drill&path=" + enc("category:product")).statusCode())
        .isEqualTo(200);
    String listId = requestExport(qm, "view=drill&path=" + enc(p01));
    assertThat(post(lead, "/api/export-requests/approve?id=" + listId).statusCode()).isEqualTo(200);
    assertThat(get(qm, "/export-requests/download?id=" + listId).body())
        .contains("K1")
        .doesNotContain("K2")
        .doesNotContain("K3");

    // past the time limit (24 h after the approval) the file is gone
    APPROVAL_CLOCK.advance(Duration.ofHours(24));
    try {
      assertThat(get(lead2, "/export-requests/download?id=" + id).statusCode()).isEqualTo(410);
      assertThat(approved).doesNotExist();
    } finally {
      APPROVAL_CLOCK.advance(Duration.ofHours(-24));
    }

    List<String> log = Files.readAllLines(dir.resolve("access.log"));
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tlead2\tquality_manager\texport_requested\t"
                            + id
                            + " revisit-due - projects=P02"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\tlead2\tquality_manager\texport_decision_refused\t" + id + " own"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tqm\tquality_manager\texport_decision_refused\t" + id + " not-approver"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tlead\tquality_manager\texport_approved\t" + id + " requested by lead2"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tqm2\tquality_manager\texport_download_refused\t"
                            + id
                            + " not the requester"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tlead2\tquality_manager\texport_downloaded\t"
                            + id
                            + " revisit-due approved by lead"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tqm\tquality_manager\texport_requested\t"
                            + p01Id
                            + " drill path="
                            + p01
                            + " projects=P01"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tlead2\tquality_manager\texport_decision_refused\t" + p01Id + " scope"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\tlead\tquality_manager\texport_rejected\t" + p01Id + " requested by qm"))
        .anySatisfy(l -> assertThat(l).contains("\tlead2\tquality_manager\texport_expired\t" + id));
  }

  /** Requests the export the query describes; returns the request's id. */
  private static String requestExport(String cookie, String query) throws Exception {
    HttpResponse<String> r = post(cookie, "/api/export-requests?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body()).get("id").asText();
  }

  private static HttpResponse<String> post(String cookie, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void signInIsRequiredAndAWrongPasswordIsRefused() throws Exception {
    assertThat(get(null, "/api/drill").statusCode()).isEqualTo(401);
    assertThat(get(null, "/").statusCode()).isEqualTo(303);
    assertThat(signIn("qm", "wrong").statusCode()).isEqualTo(401);
    assertThat(signIn("nobody", "qm-password").statusCode()).isEqualTo(401);
  }

  @Test
  void fiftyWrongPasswordsLockTheNameForFifteenMinutesAndEvenTheRightOneIsThenRefusedAndLogged()
      throws Exception {
    MutableClock clock = new MutableClock();
    try (DrillDownServer guarded = guardedServer(clock)) {
      String at = "http://127.0.0.1:" + guarded.port();
      assertThat(signIn(at, "qm", "wrong-1", null).statusCode()).isEqualTo(401);
      // the growing delay: a second try within the first second is refused unchecked
      HttpResponse<String> tooSoon = signIn(at, "qm", "qm-password", null);
      assertThat(tooSoon.statusCode()).isEqualTo(429);
      assertThat(tooSoon.headers().firstValue("Retry-After")).hasValue("1");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 2; i <= 50; i++) {
        clock.advance(
            Duration.ofSeconds(10)); // longer than any growing delay before the lockout (8 s)
        statuses.add(signIn(at, "qm", "wrong-" + i, null).statusCode());
      }
      assertThat(statuses.subList(0, 4)).containsOnly(401); // failures 2-5: the 5th locks the name
      assertThat(statuses.subList(4, statuses.size())).containsOnly(429);
      HttpResponse<String> right = signIn(at, "qm", "qm-password", null);
      assertThat(right.statusCode()).isEqualTo(429);
      assertThat(right.body()).contains("登录失败次数过多");
      assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 15 * 60L);
      clock.advance(Duration.ofMinutes(15));
      assertThat(signIn(at, "qm", "qm-password", null).statusCode()).isEqualTo(303);
    }
    List<String> log = Files.readAllLines(dir.resolve("guarded-access.log"));
    assertThat(log.stream().filter(l -> l.contains("\tqm\t-\tsign_in_failed\t127.0.0.1")))
        .hasSize(5);
    assertThat(
            log.stream().filter(l -> l.contains("\tqm\t-\tsign_in_refused\t127.0.0.1 user_locked")))
        .hasSize(46);
    assertThat(log.get(log.size() - 1)).contains("\tqm\tquality_manager\tsign_in\t127.0.0.1");
  }

  @Test
  void thirtyTwoParallelWrongSignInsLeaveTheLoginPageResponsive() throws Exception {
    try (DrillDownServer guarded = guardedServer(new MutableClock())) {
      String at = "http://127.0.0.1:" + guarded.port();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          String name = "guess" + i;
          attempts.add(pool.submit(() -> signIn(at, name, "wrong-password", null).statusCode()));
        }
        List<Long> pageMillis = new ArrayList<>();
        while (attempts.stream().anyMatch(f -> !f.isDone())) {
          long start = System.nanoTime();
          assertThat(get(at, null, "/login").statusCode()).isEqualTo(200);
          pageMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : attempts) {
          statuses.add(f.get());
        }
        assertThat(statuses).contains(401).allMatch(s -> s == 401 || s == 429 || s == 503);
        assertThat(pageMillis)
            .isNotEmpty()
            .allMatch(ms -> ms < 1_500, "the login page answered within 1.5 s");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aHugeBodyAForeignOriginAndLogoutByGetAreRefusedAndLogoutByPostClearsTheCookie()
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /login HTTP/1.1\r\n"
                      + "Host: 127.0.0.1\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\n"
                      + "Content-Length: 52428800\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
    assertThat(signIn(base, "qm", "qm-password", "http://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(signIn(base, "qm", "qm-password", base).statusCode()).isEqualTo(303);
    String qm = session("qm", "qm-password");
    assertThat(get(qm, "/logout").statusCode()).isEqualTo(405);
    assertThat(get(qm, "/api/sla-board").statusCode()).isEqualTo(200);
    HttpResponse<String> out =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/logout"))
                .header("Cookie", qm)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("ql_session=;").contains("Max-Age=0"));
    assertThat(get(qm, "/api/sla-board").statusCode()).isEqualTo(401);
  }

  @Test
  void pagesCarrySecurityHeadersAndScriptsRunOnlyWithTheResponsesNonce() throws Exception {
    HttpResponse<String> page = get(session("qm", "qm-password"), "/");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(csp);
    assertThat(nonce.find()).as(csp).isTrue();
    assertThat(csp)
        .contains("frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-eval");
    assertThat(page.body().split("<script").length - 1)
        .isEqualTo(page.body().split("<script nonce=\"" + nonce.group(1) + "\"").length - 1)
        .isGreaterThan(0);
    assertThat(get(null, "/login").headers().firstValue("Content-Security-Policy").orElseThrow())
        .doesNotContain(nonce.group(1));
  }

  @Test
  void overHttpsTheSessionCookieIsSecureAndPlainHttpIsNotAnswered() throws Exception {
    Path keystore = dir.resolve("serve.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "serve",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "test-keystore-pw")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor())
        .as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    SSLContext tls = Tls.fromPkcs12(keystore, "test-keystore-pw".toCharArray());
    Users users = Users.load(dir.resolve("users.properties"), region -> List.of());
    try (DrillDownServer https =
        new DrillDownServer(
                ReportTemplates.shipped(),
                warehouse,
                users,
                new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
                new AccessLog(dir.resolve("tls-access.log"), Clock.systemUTC()),
                new SignInThrottle(SignInThrottle.Settings.DEFAULTS, Clock.systemUTC()),
                tls,
                new InetSocketAddress("127.0.0.1", 0))
            .start()) {
      // the client trusts exactly this certificate
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        trusted.load(in, "test-keystore-pw".toCharArray());
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, trust.getTrustManagers(), null);
      HttpClient httpsClient =
          HttpClient.newBuilder()
              .sslContext(client)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String at = "https://127.0.0.1:" + https.port();
      assertThat(
              httpsClient
                  .send(
                      HttpRequest.newBuilder(URI.create(at + "/login")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> signedIn =
          httpsClient.send(
              HttpRequest.newBuilder(URI.create(at + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Origin", at)
                  .POST(HttpRequest.BodyPublishers.ofString("user=qm&password=qm-password"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(c -> assertThat(c).contains("; Secure", "HttpOnly"));
      try (Socket plain = new Socket("127.0.0.1", https.port())) {
        plain.setSoTimeout(10_000);
        plain
            .getOutputStream()
            .write(
                "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        byte[] answer = plain.getInputStream().readNBytes(5);
        assertThat(new String(answer, StandardCharsets.US_ASCII))
            .as("plain HTTP gets no HTTP answer")
            .doesNotStartWith("HTTP/");
      } catch (SocketException closed) {
        // the server closed the connection: no HTTP answer either
      }
    }
  }

  @Test
  void aUserAddedWhileTheServerRunsSignsInAndOneRemovedLosesTheirSessionAtTheNextRequest()
      throws Exception {
    Path usersFile = dir.resolve("live-users.properties");
    String qm = Users.entry("qm", Role.QUALITY_MANAGER, "qm-password".toCharArray());
    Files.writeString(usersFile, qm, StandardCharsets.UTF_8);
    Path log = dir.resolve("live-users-access.log");
    try (DrillDownServer live =
        new DrillDownServer(
                ReportTemplates.shipped(),
                warehouse,
                Users.load(usersFile, region -> List.of()),
                new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
                new AccessLog(log, Clock.systemUTC()),
                new SignInThrottle(
                    new SignInThrottle.Settings(5, 100, Duration.ZERO, Duration.ofMinutes(15)),
                    Clock.systemUTC()),
                new InetSocketAddress("127.0.0.1", 0))
            .inZone(ZONE)
            .start()) {
      String at = "http://127.0.0.1:" + live.port();
      HttpResponse<String> qmIn = signIn(at, "qm", "qm-password", null);
      String qmSession = qmIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      assertThat(get(at, qmSession, "/api/sla-board").statusCode()).isEqualTo(200);
      assertThat(signIn(at, "late", "late-password", null).headers().firstValue("Set-Cookie"))
          .as("not in the file yet")
          .isEmpty();

      // `users add` while the server runs: the new user signs in without a restart, with the
      // scope the file gives
      String late =
          Users.entry(
              "late", Role.QUALITY_MANAGER, "late-password".toCharArray(), "P02", null, PROJECTS);
      UsersTest.rewrite(usersFile, qm + late, 1);
      HttpResponse<String> lateIn = signIn(at, "late", "late-password", null);
      assertThat(lateIn.statusCode()).isEqualTo(303);
      String lateSession = lateIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> voice = get(at, lateSession, "/api/voice");
      assertThat(voice.statusCode()).isEqualTo(200);
      assertThat(voice.body()).contains("K3").doesNotContain("K1");
      assertThat(get(at, qmSession, "/api/sla-board").statusCode())
          .as("an unchanged user keeps their session")
          .isEqualTo(200);

      // qm's lines removed (someone who left): their session ends at their next request
      UsersTest.rewrite(usersFile, late, 2);
      assertThat(get(at, qmSession, "/api/sla-board").statusCode()).isEqualTo(401);
      assertThat(get(at, qmSession, "/api/home").statusCode()).isEqualTo(401);
      assertThat(Files.readString(log)).contains("qm", "session_ended_user_changed");

      // late's scope widened to every project: the session signed in with P02 only ends too, and
      // a new sign-in gets the new scope
      UsersTest.rewrite(
          usersFile, Users.entry("late", Role.QUALITY_MANAGER, "late-password".toCharArray()), 3);
      assertThat(get(at, lateSession, "/api/sla-board").statusCode()).isEqualTo(401);
      String again =
          signIn(at, "late", "late-password", null)
              .headers()
              .firstValue("Set-Cookie")
              .orElseThrow()
              .split(";")[0];
      assertThat(get(at, again, "/api/voice").body()).contains("K1", "K3");
    }
  }

  /**
   * A second server on the same warehouse with its own throttle on {@code clock} (shipped limits)
   * and its own access log.
   */
  private static DrillDownServer guardedServer(Clock clock) throws Exception {
    Users users = Users.load(dir.resolve("users.properties"), region -> List.of());
    return new DrillDownServer(
            ReportTemplates.shipped(),
            warehouse,
            users,
            new Sessions(Duration.ofMinutes(30), clock),
            new AccessLog(dir.resolve("guarded-access.log"), clock),
            new SignInThrottle(SignInThrottle.Settings.DEFAULTS, clock),
            new InetSocketAddress("127.0.0.1", 0))
        .start();
  }

  /** A clock that moves only when told. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-10-08T01:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aQualityManagerDrillsDownToTheComplaintsAndOneTimelineWhichTheAccessLogRecords()
      throws Exception {
    String qm = session("qm", "qm-password");
    assertThat(get(qm, "/api/drill?quarter=2026Q3").body())
        .contains(
            "\"key\":\"product\",\"label_zh\":\"产品类\",\"label_en\":\"Product\",\"complaints\":3,\"breached\":1")
        .contains(
            "\"key\":\"service\",\"label_zh\":\"服务类\",\"label_en\":\"Service\",\"complaints\":1,\"breached\":0");
    assertThat(
            get(
                    qm,
                    "/api/drill?quarter=2026Q3&path="
                        + enc("category:product/sub_category:house_quality"))
                .body())
        .contains("\"level\":\"root_cause\"")
        .contains("\"key\":\"workmanship\",\"label_zh\":\"施工工艺\"", "\"complaints\":2")
        .contains("\"key\":\"materials\"");
    String bottom =
        "category:product/sub_category:house_quality/root_cause:workmanship/responsible_department:engineering/project_id:P01/building:1";
    assertThat(get(qm, "/api/drill?path=" + enc(bottom)).body())
        .contains("\"level\":\"complaints\"", "\"complaint_id\":\"K1\"")
        .doesNotContain("\"K2\"");
    HttpResponse<String> timeline = get(qm, "/api/complaint?id=K1");
    assertThat(timeline.statusCode()).isEqualTo(200);
    assertThat(timeline.body())
        .contains(
            "\"event_type\":\"RECEIVED\"", "\"rule_id\":\"accept_24h\"", "\"outcome\":\"MISSED\"");
    assertThat(Files.readAllLines(dir.resolve("access.log")))
        .anySatisfy(l -> assertThat(l).contains("\tqm\tquality_manager\tcomplaint\tK1"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith("\tqm\tquality_manager\tcomplaint_list\t" + bottom + " rows=1"));
  }

  @Test
  void theVoiceOfTheCustomerListsEmergingIssuesAndSuggestionsAndTheToneFiltersTheDrill()
      throws Exception {
    String qm = session("qm", "qm-password");
    // K1 (P01, product, no component) reads negative; K3 (P02) does not: the tone filter keeps K1
    // only
    assertThat(get(qm, "/api/drill?quarter=2026Q3&tone=negative").body())
        .contains(
            "\"key\":\"product\",\"label_zh\":\"产品类\",\"label_en\":\"Product\",\"complaints\":1")
        .doesNotContain("service");
    String voice = get(qm, "/api/voice").body();
    assertThat(voice)
        .contains(
            "\"term\":\"渗水\"",
            "\"term\":\"地漏\"",
            "\"complaint_ids\":[\"K1\"]",
            "\"lift_percent\":100")
        .contains(
            "\"complaint_id\":\"K1\"",
            "\"suggested_component\":\"waterproofing\"",
            "\"needs_review_because\":\"component_missing\"")
        .contains("\"suggested_component\":\"plumbing\"");
    assertThat(get(qm, "/api/complaint?id=K1").body())
        .contains("\"negative_tone\":true", "\"suggestion_confidence\":0.8");
    assertThat(get(qm, "/export.csv?view=suggestions").statusCode())
        .as("approval first")
        .isEqualTo(409);
    String qm2 = session("qm2", "qm2-password");
    // negative comments only, newest first, each reader's projects only
    assertThat(voice).contains("非常不满意", "至今没人管").doesNotContain("感谢");
    assertThat(get(qm2, "/api/voice").body())
        .contains("地漏", "K3", "至今没人管")
        .doesNotContain("渗水")
        .doesNotContain("K1")
        .doesNotContain("非常不满意");
    assertThat(get(session("boss", "boss-password"), "/api/voice").statusCode()).isEqualTo(403);
    // the staff view carries the quarter's team comparison
    assertThat(get(qm, "/api/staff?month=2026-08").body())
        .contains("\"month\":\"2026-08\"", "\"benchmarks\":[{\"quarter\":\"2026Q3\"");
  }

  @Test
  void theProceduresViewListsRepeatComplaintsTheRevisitDueListAndInvestigationsInTheReadersScope()
      throws Exception {
    String qm = session("qm", "qm-password");
    String all = get(qm, "/api/procedures").body();
    assertThat(all)
        .contains(
            "\"complaint_id\":\"K2\"",
            "\"previous_complaint_id\":\"K1\"",
            "\"repeat_reason\":\"window\"")
        .doesNotContain("\"complaint_id\":\"K1\"")
        .contains(
            "\"household_id\":\"hh_a\"",
            "\"household_id\":\"hh_b\"",
            "\"survey_type\":\"ANNUAL_REVISIT\"",
            "\"project_still_to_visit\":10")
        .contains("\"investigations\":[]");
    assertThat(Files.readAllLines(dir.resolve("access.log")))
        .anySatisfy(l -> assertThat(l).contains("\tqm\tquality_manager\tprocedures"));
    assertThat(get(session("qm2", "qm2-password"), "/api/procedures").body())
        .contains("hh_b")
        .doesNotContain("hh_a")
        .doesNotContain("K2");
    assertThat(get(qm, "/export.csv?view=revisit-due").statusCode())
        .as("approval first")
        .isEqualTo(409);
    assertThat(get(session("boss", "boss-password"), "/api/procedures").statusCode())
        .isEqualTo(403);
  }

  @Test
  void aUserLimitedToAProjectSeesOnlyItEverywhere() throws Exception {
    String qm2 = session("qm2", "qm2-password");
    assertThat(get(qm2, "/api/drill?quarter=2026Q3").body())
        .contains("\"key\":\"product\"", "\"complaints\":1")
        .doesNotContain("service");
    assertThat(get(qm2, "/api/complaint?id=K1").statusCode()).isEqualTo(404);
    assertThat(get(qm2, "/api/complaint?id=K3").statusCode()).isEqualTo(200);
    // the access log tells a view from a refusal, and an empty list from one with records
    assertThat(Files.readAllLines(dir.resolve("access.log")))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        "\tqm2\tquality_manager\tcomplaint_refused\tK1 not in scope or unknown"))
        .anySatisfy(l -> assertThat(l).endsWith("\tqm2\tquality_manager\tcomplaint\tK3"))
        .noneSatisfy(l -> assertThat(l).endsWith("\tqm2\tquality_manager\tcomplaint\tK1"));
  }

  @Test
  void aScopedUserWalkingEveryEndpointMeetsNoOtherProjectsRecordIdOrScore() throws Exception {
    String qm2 = session("qm2", "qm2-password");
    List<String> seen = new ArrayList<>();
    assertThat(get(qm2, "/").statusCode()).isEqualTo(200);
    for (String path :
        List.of(
            "/lessons",
            "/api/voice",
            "/api/sla-board",
            "/api/excluded",
            "/api/staff?month=2026-08",
            "/api/staff-detail?staff=S001&month=2026-08",
            "/api/complaint?id=K3",
            "/api/procedures",
            "/api/home",
            "/api/deliveries",
            "/api/followups?status=all",
            "/api/followup?id=FU-CB3")) {
      seen.add(ok(qm2, path));
    }
    for (String view : List.of("drill", "excluded", "staff", "emerging", "investigations")) {
      seen.add(ok(qm2, "/export.csv?view=" + view + "&month=2026-08"));
    }
    // the complaint-level exports, approved by lead2 (P02)
    String lead2 = session("lead2", "lead2-password");
    for (String view : List.of("sla-board", "suggestions", "repeats", "revisit-due")) {
      assertThat(get(qm2, "/export.csv?view=" + view).statusCode()).isEqualTo(409);
      String id = requestExport(qm2, "view=" + view);
      assertThat(post(lead2, "/api/export-requests/approve?id=" + id).statusCode()).isEqualTo(200);
      seen.add(ok(qm2, "/export-requests/download?id=" + id));
    }
    walkTheDrill(qm2, "", seen);
    for (String other : List.of("K1", "K2", "K4")) {
      HttpResponse<String> r = get(qm2, "/api/complaint?id=" + other);
      assertThat(r.statusCode()).as(other).isEqualTo(404);
      seen.add(r.body());
    }
    // P01's project, complaints and callback never appear; S001's score is computed over P02's
    // answer only
    Pattern foreign = Pattern.compile("\\b(P01|K1|K2|K4|CB1|62\\.5|项目P01|hh_a)\\b|渗水");
    assertThat(seen)
        .allSatisfy(body -> assertThat(foreign.matcher(body).find()).as(body).isFalse());
    assertThat(String.join("\n", seen))
        .contains("\"complaint_id\":\"K3\"", "\"survey_id\":\"CB3\"", "\"score\":25.0");
    // the same views unscoped hold both projects and the whole score
    String qm = session("qm", "qm-password");
    assertThat(ok(qm, "/api/staff?month=2026-08")).contains("\"score\":62.5");
    assertThat(ok(qm, "/api/staff-detail?staff=S001&month=2026-08"))
        .contains("\"survey_id\":\"CB1\"", "\"survey_id\":\"CB3\"");
  }

  @Test
  void theStaffQueriesWithoutAScopeGiveTheMetricsOwnRows() {
    ReportTemplates t = ReportTemplates.shipped();
    String scope = t.read("web/queries/staff_scope.sql");
    List<Map<String, Object>> web =
        warehouse.query(
            t.read("web/queries/staff.sql").replace("{{staff_scope}}", scope), "2026-08", null);
    List<Map<String, Object>> metric =
        warehouse.query(
            "select staff_id, team, role, month, customer_answers, customer_score, peer_score,"
                + " manager_score, self_score, score, prohibited_behaviours, grade, grade_reason"
                + " from staff_scores_monthly where month = '2026-08'");
    assertThat(web).isNotEmpty().isEqualTo(metric);
    assertThat(warehouse.query(t.read("web/queries/staff_benchmarks.sql"), "2026-08", null))
        .isEqualTo(
            warehouse.query(
                "select * from staff_benchmarks_quarterly where quarter = '2026Q3' order by team,"
                    + " difference, staff_id"));
  }

  /** Follows every key the drill offers down to the complaint lists, keeping each answer. */
  private static void walkTheDrill(String cookie, String path, List<String> seen) throws Exception {
    String body = ok(cookie, "/api/drill?path=" + enc(path));
    seen.add(body);
    JsonNode reply = new ObjectMapper().readTree(body);
    String level = reply.get("level").asText();
    if (level.equals("complaints")) {
      return;
    }
    for (JsonNode row : reply.get("rows")) {
      String key = row.path("key").isTextual() ? ":" + row.path("key").asText() : "";
      walkTheDrill(cookie, (path.isEmpty() ? "" : path + "/") + level + key, seen);
    }
  }

  private static String ok(String cookie, String path) throws Exception {
    HttpResponse<String> r = get(cookie, path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void anExecutiveSeesAggregatesOnlyAndAPlannerTheLessonsOnly() throws Exception {
    String boss = session("boss", "boss-password");
    assertThat(get(boss, "/api/drill?quarter=2026Q3").statusCode()).isEqualTo(200);
    String bottom =
        "category:service/sub_category:reception/root_cause:communication/responsible_department:customer_service/project_id:P01/building:1";
    assertThat(get(boss, "/api/drill?path=" + enc(bottom)).statusCode()).isEqualTo(403);
    assertThat(get(boss, "/api/complaint?id=K1").statusCode()).isEqualTo(403);
    String planner = session("planner", "planner-password");
    assertThat(get(planner, "/api/complaint?id=K1").statusCode()).isEqualTo(403);
    assertThat(get(planner, "/api/drill").statusCode()).isEqualTo(403);
    assertThat(get(planner, "/api/sla-board").statusCode()).isEqualTo(403);
    assertThat(get(planner, "/").headers().firstValue("Location")).hasValue("/lessons");
    assertThat(get(planner, "/lessons").body()).contains("设计评审经验教训清单");
  }

  @Test
  void everyViewExportsToCsvWithFormulasNeutralisedAndValuesNeverReachSqlAsText() throws Exception {
    String qm = session("qm", "qm-password");
    String path =
        "category:service/sub_category:reception/root_cause:communication/responsible_department:customer_service/project_id:P01";
    String csv = get(qm, "/export.csv?view=drill&path=" + enc(path)).body();
    assertThat(csv).startsWith("\ufeffkey,label_zh,label_en,complaints,breached").contains("'=1+1");
    HttpResponse<String> injected = get(qm, "/api/drill?path=" + enc("category:x' or '1'='1"));
    assertThat(injected.statusCode()).isEqualTo(200);
    assertThat(injected.body()).contains("\"rows\":[]");
  }

  @Test
  void inChromiumAClickOnABarDrillsTwoLevelsAndTheBreadcrumbGoesBackWithoutConsoleErrors()
      throws Exception {
    HeadlessChromium chromium = BrowserRequirement.chromium();
    WebDriver driver = webDriver(chromium);
    Path shots = Files.createDirectories(Path.of("target/screenshots"));
    try {
      // a notification's link: sign in, then the complaint's timeline is open
      driver.get(base + "/complaint?id=K1");
      driver.findElement(By.id("user")).sendKeys("qm");
      driver.findElement(By.id("password")).sendKeys("qm-password");
      driver.findElement(By.id("sign-in")).click();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      wait.until(
          d ->
              d.findElement(By.id("timeline")).isDisplayed()
                  && d.findElement(By.id("timeline-id")).getText().equals("K1"));
      assertThat(driver.getCurrentUrl()).endsWith("/#complaint=K1");
      wait.until(d -> crumbs(d) == 1 && barCount(d) > 0);
      assertThat(driver.findElement(By.id("level-title")).getText()).isEqualTo("投诉类别");
      screenshot(driver, shots.resolve("drill-0-categories.png"));

      clickFirstBar(driver);
      wait.until(d -> crumbs(d) == 2 && d.findElement(By.id("level-title")).getText().equals("子类"));
      clickFirstBar(driver);
      wait.until(
          d -> crumbs(d) == 3 && d.findElement(By.id("level-title")).getText().equals("根本原因"));
      assertThat(driver.findElement(By.id("crumbs")).getText()).isEqualTo("全部投诉 › 产品类 › 房屋质量");
      screenshot(driver, shots.resolve("drill-2-root-causes.png"));

      driver.findElements(By.cssSelector("#crumbs a")).get(0).click();
      wait.until(
          d -> crumbs(d) == 1 && d.findElement(By.id("level-title")).getText().equals("投诉类别"));

      // The voice of the customer: emerging issues with their complaints; a click opens the
      // complaint
      driver.findElement(By.cssSelector("header a[data-view='voice']")).click();
      wait.until(
          d ->
              d.findElements(By.cssSelector("#emerging tbody tr")).size() == 2
                  && d.findElements(By.cssSelector("#negative-comments tbody tr")).size() == 2);
      assertThat(driver.findElement(By.id("emerging")).getText()).contains("渗水 +100%", "地漏 +100%");
      screenshot(driver, shots.resolve("voice-of-customer.png"));
      // zh-CN headings and the zh-CN names of codes, and every table fits a 1,280 px screen
      WebElement suggestions = driver.findElement(By.id("suggestions"));
      assertThat(suggestions.findElement(By.tagName("thead")).getText())
          .contains("投诉单号", "投诉类别", "子类", "需复核原因", "建议部位");
      assertThat(suggestions.findElement(By.tagName("tbody")).getText())
          .contains("K1", "产品类", "房屋质量", "未填部位", "防水渗漏");
      assertThat(driver.findElement(By.id("emerging")).findElement(By.tagName("thead")).getText())
          .contains("周起始日", "项目", "关键词");
      assertThat(driver.findElement(By.id("view-voice")).getText())
          .doesNotContain(
              "week_start",
              "project_id",
              "product",
              "house_quality",
              "component_missing",
              "waterproofing",
              "needs_review_because");
      Number widest =
          (Number)
              ((JavascriptExecutor) driver)
                  .executeScript(
                      "return Math.max(document.documentElement.scrollWidth, Math.max.apply(null,"
                          + " Array.from(document.querySelectorAll('#view-voice"
                          + " table')).map(function (t) { return t.getBoundingClientRect().right;"
                          + " })));");
      assertThat(widest.doubleValue())
          .as("widest table of the voice of the customer, px")
          .isLessThanOrEqualTo(1280);
      driver.findElements(By.cssSelector("#emerging a.complaint")).stream()
          .filter(a -> a.getText().equals("K1"))
          .findFirst()
          .orElseThrow()
          .click();
      wait.until(
          d ->
              d.findElement(By.id("timeline")).isDisplayed()
                  && d.findElement(By.id("timeline-id")).getText().equals("K1"));
      assertThat(driver.findElement(By.id("timeline-text")).getText())
          .contains("防水渗漏")
          .doesNotContain("waterproofing");

      // approval before retrieval: the suggestions' export link files a request, listed as pending
      driver.findElement(By.cssSelector("header a[data-view='voice']")).click();
      driver
          .findElement(By.cssSelector("#view-voice a[data-approval='1'][href*='suggestions']"))
          .click();
      wait.until(
          d ->
              d.findElement(By.id("view-approvals")).isDisplayed()
                  && !d.findElements(By.cssSelector("#approvals tbody tr")).isEmpty());
      assertThat(driver.findElement(By.id("approvals-status")).getText())
          .isEqualTo("已提交导出申请，等待审批。");
      assertThat(driver.findElement(By.id("approvals")).getText())
          .contains("分类建议", "待审批")
          .doesNotContain("PENDING");

      // Follow-ups: open the breach of K3 (FU-E2) and close it with an outcome
      driver.findElement(By.cssSelector("header a[data-view='followups']")).click();
      wait.until(
          d ->
              d.findElements(By.cssSelector("#followups a.followup-link")).stream()
                  .anyMatch(a -> a.getText().equals("FU-E2")));
      driver.findElements(By.cssSelector("#followups a.followup-link")).stream()
          .filter(a -> a.getText().equals("FU-E2"))
          .findFirst()
          .orElseThrow()
          .click();
      wait.until(
          d ->
              d.findElement(By.id("followup-id")).getText().equals("FU-E2")
                  && d.findElement(By.id("followup-change")).isDisplayed());
      new Select(driver.findElement(By.id("followup-action"))).selectByValue("close");
      new Select(driver.findElement(By.id("followup-outcome"))).selectByValue("RESOLVED");
      driver.findElement(By.id("followup-comment")).sendKeys("已派工维修，客户确认");
      driver.findElement(By.id("followup-save")).click();
      wait.until(
          d ->
              d.findElement(By.id("followup-message")).getText().equals("已保存。")
                  && d.findElement(By.id("followup-history")).getText().contains("关闭")
                  && !d.findElement(By.id("followup-change")).isDisplayed());
      assertThat(driver.findElement(By.id("followup-facts")).getText()).contains("已关闭", "已解决");
      screenshot(driver, shots.resolve("followup-closed.png"));
      assertThat(followUpEvents())
          .anySatisfy(
              e -> {
                assertThat(e.followupId()).isEqualTo("FU-E2");
                assertThat(e.action()).isEqualTo(FollowUpAction.CLOSED);
                assertThat(e.outcome()).isEqualTo(FollowUpOutcome.RESOLVED);
              });

      List<String> severe = new ArrayList<>();
      for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
        if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
          severe.add(e.getMessage());
        }
      }
      assertThat(severe).as("browser console").isEmpty();

      // A planner in the same browser: the complaint record is refused.
      driver.manage().deleteAllCookies();
      driver.get(base + "/login");
      driver.findElement(By.id("user")).sendKeys("planner");
      driver.findElement(By.id("password")).sendKeys("planner-password");
      driver.findElement(By.id("sign-in")).click();
      wait.until(d -> d.getCurrentUrl().endsWith("/lessons"));
      screenshot(driver, shots.resolve("planner-lessons.png"));
      driver.get(base + "/api/complaint?id=K1");
      assertThat(driver.findElement(By.tagName("body")).getText()).isEqualTo("您的角色无权打开此内容。");
    } finally {
      driver.quit();
    }
  }

  // Follow-ups of the fixture: FU-E2 (the BREACH of K3, P02), FU-CB3 (CB3 on K3, P02, overall 2),
  // and the emerging
  // issues FU-surge|P01|2026-08-03|渗水 (P01) and FU-surge|P02|2026-08-03|地漏 (P02). CB1 (overall 5)
  // and the WARNINGs open none.
  @Test
  void aQualityManagerAssignsCommentsAndClosesAFollowUpEachChangeAnEventAnotherProjectOutOfReach()
      throws Exception {
    String qm = session("qm", "qm-password");
    assertThat(ok(qm, "/api/followups?status=all"))
        .contains(
            "\"followup_id\":\"FU-CB3\"",
            "\"followup_id\":\"FU-E2\"",
            "FU-surge|P01|2026-08-03|渗水",
            "FU-surge|P02|2026-08-03|地漏")
        .doesNotContain("FU-CB1", "FU-E1", "FU-E3");
    String cb3 = ok(qm, "/api/followup?id=FU-CB3");
    assertThat(cb3)
        .contains(
            "\"status\":\"open\"",
            "\"owner\":\"客户服务部经理\"",
            "\"kind\":\"callback\"",
            "\"canChange\":true");

    assertThat(postFollowUp(qm, "id=FU-CB3&action=assign&assignee=zhao").statusCode())
        .isEqualTo(200);
    assertThat(ok(qm, "/api/followup?id=FU-CB3"))
        .contains("\"status\":\"assigned\"", "\"owner\":\"zhao\"", "\"pending\":true");
    assertThat(
            postFollowUp(qm, "id=FU-CB3&action=comment&comment=" + enc("客户电话13812345678，约周六上门"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> noOutcome = postFollowUp(qm, "id=FU-CB3&action=close");
    assertThat(noOutcome.statusCode()).isEqualTo(400);
    assertThat(noOutcome.body()).doesNotContain("\n").contains("outcome");
    assertThat(
            postFollowUp(qm, "id=FU-CB3&action=assign&assignee=" + enc("王芳 13812345678"))
                .statusCode())
        .as("a name is no assignee")
        .isEqualTo(400);
    assertThat(postFollowUp(qm, "id=FU-CB3&action=called_back").statusCode()).isEqualTo(200);
    assertThat(
            postFollowUp(qm, "id=FU-CB3&action=close&outcome=RESOLVED&comment=" + enc("已修复"))
                .statusCode())
        .isEqualTo(200);
    String closed = ok(qm, "/api/followup?id=FU-CB3");
    assertThat(closed)
        .contains(
            "\"status\":\"closed\"", "\"outcome\":\"RESOLVED\"", "\"canChange\":false", "[手机号]")
        .doesNotContain("13812345678");
    assertThat(postFollowUp(qm, "id=FU-CB3&action=comment&comment=again").statusCode())
        .as("closed")
        .isEqualTo(409);

    // another project's follow-up: neither listed, nor opened, nor changed by a user of P02; an
    // executive changes none
    String qm2 = session("qm2", "qm2-password");
    assertThat(ok(qm2, "/api/followups?status=all")).contains("FU-CB3").doesNotContain("P01", "渗水");
    String p01 = enc("FU-surge|P01|2026-08-03|渗水");
    assertThat(get(qm2, "/api/followup?id=" + p01).statusCode()).isEqualTo(404);
    assertThat(Files.readAllLines(dir.resolve("access.log")))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        "\tqm2\tquality_manager\tfollowup_refused\tFU-surge|P01|2026-08-03|渗水 not"
                            + " in scope or unknown"))
        .noneSatisfy(l -> assertThat(l).contains("\tqm2\tquality_manager\tfollowup\tFU-surge|P01"));
    assertThat(postFollowUp(qm2, "id=" + p01 + "&action=assign&assignee=qm2").statusCode())
        .isEqualTo(404);
    assertThat(
            postFollowUp(session("boss", "boss-password"), "id=FU-CB3&action=comment&comment=x")
                .statusCode())
        .isEqualTo(403);
    HttpRequest foreign =
        HttpRequest.newBuilder(URI.create(base + "/api/followup"))
            .header("Cookie", qm)
            .header("Origin", "https://evil.example")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("id=FU-E2&action=close&outcome=NO_ACTION"))
            .build();
    assertThat(HTTP.send(foreign, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(403);

    // the events on the topic, as the lake's door reads them: valid, in order, the comment
    // scrubbed, nothing for P01
    List<FollowUpEvent> cb3Events =
        followUpEvents().stream().filter(e -> e.followupId().equals("FU-CB3")).toList();
    assertThat(cb3Events)
        .extracting(
            e ->
                e.action().name()
                    + " "
                    + e.actor()
                    + " "
                    + e.projectId()
                    + " "
                    + e.assignee()
                    + " "
                    + e.outcome())
        .containsExactly(
            "ASSIGNED qm P02 zhao null",
            "COMMENTED qm P02 null null",
            "CALLED_BACK qm P02 null null",
            "CLOSED qm P02 null RESOLVED");
    assertThat(cb3Events.get(1).comment()).isEqualTo("客户电话[手机号]，约周六上门");
    assertThat(followUpEvents()).noneMatch(e -> e.projectId().equals("P01"));
    assertThat(Files.readString(dir.resolve("access.log")))
        .contains("followup_assigned", "followup_closed");
  }

  private static HttpResponse<String> postFollowUp(String cookie, String form) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/followup"))
            .header("Cookie", cookie)
            .header("Origin", base)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Every follow-up event on the topic, each checked by the lake's door (the validator it applies)
   * and decoded.
   */
  private static List<FollowUpEvent> followUpEvents() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("isolation.level", "read_committed");
    var validator = new EventValidator(EventStream.FOLLOWUP_EVENTS, ValidationRules.defaults());
    List<FollowUpEvent> events = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<String, byte[]>(
            props, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partition = new TopicPartition(FOLLOWUP_TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (var r : consumer.poll(Duration.ofSeconds(1))) {
          var verdict = validator.validate(r.value(), Instant.now(), "offset " + r.offset());
          assertThat(verdict).isInstanceOf(Validation.Valid.class);
          var event = (FollowUpEvent) ((Validation.Valid) verdict).event();
          assertThat(r.key()).isEqualTo(event.followupId());
          events.add(event);
        }
      }
    }
    return events;
  }

  private static WebDriver webDriver(HeadlessChromium chromium) {
    return BrowserRequirement.webDriver(chromium, 1280, 900);
  }

  private static long crumbs(WebDriver d) {
    return d.findElements(By.cssSelector("#crumbs a")).size();
  }

  private static long barCount(WebDriver d) {
    Object n =
        ((JavascriptExecutor) d)
            .executeScript(
                "var o = window.drillChart && window.drillChart.getOption(); return o && o.series"
                    + " && o.series.length ? o.series[0].data.length : 0;");
    return ((Number) n).longValue();
  }

  /** A real mouse click in the middle of the first bar, found where ECharts drew it. */
  private static void clickFirstBar(WebDriver driver) {
    WebElement chart = driver.findElement(By.id("chart"));
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "var r ="
                        + " window.drillChart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);return"
                        + " [r.x + r.width / 2, r.y + r.height / 2];");
    int dx = (int) Math.round(xy.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
    int dy = (int) Math.round(xy.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
    new Actions(driver).moveToElement(chart, dx, dy).click().perform();
  }

  private static void screenshot(WebDriver driver, Path file) throws Exception {
    Files.copy(
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static HttpResponse<String> signIn(String user, String password) throws Exception {
    return signIn(base, user, password, null, null);
  }

  private static HttpResponse<String> signIn(String user, String password, String next)
      throws Exception {
    return signIn(base, user, password, null, next);
  }

  private static HttpResponse<String> signIn(String at, String user, String password, String origin)
      throws Exception {
    return signIn(at, user, password, origin, null);
  }

  private static HttpResponse<String> signIn(
      String at, String user, String password, String origin, String next) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(at + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "user="
                        + enc(user)
                        + "&password="
                        + enc(password)
                        + (next == null ? "" : "&next=" + enc(next))));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String session(String user, String password) throws Exception {
    HttpResponse<String> r = signIn(user, password);
    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static HttpResponse<String> get(String cookie, String path) throws Exception {
    return get(base, cookie, path);
  }

  private static HttpResponse<String> get(String at, String cookie, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(at + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String text(
      String id,
      String project,
      String description,
      boolean negative,
      String component,
      double confidence) {
    return LakeFixture.row(
        "complaint_text",
        Map.ofEntries(
            Map.entry("complaint_id", "'" + id + "'"),
            Map.entry("event_id", "'" + id + "-1'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("occurred_at", "timestamp '2026-08-03 09:00:00'"),
            Map.entry("week_start", "'2026-08-03'"),
            Map.entry("description", "'" + description + "'"),
            Map.entry("terms", "[]"),
            Map.entry("negative_tone", String.valueOf(negative)),
            Map.entry("tone_score", negative ? "6" : "0"),
            Map.entry("tone_words", "[]"),
            Map.entry("suggested_component", "'" + component + "'"),
            Map.entry("suggestion_confidence", String.valueOf(confidence)),
            Map.entry("suggestion_evidence", "[]"),
            Map.entry("dt", "date '2026-08-03'")));
  }

  private static String comment(
      String survey, String project, String complaint, String text, boolean negative) {
    return LakeFixture.row(
        "survey_comment_tone",
        Map.of(
            "survey_id",
            "'" + survey + "'",
            "project_id",
            "'" + project + "'",
            "complaint_id",
            "'" + complaint + "'",
            "occurred_at",
            "timestamp '2026-08-10 10:00:00'",
            "comment",
            "'" + text + "'",
            "negative_tone",
            String.valueOf(negative),
            "tone_score",
            negative ? "4.5" : "-5",
            "tone_words",
            "[]",
            "dt",
            "date '2026-08-10'"));
  }

  private static String handled(String complaint, String project) {
    return LakeFixture.row(
        "complaint_facts",
        Map.of(
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "project_id",
            "'" + project + "'",
            "handler_staff_id",
            "'S001'",
            "cycle_started_at",
            "timestamp '2026-08-03 09:00:00'",
            "ended_at",
            "timestamp '2026-08-04 18:00:00'",
            "dt",
            "date '2026-08-03'"));
  }

  private static String callback(String survey, String complaint, String project, int score) {
    String s = String.valueOf(score);
    return LakeFixture.row(
        "callback_surveys",
        Map.ofEntries(
            Map.entry("event_id", "'" + survey + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '2026-08-12 10:00:00'"),
            Map.entry("survey_type", "'COMPLAINT_CALLBACK'"),
            Map.entry("channel", "'PHONE'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("staff_id", "'S001'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("score_response_speed", s),
            Map.entry("score_completeness", s),
            Map.entry("score_professionalism", s),
            Map.entry("score_attitude", s),
            Map.entry("score_overall", s),
            Map.entry("src_partition", "0"),
            Map.entry("src_offset", "0"),
            Map.entry("dt", "date '2026-08-12'")));
  }

  private static String alert(String project, String term, String complaint) {
    return LakeFixture.row(
        "text_alerts",
        Map.ofEntries(
            Map.entry("alert_id", "'surge|" + project + "|2026-08-03|" + term + "'"),
            Map.entry("alert_type", "'EMERGING_ISSUE'"),
            Map.entry("alert_at", "timestamp '2026-08-10 00:00:00'"),
            Map.entry("project_id", "'" + project + "'"),
            Map.entry("week_start", "'2026-08-03'"),
            Map.entry("term", "'" + term + "'"),
            // one complaint text per project that week, so observed is 1 (the share of the week's
            // texts must be possible)
            Map.entry("observed", "1"),
            Map.entry("expected", "0.5"),
            Map.entry("p_value", "0.39"),
            Map.entry("lift_percent", "100"),
            Map.entry("baseline_weeks", "8"),
            Map.entry("complaint_ids", "['" + complaint + "']"),
            Map.entry("dt", "date '2026-08-10'")));
  }

  private static String received(
      String id,
      String project,
      String category,
      String sub,
      String cause,
      String department,
      String building) {
    return received(id, project, category, sub, cause, department, building, null);
  }

  private static String received(
      String id,
      String project,
      String category,
      String sub,
      String cause,
      String department,
      String building,
      String household) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "event_id",
                "'" + id + "-1'",
                "occurred_at",
                "timestamp '2026-08-03 09:00:00'",
                "complaint_id",
                "'" + id + "'",
                "event_type",
                "'RECEIVED'",
                "project_id",
                "'" + project + "'",
                "category",
                "'" + category + "'",
                "sub_category",
                "'" + sub + "'",
                "root_cause",
                "'" + cause + "'",
                "responsible_department",
                "'" + department + "'",
                "building",
                "'" + building + "'"));
    if (household != null) {
      values.put("household_id", "'" + household + "'");
    }
    return LakeFixture.row("complaint_events", values);
  }
}
