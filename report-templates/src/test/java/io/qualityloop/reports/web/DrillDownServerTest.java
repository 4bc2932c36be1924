package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.testutils.BrowserRequirement;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The drill-down served for real (JDK HTTP server, real DuckDB over a Parquet fixture), used over
 * HTTP and in headless Chromium through WebDriver.
 */
class DrillDownServerTest {
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static DrillDownServer server;
  private static String base;

  // 2026Q3 complaints (project, category / sub-category / root cause / department, building):
  //   K1 P01 product / house_quality / workmanship / engineering, building 1 (a deadline missed)
  //   K2 P01 product / house_quality / workmanship / engineering, building 2
  //   K3 P02 product / house_quality / materials / materials,   building 1
  //   K4 P01 service / reception / communication / customer_service, building "=1+1"
  // K1 and K2 come from household hh_a at the same moment: K2 (the later id) repeats K1. K3 is hh_b's.
  // Occupied 100 of 200 households in each project, no revisit: both first revisits are due and under,
  // so hh_a (P01) and hh_b (P02) are on the due list.
  @BeforeAll
  static void serve() throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table("complaint_events", String.join(",",
            received("K1", "P01", "product", "house_quality", "workmanship", "engineering", "1", "hh_a"),
            received("K2", "P01", "product", "house_quality", "workmanship", "engineering", "2", "hh_a"),
            received("K3", "P02", "product", "house_quality", "materials", "materials", "1", "hh_b"),
            received("K4", "P01", "service", "reception", "communication", "customer_service", "=1+1")))
        .table("complaint_sla", LakeFixture.row("complaint_sla", Map.of("outcome_id", "'K1/1/accept_24h'", "complaint_id", "'K1'",
            "cycle", "1", "rule_id", "'accept_24h'", "project_id", "'P01'", "outcome", "'MISSED'", "started_at", "timestamp '2026-08-03 09:00:00'",
            "dt", "date '2026-08-03'")))
        .table("complaint_text", String.join(",",
            text("K1", "P01", "卫生间渗水，物业推诿敷衍", true, "waterproofing", 0.8),
            text("K3", "P02", "地漏堵塞返味", false, "plumbing", 0.7)))
        .table("text_alerts", String.join(",", alert("P01", "渗水", "K1"), alert("P02", "地漏", "K3")))
        .table("survey_comment_tone", String.join(",",
            comment("V1", "P01", "K1", "处理太慢，非常不满意", true), comment("V2", "P01", "K2", "师傅很专业，感谢", false),
            comment("V3", "P02", "K3", "多次报修至今没人管", true)));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
    Path usersFile = dir.resolve("users.properties");
    Files.writeString(usersFile,
        Users.entry("qm", Role.QUALITY_MANAGER, "qm-password".toCharArray(), null, null)
            + Users.entry("qm2", Role.QUALITY_MANAGER, "qm2-password".toCharArray(), "P02", null)
            + Users.entry("boss", Role.EXECUTIVE, "boss-password".toCharArray(), null, null)
            + Users.entry("planner", Role.PLANNER, "planner-password".toCharArray(), null, null), StandardCharsets.UTF_8);
    Users users = Users.load(usersFile, region -> List.of());
    server = new DrillDownServer(ReportTemplates.shipped(), warehouse, users, new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
        new AccessLog(dir.resolve("access.log"), Clock.systemUTC()), new InetSocketAddress("127.0.0.1", 0))
        .showDeliveries(deliveries(dir.resolve("notify_deliveries"))).start();
    base = "http://127.0.0.1:" + server.port();
  }

  /**
   * The notifier's delivery records as it writes them (one JSON line per state): A1 (P01) failed after
   * three attempts, A2 (P02) went to a channel not configured, A3 (P01) was sent, A4 (P01) was cut off
   * during its send; a torn last line after a crash.
   */
  private static Path deliveries(Path root) throws Exception {
    Path day = Files.createDirectories(root.resolve("dt=2026-12-02"));
    String rows = String.join("\n",
        delivery("A1", "P01", "K1", "QUEUED", 0, "09:00:00.100"), delivery("A1", "P01", "K1", "SENDING", 0, "09:00:00.200"),
        delivery("A1", "P01", "K1", "FAILED", 3, "09:00:07.300"),
        delivery("A2", "P02", "K3", "FAILED", 0, "09:01:00"),
        delivery("A3", "P01", "K2", "QUEUED", 0, "09:02:00.100"), delivery("A3", "P01", "K2", "SENDING", 0, "09:02:00.200"),
        delivery("A3", "P01", "K2", "SENT", 1, "09:02:00.300"),
        delivery("A4", "P01", "K4", "QUEUED", 0, "09:03:00.100"), delivery("A4", "P01", "K4", "SENDING", 0, "09:03:00.200"));
    Files.writeString(day.resolve("deliveries-000000000000001.jsonl"), rows + "\n");
    Files.writeString(day.resolve("deliveries-000000000000002.jsonl"),
        delivery("A4", "P01", "K4", "UNCONFIRMED", 0, "09:10:00") + "\n{\"alert_id\":\"A5");
    return root;
  }

  private static String delivery(String alert, String project, String complaint, String status, int attempts, String time) {
    return "{\"alert_id\":\"" + alert + "\",\"route_id\":\"gm\",\"channel\":\"wecom\",\"status\":\"" + status
        + "\",\"alert_type\":\"BREACH\",\"alert_at\":\"2026-12-02T08:59:00\",\"project_id\":\"" + project + "\",\"complaint_id\":\""
        + complaint + "\",\"digest\":1,\"attempts\":" + attempts + ",\"answer\":\"HTTP 200 {\\\"errcode\\\":45009}\",\"recorded_at\":\"2026-12-02T"
        + time + "\",\"alert\":" + (status.equals("QUEUED") ? "{\"severity\":\"MAJOR\"}" : "null") + "}";
  }

  @Test
  void aNotificationsLinkOpensTheComplaintAfterSigningInAndOnlyPathsOfThisServerMayFollow() throws Exception {
    HttpResponse<String> out = get(null, "/complaint?id=K1");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/login?next=" + enc("/complaint?id=K1"));
    assertThat(get(null, "/login?next=" + enc("/complaint?id=K1")).body()).contains("name=\"next\" value=\"/complaint?id=K1\"");
    assertThat(signIn("qm", "qm-password", "/complaint?id=K1").headers().firstValue("Location")).hasValue("/complaint?id=K1");
    assertThat(signIn("qm", "qm-password", "//evil.example/x").headers().firstValue("Location")).hasValue("/");
    assertThat(get(session("qm", "qm-password"), "/complaint?id=K1").headers().firstValue("Location")).hasValue("/#complaint=K1");
  }

  @Test
  void failedAndUnconfirmedNotificationsAreListedLatestStateOnlyInTheReadersProjects() throws Exception {
    String qm = session("qm", "qm-password");
    String rows = get(qm, "/api/deliveries").body();
    assertThat(rows).contains("\"alert_id\":\"A1\"", "\"status\":\"FAILED\"", "\"attempts\":3", "45009", "\"alert_id\":\"A2\"",
        "\"alert_id\":\"A4\"", "\"status\":\"UNCONFIRMED\"").doesNotContain("\"A3\"").doesNotContain("SENDING").doesNotContain("A5");
    assertThat(rows.indexOf("\"A4\"")).as("newest first").isLessThan(rows.indexOf("\"A1\""));
    String qm2 = get(session("qm2", "qm2-password"), "/api/deliveries").body();
    assertThat(qm2).contains("\"A2\"").doesNotContain("\"A1\"").doesNotContain("\"A4\"");
    assertThat(get(session("boss", "boss-password"), "/api/deliveries").statusCode()).isEqualTo(403);
  }

  @AfterAll
  static void stop() {
    server.close();
    warehouse.close();
  }

  @Test
  void signInIsRequiredAndAWrongPasswordIsRefused() throws Exception {
    assertThat(get(null, "/api/drill").statusCode()).isEqualTo(401);
    assertThat(get(null, "/").statusCode()).isEqualTo(303);
    assertThat(signIn("qm", "wrong").statusCode()).isEqualTo(401);
    assertThat(signIn("nobody", "qm-password").statusCode()).isEqualTo(401);
  }

  @Test
  void aQualityManagerDrillsDownToTheComplaintsAndOneTimelineWhichTheAccessLogRecords() throws Exception {
    String qm = session("qm", "qm-password");
    assertThat(get(qm, "/api/drill?quarter=2026Q3").body())
        .contains("\"key\":\"product\",\"label_zh\":\"产品类\",\"label_en\":\"Product\",\"complaints\":3,\"breached\":1")
        .contains("\"key\":\"service\",\"label_zh\":\"服务类\",\"label_en\":\"Service\",\"complaints\":1,\"breached\":0");
    assertThat(get(qm, "/api/drill?quarter=2026Q3&path=" + enc("category:product/sub_category:house_quality")).body())
        .contains("\"level\":\"root_cause\"").contains("\"key\":\"workmanship\",\"label_zh\":\"施工工艺\"", "\"complaints\":2")
        .contains("\"key\":\"materials\"");
    String bottom = "category:product/sub_category:house_quality/root_cause:workmanship/responsible_department:engineering/project_id:P01/building:1";
    assertThat(get(qm, "/api/drill?path=" + enc(bottom)).body()).contains("\"level\":\"complaints\"", "\"complaint_id\":\"K1\"")
        .doesNotContain("\"K2\"");
    HttpResponse<String> timeline = get(qm, "/api/complaint?id=K1");
    assertThat(timeline.statusCode()).isEqualTo(200);
    assertThat(timeline.body()).contains("\"event_type\":\"RECEIVED\"", "\"rule_id\":\"accept_24h\"", "\"outcome\":\"MISSED\"");
    assertThat(Files.readAllLines(dir.resolve("access.log"))).anySatisfy(l -> assertThat(l).contains("\tqm\tquality_manager\tcomplaint\tK1"));
  }

  @Test
  void theVoiceOfTheCustomerListsEmergingIssuesAndSuggestionsAndTheToneFiltersTheDrill() throws Exception {
    String qm = session("qm", "qm-password");
    // K1 (P01, product, no component) reads negative; K3 (P02) does not: the tone filter keeps K1 only
    assertThat(get(qm, "/api/drill?quarter=2026Q3&tone=negative").body())
        .contains("\"key\":\"product\",\"label_zh\":\"产品类\",\"label_en\":\"Product\",\"complaints\":1").doesNotContain("service");
    String voice = get(qm, "/api/voice").body();
    assertThat(voice).contains("\"term\":\"渗水\"", "\"term\":\"地漏\"", "\"complaint_ids\":[\"K1\"]", "\"lift_percent\":100")
        .contains("\"complaint_id\":\"K1\"", "\"suggested_component\":\"waterproofing\"", "\"needs_review_because\":\"component_missing\"")
        .contains("\"suggested_component\":\"plumbing\"");
    assertThat(get(qm, "/api/complaint?id=K1").body()).contains("\"negative_tone\":true", "\"suggestion_confidence\":0.8");
    assertThat(get(qm, "/export.csv?view=suggestions").body()).contains("K1", "waterproofing");
    String qm2 = session("qm2", "qm2-password");
    // negative comments only, newest first, each reader's projects only
    assertThat(voice).contains("非常不满意", "至今没人管").doesNotContain("感谢");
    assertThat(get(qm2, "/api/voice").body()).contains("地漏", "K3", "至今没人管").doesNotContain("渗水").doesNotContain("K1")
        .doesNotContain("非常不满意");
    assertThat(get(session("boss", "boss-password"), "/api/voice").statusCode()).isEqualTo(403);
    // the staff view carries the quarter's team comparison (no callback answers are credited in this fixture)
    assertThat(get(qm, "/api/staff?month=2026-08").body()).contains("\"month\":\"2026-08\"", "\"benchmarks\":[]");
  }

  @Test
  void theProceduresViewListsRepeatComplaintsTheRevisitDueListAndInvestigationsInTheReadersScope() throws Exception {
    String qm = session("qm", "qm-password");
    String all = get(qm, "/api/procedures").body();
    assertThat(all).contains("\"complaint_id\":\"K2\"", "\"previous_complaint_id\":\"K1\"", "\"repeat_reason\":\"window\"")
        .doesNotContain("\"complaint_id\":\"K1\"")
        .contains("\"household_id\":\"hh_a\"", "\"household_id\":\"hh_b\"", "\"survey_type\":\"FIRST_REVISIT\"", "\"project_still_to_visit\":90")
        .contains("\"investigations\":[]");
    assertThat(Files.readAllLines(dir.resolve("access.log"))).anySatisfy(l -> assertThat(l).contains("\tqm\tquality_manager\tprocedures"));
    assertThat(get(session("qm2", "qm2-password"), "/api/procedures").body()).contains("hh_b").doesNotContain("hh_a").doesNotContain("K2");
    assertThat(get(qm, "/export.csv?view=revisit-due").body()).startsWith("\ufeffproject_id,survey_type,year,household_id").contains("hh_a");
    assertThat(get(session("boss", "boss-password"), "/api/procedures").statusCode()).isEqualTo(403);
  }

  @Test
  void aUserLimitedToAProjectSeesOnlyItEverywhere() throws Exception {
    String qm2 = session("qm2", "qm2-password");
    assertThat(get(qm2, "/api/drill?quarter=2026Q3").body()).contains("\"key\":\"product\"", "\"complaints\":1").doesNotContain("service");
    assertThat(get(qm2, "/api/complaint?id=K1").statusCode()).isEqualTo(404);
    assertThat(get(qm2, "/api/complaint?id=K3").statusCode()).isEqualTo(200);
  }

  @Test
  void anExecutiveSeesAggregatesOnlyAndAPlannerTheLessonsOnly() throws Exception {
    String boss = session("boss", "boss-password");
    assertThat(get(boss, "/api/drill?quarter=2026Q3").statusCode()).isEqualTo(200);
    String bottom = "category:service/sub_category:reception/root_cause:communication/responsible_department:customer_service/project_id:P01/building:1";
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
    String path = "category:service/sub_category:reception/root_cause:communication/responsible_department:customer_service/project_id:P01";
    String csv = get(qm, "/export.csv?view=drill&path=" + enc(path)).body();
    assertThat(csv).startsWith("\ufeffkey,label_zh,label_en,complaints,breached").contains("'=1+1");
    HttpResponse<String> injected = get(qm, "/api/drill?path=" + enc("category:x' or '1'='1"));
    assertThat(injected.statusCode()).isEqualTo(200);
    assertThat(injected.body()).contains("\"rows\":[]");
  }

  @Test
  void inChromiumAClickOnABarDrillsTwoLevelsAndTheBreadcrumbGoesBackWithoutConsoleErrors() throws Exception {
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
      wait.until(d -> d.findElement(By.id("timeline")).isDisplayed() && d.findElement(By.id("timeline-id")).getText().equals("K1"));
      assertThat(driver.getCurrentUrl()).endsWith("/#complaint=K1");
      wait.until(d -> crumbs(d) == 1 && barCount(d) > 0);
      assertThat(driver.findElement(By.id("level-title")).getText()).isEqualTo("投诉类别");
      screenshot(driver, shots.resolve("drill-0-categories.png"));

      clickFirstBar(driver);
      wait.until(d -> crumbs(d) == 2 && d.findElement(By.id("level-title")).getText().equals("子类"));
      clickFirstBar(driver);
      wait.until(d -> crumbs(d) == 3 && d.findElement(By.id("level-title")).getText().equals("根本原因"));
      assertThat(driver.findElement(By.id("crumbs")).getText()).isEqualTo("全部投诉 › 产品类 › 房屋质量");
      screenshot(driver, shots.resolve("drill-2-root-causes.png"));

      driver.findElements(By.cssSelector("#crumbs a")).get(0).click();
      wait.until(d -> crumbs(d) == 1 && d.findElement(By.id("level-title")).getText().equals("投诉类别"));

      // The voice of the customer: emerging issues with their complaints; a click opens the complaint
      driver.findElement(By.cssSelector("header a[data-view='voice']")).click();
      wait.until(d -> d.findElements(By.cssSelector("#emerging tbody tr")).size() == 2
          && d.findElements(By.cssSelector("#negative-comments tbody tr")).size() == 2);
      assertThat(driver.findElement(By.id("emerging")).getText()).contains("渗水 +100%", "地漏 +100%");
      screenshot(driver, shots.resolve("voice-of-customer.png"));
      driver.findElements(By.cssSelector("#emerging a.complaint")).stream().filter(a -> a.getText().equals("K1")).findFirst().orElseThrow().click();
      wait.until(d -> d.findElement(By.id("timeline")).isDisplayed() && d.findElement(By.id("timeline-id")).getText().equals("K1"));
      assertThat(driver.findElement(By.id("timeline-text")).getText()).contains("waterproofing");

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
      assertThat(driver.findElement(By.tagName("body")).getText()).isEqualTo("Your role may not open this.");
    } finally {
      driver.quit();
    }
  }

  private static WebDriver webDriver(HeadlessChromium chromium) {
    return BrowserRequirement.webDriver(chromium, 1280, 900);
  }

  private static long crumbs(WebDriver d) {
    return d.findElements(By.cssSelector("#crumbs a")).size();
  }

  private static long barCount(WebDriver d) {
    Object n = ((JavascriptExecutor) d).executeScript(
        "var o = window.drillChart && window.drillChart.getOption(); return o && o.series && o.series.length ? o.series[0].data.length : 0;");
    return ((Number) n).longValue();
  }

  /** A real mouse click in the middle of the first bar, found where ECharts drew it. */
  private static void clickFirstBar(WebDriver driver) {
    WebElement chart = driver.findElement(By.id("chart"));
    @SuppressWarnings("unchecked")
    List<Number> xy = (List<Number>) ((JavascriptExecutor) driver).executeScript(
        "var r = window.drillChart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);"
            + "return [r.x + r.width / 2, r.y + r.height / 2];");
    int dx = (int) Math.round(xy.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
    int dy = (int) Math.round(xy.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
    new Actions(driver).moveToElement(chart, dx, dy).click().perform();
  }

  private static void screenshot(WebDriver driver, Path file) throws Exception {
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static HttpResponse<String> signIn(String user, String password) throws Exception {
    return signIn(user, password, null);
  }

  private static HttpResponse<String> signIn(String user, String password, String next) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=" + enc(user) + "&password=" + enc(password) + (next == null ? "" : "&next=" + enc(next))))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String session(String user, String password) throws Exception {
    HttpResponse<String> r = signIn(user, password);
    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static HttpResponse<String> get(String cookie, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String text(String id, String project, String description, boolean negative, String component, double confidence) {
    return LakeFixture.row("complaint_text", Map.ofEntries(Map.entry("complaint_id", "'" + id + "'"), Map.entry("event_id", "'" + id + "-1'"),
        Map.entry("project_id", "'" + project + "'"), Map.entry("occurred_at", "timestamp '2026-08-03 09:00:00'"),
        Map.entry("week_start", "'2026-08-03'"), Map.entry("description", "'" + description + "'"), Map.entry("terms", "[]"),
        Map.entry("negative_tone", String.valueOf(negative)), Map.entry("tone_score", negative ? "6" : "0"), Map.entry("tone_words", "[]"),
        Map.entry("suggested_component", "'" + component + "'"), Map.entry("suggestion_confidence", String.valueOf(confidence)),
        Map.entry("suggestion_evidence", "[]"), Map.entry("dt", "date '2026-08-03'")));
  }

  private static String comment(String survey, String project, String complaint, String text, boolean negative) {
    return LakeFixture.row("survey_comment_tone", Map.of("survey_id", "'" + survey + "'", "project_id", "'" + project + "'",
        "complaint_id", "'" + complaint + "'", "occurred_at", "timestamp '2026-08-10 10:00:00'", "comment", "'" + text + "'",
        "negative_tone", String.valueOf(negative), "tone_score", negative ? "4.5" : "-5", "tone_words", "[]", "dt", "date '2026-08-10'"));
  }

  private static String alert(String project, String term, String complaint) {
    return LakeFixture.row("text_alerts", Map.ofEntries(Map.entry("alert_id", "'surge|" + project + "|2026-08-03|" + term + "'"),
        Map.entry("alert_type", "'EMERGING_ISSUE'"), Map.entry("alert_at", "timestamp '2026-08-10 00:00:00'"),
        Map.entry("project_id", "'" + project + "'"), Map.entry("week_start", "'2026-08-03'"), Map.entry("term", "'" + term + "'"),
        // one complaint text per project that week, so observed is 1 (the share of the week's texts must be possible)
        Map.entry("observed", "1"), Map.entry("expected", "0.5"), Map.entry("p_value", "0.39"), Map.entry("lift_percent", "100"),
        Map.entry("baseline_weeks", "8"), Map.entry("complaint_ids", "['" + complaint + "']"), Map.entry("dt", "date '2026-08-10'")));
  }

  private static String received(String id, String project, String category, String sub, String cause, String department, String building) {
    return received(id, project, category, sub, cause, department, building, null);
  }

  private static String received(String id, String project, String category, String sub, String cause, String department, String building,
      String household) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("event_id", "'" + id + "-1'", "occurred_at", "timestamp '2026-08-03 09:00:00'",
        "complaint_id", "'" + id + "'", "event_type", "'RECEIVED'", "project_id", "'" + project + "'", "category", "'" + category + "'",
        "sub_category", "'" + sub + "'", "root_cause", "'" + cause + "'", "responsible_department", "'" + department + "'",
        "building", "'" + building + "'"));
    if (household != null) {
      values.put("household_id", "'" + household + "'");
    }
    return LakeFixture.row("complaint_events", values);
  }
}
