package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.web.Role;
import io.qualityloop.reports.web.Users;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records never stop reporting (issue 18, item 5). The lake holds what the door and the
 * lifecycle job write for two bad inputs: a complaint step whose building component is not in
 * building_components.csv (it lands, flagged UNKNOWN_COMPONENT) and an ACCEPTED step corrected and
 * sent again a day later (a new event id for the same complaint, step and time; the lifecycle job
 * writes the accept_24h MET alert a second time). Before, every build stopped on a model test
 * (relationship in fct_defects, unique(alert_id) in stg_sla_events); now {@code report}, {@code
 * metrics} and {@code serve} work, the report and the drill-down say what was excluded and why, and
 * the corrected step wins.
 */
class BadRecordsTest {
  @TempDir static Path work;

  // C1: received 07-01 09:00, accepted 09:30 with component solar_panel (unknown) -> shown as
  // 'unknown'.
  // C2: received 07-02 09:00, accepted 10:00 with waterproofing (landed 07-02 12:00), corrected to
  //     walls_cracks at the same time (landed 07-03 08:00) -> latest landed wins: walls_cracks.
  //     Its accept_24h MET alert landed twice: 1 row kept (landed 07-03 08:00), 1 excluded.
  @BeforeAll
  static void writeTheLakeAndAUser() throws Exception {
    Path lake = work.resolve("lake");
    List<ProjectRef> projects =
        List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100));
    LakeFixture fixture = new LakeFixture(lake).reference(projects);
    fixture
        .landedAt("2026-07-02 12:00:00")
        .table(
            "complaint_events",
            String.join(
                ",",
                step("E1", "C1", "RECEIVED", "2026-07-01 09:00:00", null),
                step("E2", "C1", "ACCEPTED", "2026-07-01 09:30:00", "solar_panel"),
                step("E3", "C2", "RECEIVED", "2026-07-02 09:00:00", null),
                step("E4", "C2", "ACCEPTED", "2026-07-02 10:00:00", "waterproofing")))
        .table(
            "record_flags",
            // E2 was sent twice: the door flagged both copies, the second then counted a duplicate;
            // E3 was sent again with other content (a corrected row under its old id): a
            // duplicate, flagged by the de-duplication
            String.join(
                ",",
                unknownComponentFlag("E2", 7),
                unknownComponentFlag("E2", 9),
                flag(
                    "E3",
                    11,
                    "CONFLICTING_RESEND",
                    "event E3 was sent again with content other than its first copy's (this copy:"
                        + " RECEIVED at 2026-07-02T09:05): the first copy is kept; a correction"
                        + " needs an event id of its own")))
        .table("sla_events", String.join(",", alert("C1"), alert("C2")));
    fixture
        .landedAt("2026-07-03 08:00:00")
        .table(
            "complaint_events",
            step("E4-corrected", "C2", "ACCEPTED", "2026-07-02 10:00:00", "walls_cracks"))
        .table("sla_events", alert("C2"));
    Files.createDirectories(work.resolve("config"));
    Files.writeString(
        work.resolve("config/users.properties"),
        Users.entry("qm", Role.parse("quality_manager"), "secret-password".toCharArray())
            // a quality manager of P02 only, where nothing was excluded or corrected
            + Users.entry(
                "qm2",
                Role.parse("quality_manager"),
                "secret-password".toCharArray(),
                "P02",
                null,
                projects));
  }

  private static String unknownComponentFlag(String event, int offset) {
    return flag(
        event,
        offset,
        "UNKNOWN_COMPONENT",
        "event " + event + ": building component solar_panel is not in building_components.csv");
  }

  private static String flag(String event, int offset, String code, String message) {
    return LakeFixture.row(
        "record_flags",
        Map.of(
            "event_id",
            "'" + event + "'",
            "stream",
            "'COMPLAINT_EVENTS'",
            "src_topic",
            "'ql.complaint-events.v1'",
            "src_partition",
            "0",
            "src_offset",
            Integer.toString(offset),
            "flag_code",
            "'" + code + "'",
            "message",
            "'" + message.replace("'", "''") + "'",
            "flagged_at",
            "timestamp '2026-07-02 12:00:00'",
            "dt",
            "date '2026-07-02'"));
  }

  private static String step(
      String id, String complaint, String type, String at, String component) {
    return LakeFixture.row(
        "complaint_events",
        Map.ofEntries(
            Map.entry("event_id", "'" + id + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("event_type", "'" + type + "'"),
            Map.entry("channel", "'PHONE'"),
            Map.entry("project_id", "'P01'"),
            Map.entry("staff_id", "'S001'"),
            Map.entry("category", type.equals("ACCEPTED") ? "'product'" : "null"),
            Map.entry("sub_category", type.equals("ACCEPTED") ? "'house_quality'" : "null"),
            Map.entry("root_cause", type.equals("ACCEPTED") ? "'workmanship'" : "null"),
            Map.entry("building_component", component == null ? "null" : "'" + component + "'"),
            Map.entry("responsible_department", type.equals("ACCEPTED") ? "'engineering'" : "null"),
            Map.entry("dt", "date '2026-07-01'")));
  }

  private static String alert(String complaint) {
    String day = complaint.equals("C1") ? "2026-07-01" : "2026-07-02";
    return LakeFixture.row(
        "sla_events",
        Map.ofEntries(
            Map.entry("alert_id", "'" + complaint + "/1/accept_24h/MET'"),
            Map.entry("alert_type", "'MET'"),
            Map.entry("alert_at", "timestamp '" + day + " 10:00:00'"),
            Map.entry("complaint_id", "'" + complaint + "'"),
            Map.entry("cycle", "1"),
            Map.entry("project_id", "'P01'"),
            Map.entry("rule_id", "'accept_24h'"),
            Map.entry("started_at", "timestamp '" + day + " 09:00:00'"),
            Map.entry("deadline", "timestamp '" + day + " 09:00:00' + interval 24 hour"),
            Map.entry("elapsed_hours", "1.0"),
            Map.entry("limit_hours", "24.0"),
            Map.entry("responsible_department", "'engineering'"),
            Map.entry("category", "'product'"),
            Map.entry("severity", "'NORMAL'"),
            Map.entry("dt", "date '2026-07-01'")));
  }

  private static String[] run(String... args) {
    return runIn(work, args);
  }

  private static String[] runIn(Path workdir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withWorkdir = new String[args.length + 2];
    withWorkdir[0] = "--workdir";
    withWorkdir[1] = workdir.toString();
    System.arraycopy(args, 0, withWorkdir, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            withWorkdir);
    return new String[] {
      String.valueOf(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void theWarehouseShowsTheUnknownCodeAsUnknownLetsTheCorrectedStepWinAndExcludesTheSecondAlert() {
    try (Warehouse w = Warehouse.build(work.resolve("lake"), null, ModelCatalog.shipped())) {
      assertThat(w.query("select complaint_id, building_component from fct_complaints order by 1"))
          .containsExactly(
              Map.of("complaint_id", "C1", "building_component", "unknown"),
              Map.of("complaint_id", "C2", "building_component", "walls_cracks"));
      assertThat(
              w.query(
                      "select building_component_as_sent from stg_complaint_events where event_id ="
                          + " 'E2'")
                  .get(0))
          .containsEntry("building_component_as_sent", "solar_panel");
      assertThat(w.count("fct_defects")).isEqualTo(2);
      assertThat(
              w.query(
                  "select alert_id, cast(landed_at as varchar) as landed from stg_sla_events order"
                      + " by 1"))
          .containsExactly(
              Map.of("alert_id", "C1/1/accept_24h/MET", "landed", "2026-07-02 12:00:00"),
              Map.of("alert_id", "C2/1/accept_24h/MET", "landed", "2026-07-03 08:00:00"));
      assertThat(w.query("select model, kind, value, project_id from excluded_rows"))
          .containsExactly(
              Map.of(
                  "model",
                  "models/staging/stg_sla_events.sql",
                  "kind",
                  "unique",
                  "value",
                  "C2/1/accept_24h/MET",
                  "project_id",
                  "P01"));
    }
  }

  @Test
  void theReportIsWrittenAndSaysWhatWasExcludedAndWhy() throws Exception {
    String[] en = run("report", "quarterly", "--quarter", "2026Q3", "--lang", "en");
    String[] zh = run("report", "quarterly", "--quarter", "2026Q3");

    assertThat(en[0]).as(en[1] + en[2]).isEqualTo("0");
    assertThat(zh[0]).as(zh[1] + zh[2]).isEqualTo("0");
    String html = Files.readString(work.resolve("out/reports/quarterly-2026Q3.en.html"));
    String section =
        html.substring(
            html.indexOf("<section id=\"excluded\">"),
            html.indexOf("</section>", html.indexOf("<section id=\"excluded\">")));
    assertThat(section.replaceAll("\\s+", " "))
        .contains("Records excluded or shown as unknown")
        .contains(
            "<td>stg_sla_events</td><td>unique(alert_id) keep landed_at desc, alert_at"
                + " desc</td><td>Duplicate (a step re-sent or corrected): the copy that landed last"
                + " is kept, the earlier ones are left"
                + " out</td><td>1</td><td>C2/1/accept_24h/MET</td>")
        .contains(
            "<td>UNKNOWN_COMPONENT</td><td>Building component not in building_components.csv:"
                + " counted, shown as unknown</td><td>1</td><td>solar_panel</td>")
        .contains(
            "<td>stg_complaint_events</td><td>CONFLICTING_RESEND</td><td>Sent again under the"
                + " id of a row already imported (事件编号, 登记编号, 问卷编号), with other content:"
                + " the first copy is kept and the correction is not applied; import a correction"
                + " under an id of its own</td><td>1</td><td>E3</td>");
    String zhHtml = Files.readString(work.resolve("out/reports/quarterly-2026Q3.zh-CN.html"));
    assertThat(zhHtml)
        .contains(
            "排除的记录与未知代码",
            "重复（环节重发或更正）：保留最后到达的一条，较早的排除",
            "部件不在 building_components.csv 中",
            "以已导入记录的编号（事件编号、登记编号、问卷编号）重新发送但内容不同：保留首次导入的记录，更正未生效");
  }

  @Test
  void aReportOfAnotherProjectListsNeitherTheCodesNorTheCorrectionsOfP01sSteps() throws Exception {
    String[] p02 =
        run("report", "quarterly", "--quarter", "2026Q3", "--lang", "en", "--projects", "P02");

    assertThat(p02[0]).as(p02[1] + p02[2]).isEqualTo("0");
    Path report;
    try (Stream<Path> files = Files.list(work.resolve("out/reports"))) {
      report =
          files
              .filter(
                  f -> f.getFileName().toString().matches("quarterly-2026Q3.*P02.*\\.en\\.html"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no P02 report: " + p02[1]));
    }
    assertThat(Files.readString(report))
        .doesNotContain("CONFLICTING_RESEND", ">E3<", "solar_panel");
  }

  @Test
  void aCodeAddedToTheReferenceFileIsNoLongerListedAsUnknown(@TempDir Path fixed) throws Exception {
    try (Stream<Path> files = Files.walk(work.resolve("lake"))) {
      for (Path f : files.toList()) {
        Path to = fixed.resolve("lake").resolve(work.resolve("lake").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path components = fixed.resolve("lake/reference/building_components.csv");
    Files.writeString(
        components,
        Files.readString(components).stripTrailing()
            + "\nsolar_panel,太阳能板,Solar panel,workmanship\n");

    String[] r = runIn(fixed, "report", "quarterly", "--quarter", "2026Q3", "--lang", "en");

    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
    String html = Files.readString(fixed.resolve("out/reports/quarterly-2026Q3.en.html"));
    String section =
        html.substring(
            html.indexOf("<section id=\"excluded\">"),
            html.indexOf("</section>", html.indexOf("<section id=\"excluded\">")));
    assertThat(section)
        .as("the door flagged it, but the company has added it since")
        .doesNotContain("UNKNOWN_COMPONENT", "solar_panel")
        .contains("stg_sla_events");
  }

  @Test
  void theSpecialReportOnOneComplaintIsWrittenAndLoggedAndAnUnknownIdIsOneLineAndExit1()
      throws Exception {
    String[] r = run("report", "major", "--complaint", "C2");

    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
    String html = Files.readString(work.resolve("out/reports/major-C2.zh-CN.html"));
    // C2 was never major: the special report on a difficult complaint (002 §3.10.6), its component
    // as corrected
    assertThat(html).contains("<h1>投诉专项报告</h1>", "投诉单号 C2", "墙体开裂空鼓");
    // a complaint-level record left the system: the access log says who, what and which
    assertThat(Files.readString(work.resolve("out/logs/access.log")))
        .containsPattern("\toperator\tmajor_complaint_report\tC2 file=.*major-C2\\.zh-CN\\.html\n");

    String[] unknown = run("report", "major", "--complaint", "C404");
    assertThat(unknown[0]).isEqualTo("1");
    assertThat(unknown[2])
        .isEqualTo(
            "qualityloop: no complaint 'C404' in the lake: no report written"
                + System.lineSeparator());
    assertThat(work.resolve("out/reports/major-C404.zh-CN.html")).doesNotExist();
  }

  @Test
  void metricsAreProduced() {
    String[] r = run("metrics", "--period", "2026Q3", "--format", "csv");

    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
    assertThat(r[1]).isNotBlank();
  }

  @Test
  void theDrillDownServesAndListsTheExcludedRows() throws Exception {
    PipedOutput out = new PipedOutput();
    Thread serve =
        new Thread(
            () ->
                QualityLoopCommand.execute(
                    out.stream,
                    out.stream,
                    "--workdir",
                    work.toString(),
                    "serve",
                    "--port",
                    "0",
                    "--plain-http"));
    serve.setDaemon(true);
    serve.start();
    int port = out.awaitPort();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + port;
    String cookie = signIn(http, base, "qm");

    HttpResponse<String> excluded = get(http, base + "/api/excluded?lang=en", cookie);
    HttpResponse<String> home = get(http, base + "/?lang=zh-CN", cookie);
    HttpResponse<String> drill = get(http, base + "/api/drill?quarter=2026Q3", cookie);

    assertThat(excluded.statusCode()).isEqualTo(200);
    assertThat(excluded.body())
        .contains(
            "\"model\":\"models/staging/stg_sla_events.sql\"",
            "\"rows\":1",
            "\"examples\":\"C2/1/accept_24h/MET\"",
            "Duplicate (a step re-sent or corrected)",
            // the unknown code, named, with the events it was flagged on
            "{\"model\":\"stg_complaint_events\",\"kind\":\"UNKNOWN_COMPONENT\","
                + "\"test\":\"UNKNOWN_COMPONENT\",\"reason\":\"Building component not in"
                + " building_components.csv: counted, shown as unknown\",\"rows\":1,"
                + "\"examples\":\"solar_panel\"}",
            // the correction that was not applied, with its event id
            "{\"model\":\"stg_complaint_events\",\"kind\":\"CONFLICTING_RESEND\","
                + "\"test\":\"CONFLICTING_RESEND\",\"reason\":\"Sent again under the id of a"
                + " row already imported (事件编号, 登记编号, 问卷编号), with other content: the first"
                + " copy is kept and the correction is not applied; import a correction under an"
                + " id of its own\",\"rows\":1,\"examples\":\"E3\"}");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("排除的记录");
    // A reader of another project sees neither the codes nor the corrections of P01's steps.
    HttpResponse<String> excludedForP02 =
        get(http, base + "/api/excluded?lang=en", signIn(http, base, "qm2"));
    assertThat(excludedForP02.statusCode()).isEqualTo(200);
    assertThat(excludedForP02.body())
        .doesNotContain("CONFLICTING_RESEND", "\"E3\"", "UNKNOWN_COMPONENT", "solar_panel");
    assertThat(drill.statusCode()).isEqualTo(200);
    assertThat(drill.body()).contains("\"level\":\"category\"", "\"product\"");
  }

  /** Signs {@code user} (password secret-password) in at {@code base}; the session cookie. */
  private static String signIn(HttpClient http, String base, String user) throws Exception {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "user=" + user + "&password=secret-password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  private static HttpResponse<String> get(HttpClient http, String url, String cookie)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Timeout(60) // a serve that starts would block on its latch: fail, do not hang
  void serveBesideARunningServiceThatServesTheDrillDownNamesItsAddressAndStartsNothing()
      throws Exception {
    QualityLoopConfig config = QualityLoopConfig.load(null, Map.of(), work);
    String[] r;
    try (RunningService service = RunningService.acquire(config).orElseThrow()) {
      service.publish("127.0.0.1:9", "https://127.0.0.1:8443/");

      r = run("serve", "--port", "0", "--plain-http");
    }

    assertThat(r[0]).as(r[1] + r[2]).isEqualTo("1");
    assertThat(r[2])
        .isEqualTo(
            "qualityloop: the running service (qualityloop up) already serves the drill-down at"
                + " https://127.0.0.1:8443/: open that one (a second would share its exports"
                + " folder)"
                + System.lineSeparator());
    assertThat(r[1]).doesNotContain("Drill-down");
  }

  @Test
  void aDrillDownPortTakenByAnotherProgramIsSaidInOneLineNamingThePortBeforeUpStartsAnything()
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());

      String[] r = run("serve", "--port", port, "--plain-http");

      assertThat(r[0]).as(r[1] + r[2]).isEqualTo("1");
      assertThat(r[2])
          .startsWith(
              "qualityloop: the drill-down cannot listen on 127.0.0.1:"
                  + port
                  + ": Address already in use (another program, or another serve, has the port):"
                  + " choose another with serve.port")
          .doesNotContain("BindException", "\tat ");

      String[] up = run("up", "--port", port);

      assertThat(up[0]).as(up[1] + up[2]).isEqualTo("1");
      assertThat(up[1]).as("nothing started: no broker, no jobs").doesNotContain("Kafka:");
      assertThat(up[2])
          .startsWith("qualityloop: the drill-down cannot listen on 127.0.0.1:" + port + ": ");
    }
  }

  /** Collects the server's output and finds the port it printed. */
  private static final class PipedOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    int awaitPort() throws InterruptedException {
      Pattern port = Pattern.compile("Drill-down: http://127\\.0\\.0\\.1:(\\d+)/");
      for (int i = 0; i < 600; i++) {
        Matcher m = port.matcher(bytes.toString(StandardCharsets.UTF_8));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          "the drill-down did not start: " + bytes.toString(StandardCharsets.UTF_8));
    }
  }
}
