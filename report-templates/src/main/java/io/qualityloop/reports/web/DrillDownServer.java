package io.qualityloop.reports.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.qualityloop.events.FollowUpEvent;
import io.qualityloop.events.privacy.TextScrubber;
import io.qualityloop.reports.LessonsPack;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.ScriptJson;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qualityloop serve}: the quality managers' drill-down as a local web app on the JDK's HTTP
 * server. Category -> sub-category -> root cause -> responsible department -> project -> building
 * -> complaint list -> one complaint's timeline, with filters (quarter, project, channel, severity,
 * deadline broken, negative tone), every view exported to CSV (formulas neutralised), the SLA board
 * of open complaints, staff scorecards with their drill-through, the voice of the customer
 * (emerging issues with their complaints, and the classifications suggested for complaints filed as
 * "other" or without a component), and the planners' lessons.
 *
 * <p>Sign-in is required (users file, hashed passwords, sessions that end when idle). Executives
 * see aggregates only, quality managers go down to single complaints, planners see the lessons;
 * every complaint-level view is written to the access log. A user limited to some projects sees
 * only those, everywhere. Values reach DuckDB only as bound parameters.
 */
public final class DrillDownServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DrillDownServer.class);
  private static final String COOKIE = "ql_session";
  private static final String WEB = "web";

  private final ReportTemplates templates;
  private final Warehouse warehouse;
  private final Users users;
  private final Sessions sessions;
  private final AccessLog accessLog;
  private final HttpServer server;
  private final SignInThrottle throttle;
  private final String cookieAttributes;

  /**
   * At most as many password checks at once as there are cores: PBKDF2 cannot take every request
   * thread.
   */
  private final Semaphore passwordChecks =
      new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * ECharts as a static file (cached a year, gzip-compressed once here), not inlined in every page.
   */
  private final ImmutableAsset echarts = ImmutableAsset.echarts();

  /**
   * The notifier's delivery records (JSON lines), for the view of failed notifications; null: none
   * kept.
   */
  private volatile Path deliveriesDir;

  /**
   * The scheduled reports' outbox ({@code out/outbox}), whose files e-mailed links open; null:
   * none.
   */
  private volatile Path outboxDir;

  private volatile ZoneId zone = ZoneId.systemDefault();

  /** Complaint-level exports: requested, approved by another user, then downloaded (先审批后调取). */
  private volatile ExportApprovals approvals;

  /** Follow-ups: shown always, changed only with a publisher ({@link #publishFollowUps}). */
  private volatile FollowUps followUps;

  /** The largest request body read (a sign-in form); a larger request is refused with 413. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  public DrillDownServer(
      ReportTemplates templates,
      Warehouse warehouse,
      Users users,
      Sessions sessions,
      AccessLog accessLog,
      InetSocketAddress address)
      throws IOException {
    this(
        templates,
        warehouse,
        users,
        sessions,
        accessLog,
        new SignInThrottle(SignInThrottle.Settings.DEFAULTS, Clock.systemUTC()),
        address);
  }

  public DrillDownServer(
      ReportTemplates templates,
      Warehouse warehouse,
      Users users,
      Sessions sessions,
      AccessLog accessLog,
      SignInThrottle throttle,
      InetSocketAddress address)
      throws IOException {
    this(templates, warehouse, users, sessions, accessLog, throttle, null, address);
  }

  /**
   * @param tls the TLS context to serve HTTPS with (the session cookie is then {@code Secure}), or
   *     null for plain HTTP
   */
  public DrillDownServer(
      ReportTemplates templates,
      Warehouse warehouse,
      Users users,
      Sessions sessions,
      AccessLog accessLog,
      SignInThrottle throttle,
      SSLContext tls,
      InetSocketAddress address)
      throws IOException {
    this.throttle = throttle;
    this.cookieAttributes = "; HttpOnly; SameSite=Strict; Path=/" + (tls != null ? "; Secure" : "");
    this.templates = templates;
    this.warehouse = warehouse;
    this.users = users;
    this.sessions = sessions;
    this.accessLog = accessLog;
    // TCP_NODELAY on accepted connections (read once, when the JDK's server is first used): without
    // it a
    // response written as headers and body waits ~40 ms for the client's delayed ACK (Nagle).
    System.setProperty(
        "sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 0);
    }
    this.followUps = new FollowUps(warehouse, this::sql, null, Clock.systemUTC());
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "drill-down-http");
            t.setDaemon(true);
            return t;
          });

  /**
   * Shows the notifier's failed deliveries, read from its delivery records in {@code dir}
   * (lake/notify_deliveries).
   */
  public DrillDownServer showDeliveries(Path dir) {
    this.deliveriesDir = dir;
    return this;
  }

  /**
   * Where approved exports are written and how long their requester may download them ({@code
   * serve.exports-dir}, {@code serve.export-download-within}).
   */
  public DrillDownServer approveExportsWith(ExportApprovals exportApprovals) {
    this.approvals = exportApprovals;
    return this;
  }

  /**
   * The export approvals: by default the approved files in the access log's folder ({@code
   * exports/}), kept 24 h, made at first use (`serve` sets serve.exports-dir).
   */
  private synchronized ExportApprovals approvals() {
    if (approvals == null) {
      approvals =
          new ExportApprovals(
              accessLog.file().toAbsolutePath().getParent().resolve("exports"),
              Duration.ofHours(24),
              Clock.systemUTC(),
              accessLog,
              users::stillHolds);
    }
    return approvals;
  }

  /**
   * Lets quality managers change follow-ups: each change is published through {@code publisher}
   * (the follow-up events topic), with its time read from {@code clock}.
   */
  public DrillDownServer publishFollowUps(FollowUpPublisher publisher, Clock clock) {
    this.followUps = new FollowUps(warehouse, this::sql, publisher, clock);
    return this;
  }

  /**
   * Serves the scheduled reports of {@code dir} ({@code out/outbox}) at {@code
   * /outbox/<job>/<file>}: the link an e-mail carries when a report is too large to attach. Readers
   * of aggregates who see every project may open them; a reader limited to some projects may not (a
   * report is of the company or of another scope).
   */
  public DrillDownServer showOutbox(Path dir) {
    this.outboxDir = dir.toAbsolutePath().normalize();
    return this;
  }

  /**
   * The company's time zone ({@code time.zone}): what "today" and "this quarter" mean on the home
   * panel.
   */
  public DrillDownServer inZone(ZoneId companyZone) {
    this.zone = companyZone;
    return this;
  }

  public DrillDownServer start() {
    server.start();
    return this;
  }

  /** Whether the server speaks HTTPS. */
  public boolean secure() {
    return server instanceof HttpsServer;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      securityHeaders(ex);
      String length = ex.getRequestHeaders().getFirst("Content-Length");
      if (length != null
          && (!length.matches("\\d{1,18}") || Long.parseLong(length) > MAX_BODY_BYTES)) {
        error(ex, 413, "error.too-large");
        return;
      }
      if (ex.getRequestMethod().equals("POST") && !sameOrigin(ex)) {
        error(ex, 403, "error.cross-site");
        return;
      }
      route(ex);
    } catch (ExportApprovals.Refused e) {
      error(ex, e.status(), e.label());
    } catch (Forbidden e) {
      error(ex, 403, "error.forbidden");
    } catch (IllegalArgumentException e) {
      error(ex, 400, "error.bad-request", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} failed", ex.getRequestURI().getPath(), e);
      error(ex, 500, "error.failed");
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    ReportLanguage lang = ReportLanguage.parse(q.getOrDefault("lang", "zh-CN"));
    if (path.equals(echarts.path()) && (method.equals("GET") || method.equals("HEAD"))) {
      echarts.serve(ex); // a public library: no sign-in, so that the browser's cache serves it
      return;
    }
    if (path.equals("/favicon.ico")) {
      send(ex, 204, "image/x-icon", new byte[0]);
      return;
    }
    if (path.equals("/login") && method.equals("GET")) {
      page(ex, 200, "login.peb", Map.of("error", false, "next", safeNext(q.get("next"))), lang);
      return;
    }
    if (path.equals("/login") && method.equals("POST")) {
      signIn(ex, lang);
      return;
    }
    Optional<User> signedIn = sessions.user(cookie(ex));
    if (signedIn.isPresent() && !users.stillHolds(signedIn.get())) {
      // removed from the users file, or their role or scope changed since they signed in
      sessions.end(cookie(ex));
      accessLog.record(signedIn.get(), "session_ended_user_changed", null);
      signedIn = Optional.empty();
    }
    if (signedIn.isEmpty()) {
      if (path.startsWith("/api/") || path.startsWith("/export")) {
        error(ex, 401, "error.sign-in");
      } else if (path.startsWith("/outbox/")) {
        // a scheduled report's link from an e-mail: back to it after signing in
        redirect(
            ex,
            "/login?next="
                + URLEncoder.encode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8));
      } else if (path.equals("/complaint")) {
        // a link from a notification: back to it after signing in
        redirect(
            ex,
            "/login?next="
                + URLEncoder.encode(
                    "/complaint?" + ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
      } else {
        redirect(ex, "/login");
      }
      return;
    }
    User user = signedIn.get();
    if (path.startsWith("/outbox/")) {
      outboxFile(ex, path.substring("/outbox/".length()), user);
      return;
    }
    switch (path) {
      case "/logout" -> {
        if (!method.equals("POST")) {
          ex.getResponseHeaders().set("Allow", "POST");
          error(ex, 405, "error.logout-post");
          return;
        }
        sessions.end(cookie(ex));
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + cookieAttributes + "; Max-Age=0");
        redirect(ex, "/login");
      }
      case "/" -> {
        if (!user.role().seesAggregates()) {
          redirect(ex, "/lessons");
          return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("user", user.name());
        model.put("role", user.role().name().toLowerCase());
        model.put("seesComplaints", user.role().seesComplaints());
        model.put("approver", user.approver());
        model.put(
            "quarters",
            warehouse
                .query("select distinct quarter from fct_complaint_drill order by quarter desc")
                .stream()
                .map(r -> r.get("quarter").toString())
                .toList());
        model.put("echartsSrc", echarts.path());
        model.put(
            "codesJson",
            ScriptJson.embed(json.writeValueAsString(CodeLabels.of(warehouse, templates, lang))));
        page(ex, 200, "app.peb", model, lang);
      }
      case "/lessons" -> {
        LessonsPack pack = new LessonsPack(templates, warehouse);
        String html =
            pack.render(
                new LessonsPack.Filter(
                    blankToNull(q.get("product_type")),
                    blankToNull(q.get("city")),
                    user.projects()),
                lang,
                ZonedDateTime.now());
        pagePolicy(ex, nonce());
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
      }
      case "/api/drill" -> {
        require(user.role().seesAggregates());
        DrillQuery d = drill(q, user);
        String level = d.nextLevel();
        if (level == null) {
          require(user.role().seesComplaints());
          List<Map<String, Object>> rows = complaints(d);
          accessLog.record(
              user, "complaint_list", q.getOrDefault("path", "") + " rows=" + rows.size());
          json(ex, Map.of("level", "complaints", "rows", rows));
        } else {
          json(ex, Map.of("level", level, "rows", drillRows(d, level)));
        }
      }
      case "/api/complaint" -> {
        require(user.role().seesComplaints());
        String id = q.get("id");
        List<Map<String, Object>> events =
            plain(warehouse.query(sql("timeline.sql"), id, user.scopeParameter()));
        if (events.isEmpty()) {
          // asked for, not shown (another project's, or none): the auditor tells the two apart
          accessLog.record(user, "complaint_refused", id + " not in scope or unknown");
          error(ex, 404, "error.no-complaint");
          return;
        }
        accessLog.record(user, "complaint", id);
        json(
            ex,
            Map.of(
                "id",
                id,
                "events",
                events,
                "sla",
                plain(warehouse.query(sql("timeline_sla.sql"), id, user.scopeParameter())),
                "text",
                plain(warehouse.query(sql("complaint_text.sql"), id, user.scopeParameter()))));
      }
      case "/complaint" -> {
        // the link of a notification message: the drill-down opens this complaint's timeline
        require(user.role().seesComplaints());
        redirect(
            ex,
            "/#complaint=" + URLEncoder.encode(q.getOrDefault("id", ""), StandardCharsets.UTF_8));
      }
      case "/api/deliveries" -> {
        require(user.role().seesComplaints());
        json(ex, Map.of("rows", failedDeliveries(user)));
      }
      case "/api/voice" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "voice_of_customer", null);
        json(
            ex,
            Map.of(
                "emerging",
                plain(warehouse.query(sql("emerging_issues.sql"), user.scopeParameter())),
                "suggestions",
                plain(warehouse.query(sql("suggestions.sql"), user.scopeParameter())),
                "comments",
                plain(warehouse.query(sql("negative_comments.sql"), user.scopeParameter()))));
      }
      case "/api/home" -> {
        require(user.role().seesAggregates());
        json(ex, home(user));
      }
      case "/api/sla-board" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "sla_board", null);
        json(
            ex,
            Map.of(
                "rows",
                plain(warehouse.query(sql("sla_board.sql"), user.scopeParameter(), localNow()))));
      }
      case "/api/excluded" -> {
        require(user.role().seesAggregates());
        json(
            ex,
            Map.of("rows", excluded(user, ReportLanguage.parse(q.getOrDefault("lang", "zh-CN")))));
      }
      case "/api/staff" -> {
        require(user.role().seesComplaints());
        json(
            ex,
            Map.of(
                "month",
                month(q),
                "rows",
                plain(warehouse.query(sql("staff.sql"), month(q), user.scopeParameter())),
                "benchmarks",
                plain(
                    warehouse.query(
                        sql("staff_benchmarks.sql"), month(q), user.scopeParameter()))));
      }
      case "/api/staff-detail" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "staff_score", q.get("staff") + " " + month(q));
        json(
            ex,
            Map.of(
                "parts",
                plain(
                    warehouse.query(
                        sql("staff_detail.sql"), month(q), user.scopeParameter(), q.get("staff"))),
                "answers",
                plain(
                    warehouse.query(
                        sql("staff_answers.sql"),
                        month(q),
                        user.scopeParameter(),
                        q.get("staff")))));
      }
      case "/api/procedures" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "procedures", null);
        json(
            ex,
            Map.of(
                "repeats",
                plain(warehouse.query(sql("repeat_complaints.sql"), user.scopeParameter())),
                "revisitDue",
                plain(warehouse.query(sql("revisit_due.sql"), user.scopeParameter())),
                "investigations",
                plain(warehouse.query(sql("special_investigations.sql"), user.scopeParameter()))));
      }
      case "/api/followups" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "followups", q.get("status"));
        json(
            ex,
            Map.of(
                "rows", followUps.list(user, q.get("status")), "canChange", followUps.canChange()));
      }
      case "/api/followup" -> {
        require(user.role().seesComplaints());
        if (method.equals("POST")) {
          changeFollowUp(ex, user);
          return;
        }
        Map<String, Object> detail = followUps.detail(user, q.getOrDefault("id", ""));
        accessLog.record(
            user,
            detail == null ? "followup_refused" : "followup",
            detail == null ? q.get("id") + " not in scope or unknown" : q.get("id"));
        if (detail == null) {
          send(
              ex,
              404,
              "text/plain; charset=utf-8",
              "No such follow-up in your scope.".getBytes(StandardCharsets.UTF_8));
          return;
        }
        json(ex, detail);
      }
      case "/export.csv" -> export(ex, q, user);
      case "/api/export-requests" -> exportRequests(ex, method, q, user);
      case "/api/export-requests/approve", "/api/export-requests/reject" -> {
        requirePost(method);
        ExportApprovals.Request r =
            approvals()
                .decide(
                    user,
                    q.get("id"),
                    path.endsWith("/approve"),
                    request ->
                        csv(exportRows(request.view(), request.parameters(), request.requester())));
        json(ex, Map.of("id", r.id(), "status", r.status().name()));
      }
      case "/export-requests/download" -> {
        byte[] csv = approvals().download(user, q.get("id"));
        ExportApprovals.Request r = approvals().find(q.get("id")).orElseThrow();
        ex.getResponseHeaders()
            .add(
                "Content-Disposition",
                "attachment; filename=\"qualityloop-" + r.view() + "-" + r.id() + ".csv\"");
        send(ex, 200, "text/csv; charset=utf-8", csv);
      }
      default -> error(ex, 404, "error.not-found");
    }
  }

  /**
   * A sign-in: refused unchecked while the name or address is throttled (429, with Retry-After), or
   * while every password-check slot is busy (503); otherwise checked, and a failure counted. Every
   * failure and refusal is written to the access log with the address.
   */
  private void signIn(HttpExchange ex, ReportLanguage lang) throws IOException {
    byte[] body = ex.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      error(ex, 413, "error.too-large");
      return;
    }
    Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
    String name = form.getOrDefault("user", "");
    String address = ex.getRemoteAddress().getAddress().getHostAddress();
    SignInThrottle.Verdict verdict = throttle.check(name, address);
    if (!verdict.allowed()) {
      accessLog.record(name, "-", "sign_in_refused", address + " " + verdict.reason());
      ex.getResponseHeaders()
          .set(
              "Retry-After",
              String.valueOf(Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000)));
      page(
          ex,
          429,
          "login.peb",
          Map.of("error", "login.throttled", "next", safeNext(form.get("next"))),
          lang);
      return;
    }
    if (!passwordChecks.tryAcquire()) {
      accessLog.record(name, "-", "sign_in_refused", address + " busy");
      ex.getResponseHeaders().set("Retry-After", "1");
      page(
          ex,
          503,
          "login.peb",
          Map.of("error", "login.busy", "next", safeNext(form.get("next"))),
          lang);
      return;
    }
    Optional<User> user;
    try {
      user = users.authenticate(name, form.getOrDefault("password", "").toCharArray());
    } finally {
      passwordChecks.release();
    }
    if (user.isEmpty()) {
      Duration wait = throttle.failed(name, address);
      accessLog.record(
          name, "-", "sign_in_failed", address + " next attempt in " + wait.toSeconds() + " s");
      page(
          ex,
          401,
          "login.peb",
          Map.of("error", "login.failed", "next", safeNext(form.get("next"))),
          lang);
      return;
    }
    throttle.succeeded(name);
    accessLog.record(user.get(), "sign_in", address);
    String token = sessions.start(user.get());
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + cookieAttributes);
    redirect(ex, safeNext(form.get("next")));
  }

  /**
   * A quality manager's change to a follow-up (form: id, action, assignee, outcome, comment),
   * published as a follow-up event and written to the access log; 404 outside the user's projects,
   * 409 when closed already, 503 when changes cannot be stored.
   */
  private void changeFollowUp(HttpExchange ex, User user) throws IOException {
    byte[] body = ex.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      send(
          ex,
          413,
          "text/plain; charset=utf-8",
          "Request too large.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
    FollowUpEvent event;
    try {
      event = followUps.change(user, form);
    } catch (FollowUps.Closed e) {
      send(
          ex,
          409,
          "text/plain; charset=utf-8",
          "This follow-up is closed.".getBytes(StandardCharsets.UTF_8));
      return;
    } catch (FollowUps.Unavailable | IllegalStateException e) {
      LOG.warn("follow-up change not stored: {}", e.getMessage());
      send(
          ex,
          503,
          "text/plain; charset=utf-8",
          "The change could not be stored; try again later.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (event == null) {
      send(
          ex,
          404,
          "text/plain; charset=utf-8",
          "No such follow-up in your scope.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    accessLog.record(user, "followup_" + event.action().name().toLowerCase(), event.followupId());
    json(ex, Map.of("saved", true, "event_id", event.eventId(), "action", event.action().name()));
  }

  /**
   * A state-changing request must come from the drill-down's own pages: a foreign Origin is
   * refused.
   */
  private static boolean sameOrigin(HttpExchange ex) {
    String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    String host = ex.getRequestHeaders().getFirst("Host");
    if (origin == null) {
      return true; // not a browser (browsers send Origin with every POST); the cookie is
      // SameSite=Strict
    }
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  /**
   * No framing, no referrer, and by default no scripts, styles or connections at all (pages allow
   * their own).
   */
  private static void securityHeaders(HttpExchange ex) {
    ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    ex.getResponseHeaders()
        .set(
            "Referrer-Policy",
            "same-origin"); // "no-referrer" would make browsers send Origin: null
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }

  /** Only a path of this server (not {@code //host}) may follow a sign-in. */
  private static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
        ? next
        : "/";
  }

  /**
   * A scheduled report (PDF, or its HTML as a download) from the outbox; anything else, or outside
   * it, is not found.
   */
  private void outboxFile(HttpExchange ex, String relative, User user) throws IOException {
    require(user.role().seesAggregates() && user.projects() == null);
    Path root = outboxDir;
    Path file = root == null ? null : root.resolve(relative).normalize();
    String name = file == null ? "" : file.getFileName().toString();
    if (file == null
        || !file.startsWith(root)
        || relative.contains("/.")
        || relative.startsWith(".")
        || !Files.isRegularFile(file)
        || !(name.endsWith(".pdf") || name.endsWith(".html"))) {
      send(ex, 404, "text/plain; charset=utf-8", "Not found.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    accessLog.record(user, "scheduled_report", relative);
    ex.getResponseHeaders()
        .set(
            "Content-Type", name.endsWith(".pdf") ? "application/pdf" : "text/html; charset=utf-8");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders()
        .set(
            "Content-Disposition",
            (name.endsWith(".pdf") ? "inline" : "attachment")
                + "; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    long size = Files.size(file);
    ex.sendResponseHeaders(200, size == 0 ? -1 : size);
    try (OutputStream out = ex.getResponseBody()) {
      Files.copy(file, out);
    }
  }

  /**
   * The notifier's deliveries given up on (FAILED) or cut off (UNCONFIRMED), latest state per alert
   * and route, in the reader's scope.
   */
  private List<Map<String, Object>> failedDeliveries(User user) throws IOException {
    Path dir = deliveriesDir;
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
              .map(p -> "'" + p.toString().replace("'", "''") + "'")
              .toList();
    }
    if (files.isEmpty()) {
      return List.of();
    }
    return plain(
        warehouse.query(
            sql("failed_deliveries.sql")
                .replace("{{ deliveries }}", "[" + String.join(", ", files) + "]"),
            user.scopeParameter()));
  }

  /** Now in the company's time zone, as the lake's timestamps are (an ISO local date-time). */
  private String localNow() {
    return LocalDateTime.now(zone).withNano(0).toString();
  }

  /**
   * The home panel: this quarter's company KPIs against target (for readers of every project; a
   * scoped reader's KPIs are their scope's report), today's warnings and breaches in the reader's
   * scope, and the years with data that the working calendar does not cover.
   */
  private Map<String, Object> home(User user) {
    LocalDate today = LocalDate.now(zone);
    String quarter = today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1);
    Map<String, Object> home = new HashMap<>();
    home.put("today", today.toString());
    home.put("quarter", quarter);
    home.put("scoped", user.projects() != null);
    home.put(
        "kpis",
        user.projects() == null
            ? plain(warehouse.query(sql("home_kpis.sql"), quarter))
            : List.of());
    home.put(
        "alerts",
        plain(
                warehouse.query(
                    sql("home_alerts.sql"), today.toString(), user.scopeParameter(), localNow()))
            .get(0));
    // years with data past the working calendar: the page warns (label calendar.uncovered)
    home.put("calendar", plain(warehouse.query(sql("calendar_coverage.sql"))));
    return home;
  }

  /**
   * Rows the warehouse excluded, by table and rule, in the reader's scope, with the reason in
   * {@code lang}.
   */
  private List<Map<String, Object>> excluded(User user, ReportLanguage lang) {
    Map<String, String> labels = templates.labels(WEB, lang);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r :
        plain(warehouse.query(sql("excluded.sql"), user.scopeParameter()))) {
      Map<String, Object> row = new LinkedHashMap<>(r);
      String kind =
          labels.getOrDefault("excluded.kind." + r.get("kind"), String.valueOf(r.get("kind")));
      // a code flagged unknown at the door has no rule's reason of its own
      row.put("reason", r.get("reason") == null ? kind : kind + " (" + r.get("reason") + ")");
      rows.add(row);
    }
    return rows;
  }

  private void export(HttpExchange ex, Map<String, String> q, User user) throws IOException {
    String view = q.getOrDefault("view", "drill");
    if (needsApproval(view, q, user)) {
      error(ex, 409, "error.export-needs-approval");
      return;
    }
    byte[] csv = csv(exportRows(view, q, user));
    ex.getResponseHeaders()
        .add("Content-Disposition", "attachment; filename=\"qualityloop-" + view + ".csv\"");
    send(ex, 200, "text/csv; charset=utf-8", csv);
  }

  /**
   * Complaint-level exports (the complaint list at the bottom of the drill, the SLA board, the
   * suggestions, the repeat complaints, the revisit due list) are requested and approved first; the
   * other views export at once.
   */
  private boolean needsApproval(String view, Map<String, String> q, User user) {
    return switch (view) {
      case "sla-board", "suggestions", "repeats", "revisit-due" -> true;
      case "drill" -> drill(q, user).nextLevel() == null;
      default -> false;
    };
  }

  /**
   * GET: the reader's requests (and an approver's to decide); POST: a request for the export the
   * query describes.
   */
  private void exportRequests(HttpExchange ex, String method, Map<String, String> q, User user)
      throws IOException {
    if (method.equals("GET")) {
      json(ex, Map.of("requests", approvals().visibleTo(user)));
      return;
    }
    requirePost(method);
    String view = q.getOrDefault("view", "drill");
    if (!needsApproval(view, q, user)) {
      throw new IllegalArgumentException("view " + view + " exports without approval");
    }
    require(user.role().seesComplaints()); // the drill path was checked by needsApproval
    Map<String, String> parameters = new HashMap<>(q);
    parameters.remove("lang");
    ExportApprovals.Request r =
        approvals().request(user, view, parameters, exportProjects(q, user));
    json(ex, Map.of("id", r.id(), "status", r.status().name()));
  }

  /**
   * The projects an export holds: the project it is filtered or drilled to, else the reader's
   * scope.
   */
  private static List<String> exportProjects(Map<String, String> q, User user) {
    String project = blankToNull(q.get("project_id"));
    Matcher step = Pattern.compile("(?:^|/)project_id:([^/]+)").matcher(q.getOrDefault("path", ""));
    if (project == null && step.find()) {
      project = step.group(1);
    }
    if (project == null) {
      return user.projects();
    }
    return user.projects() == null || user.projects().contains(project.trim())
        ? List.of(project.trim())
        : List.of();
  }

  private static void requirePost(String method) {
    if (!method.equals("POST")) {
      throw new IllegalArgumentException("use POST");
    }
  }

  /** The rows of an export of {@code view} as {@code user} sees them. */
  private List<Map<String, Object>> exportRows(String view, Map<String, String> q, User user) {
    List<Map<String, Object>> rows;
    switch (view) {
      case "drill" -> {
        require(user.role().seesAggregates());
        DrillQuery d = drill(q, user);
        if (d.nextLevel() == null) {
          require(user.role().seesComplaints());
          accessLog.record(user, "complaint_list_export", q.getOrDefault("path", ""));
          rows = complaints(d);
        } else {
          rows = drillRows(d, d.nextLevel());
        }
      }
      case "sla-board" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "sla_board_export", null);
        rows = plain(warehouse.query(sql("sla_board.sql"), user.scopeParameter(), localNow()));
      }
      case "excluded" -> {
        require(user.role().seesAggregates());
        rows = excluded(user, ReportLanguage.parse(q.getOrDefault("lang", "zh-CN")));
      }
      case "staff" -> {
        require(user.role().seesComplaints());
        rows = plain(warehouse.query(sql("staff.sql"), month(q), user.scopeParameter()));
      }
      case "emerging" -> {
        require(user.role().seesComplaints());
        rows = plain(warehouse.query(sql("emerging_issues.sql"), user.scopeParameter()));
      }
      case "suggestions" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, "suggestions_export", null);
        rows = plain(warehouse.query(sql("suggestions.sql"), user.scopeParameter()));
      }
      case "repeats", "revisit-due", "investigations" -> {
        require(user.role().seesComplaints());
        accessLog.record(user, view + "_export", null);
        rows =
            plain(
                warehouse.query(
                    sql(
                        switch (view) {
                          case "repeats" -> "repeat_complaints.sql";
                          case "revisit-due" -> "revisit_due.sql";
                          default -> "special_investigations.sql";
                        }),
                    user.scopeParameter()));
      }
      default -> throw new IllegalArgumentException("unknown view " + view);
    }
    return rows;
  }

  /** Rows as CSV: UTF-8 with a byte-order mark, formulas neutralised. */
  private static byte[] csv(List<Map<String, Object>> rows) {
    StringWriter out = new StringWriter();
    out.write('\ufeff');
    List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      csv.printRecord(columns);
      for (Map<String, Object> r : rows) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
          Object v = r.get(c);
          cells.add(v == null ? "" : TextScrubber.defuseFormula(v.toString()));
        }
        csv.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private DrillQuery drill(Map<String, String> q, User user) {
    String breached = q.get("breached");
    return new DrillQuery(
        q.get("path"),
        q,
        breached == null || breached.isBlank() ? null : Boolean.valueOf(breached),
        user.scopeParameter());
  }

  private List<Map<String, Object>> drillRows(DrillQuery d, String level) {
    String sql =
        sql("drill.sql").replace("{{level}}", level).replace("{{conditions}}", d.conditions());
    return plain(warehouse.query(sql, d.parameters()));
  }

  private List<Map<String, Object>> complaints(DrillQuery d) {
    return plain(
        warehouse.query(
            sql("complaints.sql").replace("{{conditions}}", d.conditions()), d.parameters()));
  }

  private String month(Map<String, String> q) {
    String m = q.get("month");
    if (m != null && m.matches("\\d{4}-\\d{2}")) {
      return m;
    }
    Object latest =
        warehouse.query("select max(month) as m from staff_scores_monthly").get(0).get("m");
    return latest == null ? "" : latest.toString();
  }

  /** A query file, with the staff queries' shared part ({@code {{staff_scope}}}) put in. */
  private String sql(String file) {
    String text = templates.read(WEB + "/queries/" + file);
    return text.contains(STAFF_SCOPE)
        ? text.replace(STAFF_SCOPE, templates.read(WEB + "/queries/staff_scope.sql"))
        : text;
  }

  private static final String STAFF_SCOPE = "{{staff_scope}}";

  private static void require(boolean allowed) {
    if (!allowed) {
      throw new Forbidden();
    }
  }

  /** A request the signed-in user's role may not make. */
  private static final class Forbidden extends RuntimeException {
    Forbidden() {
      super("forbidden", null, false, false);
    }
  }

  /**
   * Rows as JSON-friendly values: numbers and booleans as they are, lists as lists, the rest as
   * text.
   */
  static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      r.forEach((k, v) -> m.put(k, plainValue(v)));
      out.add(m);
    }
    return out;
  }

  private static Object plainValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Array a) {
      try {
        List<Object> items = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
          items.add(plainValue(o));
        }
        return items;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read a list value", e);
      }
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
    return v.toString().replace('T', ' ');
  }

  private void page(
      HttpExchange ex, int status, String template, Map<String, Object> values, ReportLanguage lang)
      throws IOException {
    Map<String, Object> model = new HashMap<>(values);
    String nonce = nonce();
    model.put("nonce", nonce);
    pagePolicy(ex, nonce);
    Map<String, String> labels = templates.labels(WEB, lang);
    model.put("t", labels);
    model.put("labelsJson", ScriptJson.embed(json.writeValueAsString(labels)));
    model.put("lang", lang.tag());
    StringWriter out = new StringWriter();
    templates.render(WEB + "/" + template, model, lang, out);
    send(ex, status, "text/html; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A page of ours: its own inline styles, and scripts only with this response's nonce or from this
   * server (the static ECharts file).
   */
  private static void pagePolicy(HttpExchange ex, String nonce) {
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'nonce-"
                + nonce
                + "' 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  }

  private String nonce() {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void json(HttpExchange ex, Object value) throws IOException {
    send(ex, 200, "application/json; charset=utf-8", json.writeValueAsBytes(value));
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().add("Location", to);
    ex.sendResponseHeaders(303, -1);
  }

  /**
   * A plain-text error in the request's language ({@code lang}, zh-CN by default): label {@code
   * key} of the web labels, {@code {0}} replaced by {@code detail}.
   */
  private void error(HttpExchange ex, int status, String key, String... detail) throws IOException {
    ReportLanguage lang;
    try {
      lang =
          ReportLanguage.parse(
              query(ex.getRequestURI().getRawQuery()).getOrDefault("lang", "zh-CN"));
    } catch (IllegalArgumentException e) {
      lang = ReportLanguage.ZH_CN;
    }
    String text = templates.labels(WEB, lang).getOrDefault(key, key);
    if (detail.length > 0) {
      text = text.replace("{0}", String.valueOf(detail[0]));
    }
    send(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String cookie(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
