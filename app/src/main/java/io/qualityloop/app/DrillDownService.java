package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.notify.NotifySettings;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.reports.web.DrillDownServer;
import io.qualityloop.reports.web.ExportApprovals;
import io.qualityloop.reports.web.KafkaFollowUpPublisher;
import io.qualityloop.reports.web.Sessions;
import io.qualityloop.reports.web.SignInThrottle;
import io.qualityloop.reports.web.Tls;
import io.qualityloop.reports.web.Users;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.WarehouseFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The drill-down web app on the warehouse file, as {@code serve} and the service run it: every
 * {@code warehouse.refresh-interval} the file is rebuilt if the lake changed and the app switches
 * to it, so new data shows without a restart.
 */
final class DrillDownService implements AutoCloseable {
  private final DrillDownServer server;
  private final Warehouse warehouse;
  private final WarehouseFile warehouseFile;
  private final ScheduledExecutorService refresher;
  private final String url;
  private final KafkaFollowUpPublisher followUps;

  private final ExportsFolderLock exportsLock;

  private DrillDownService(
      DrillDownServer server,
      Warehouse warehouse,
      WarehouseFile warehouseFile,
      ScheduledExecutorService refresher,
      String url,
      KafkaFollowUpPublisher followUps,
      ExportsFolderLock exportsLock) {
    this.warehouseFile = warehouseFile;
    this.followUps = followUps;
    this.exportsLock = exportsLock;
    this.server = server;
    this.warehouse = warehouse;
    this.refresher = refresher;
    this.url = url;
  }

  /**
   * Builds or opens the warehouse file, starts the app on {@code port} (default {@code serve.port};
   * 0: any free port) and its refresher. Quality managers' changes to follow-ups are published to
   * {@code bootstrap} (the follow-up events topic); null: follow-ups are read-only.
   */
  static DrillDownService start(
      QualityLoopConfig config, Integer port, String bootstrap, PrintStream out)
      throws IOException {
    SSLContext tls = tls(config);
    // Refreshed again and again while the service runs: its writer stays open between refreshes.
    WarehouseFile warehouseFile = WarehouseAccess.file(config, ProjectScope.ALL).holdingItsWriter();
    Warehouse warehouse = warehouseFile.open();
    Users users =
        Users.load(
            config.usersFile(),
            region ->
                warehouse
                    .query(
                        "select project_id from ref_projects where service_office = ? order by"
                            + " project_id",
                        region)
                    .stream()
                    .map(r -> r.get("project_id").toString())
                    .toList());
    int p = port != null ? port : Integer.parseInt(config.get("serve.port"));
    Path exports = config.path(config.get("serve.exports-dir"));
    ExportsFolderLock exportsLock;
    try {
      exportsLock = ExportsFolderLock.take(exports);
    } catch (IOException e) {
      warehouse.close();
      throw e;
    }
    AccessLog accessLog = new AccessLog(config.accessLog(), Clock.system(config.zone()));
    DrillDownServer server;
    try {
      server =
          new DrillDownServer(
                  ReportTemplates.shipped(),
                  warehouse,
                  users,
                  new Sessions(
                      config.sessionIdleTimeout(),
                      duration(config, "serve.session-absolute-lifetime"),
                      Clock.systemUTC()),
                  accessLog,
                  new SignInThrottle(signInSettings(config), Clock.systemUTC()),
                  tls,
                  new InetSocketAddress(config.get("serve.host"), p))
              .showDeliveries(NotifySettings.deliveriesDir(config))
              .inZone(config.zone())
              .approveExportsWith(
                  new ExportApprovals(
                      exports,
                      duration(config, "serve.export-download-within"),
                      Clock.systemUTC(),
                      accessLog,
                      users::stillHolds))
              .showOutbox(config.outDir().resolve("outbox"));
    } catch (BindException e) {
      exportsLock.close();
      warehouse.close();
      throw new IOException(cannotListen(config, p, e), e);
    }
    KafkaFollowUpPublisher followUps = null;
    if (bootstrap != null) {
      followUps =
          new KafkaFollowUpPublisher(
              bootstrap,
              config.kafkaClients(bootstrap).clientProperties(),
              config.topics().get(EventStream.FOLLOWUP_EVENTS),
              config.parse(
                  "serve.followup-publish-timeout",
                  Duration::parse,
                  "an ISO-8601 duration such as PT10S"));
      server.publishFollowUps(followUps, Clock.system(config.zone()));
    }
    server.start();
    String url =
        (server.secure() ? "https" : "http")
            + "://"
            + config.get("serve.host")
            + ":"
            + server.port()
            + "/";
    List<String> names =
        users.all().stream()
            .map(u -> u.name() + " (" + u.role().name().toLowerCase() + ")")
            .toList();
    out.println("Drill-down: " + url + "  users: " + String.join(", ", names));
    Duration interval = WarehouseAccess.refreshInterval(config);
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "warehouse-refresh");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        () -> refresh(warehouseFile, warehouse, out, config.zone()),
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    out.println(
        "Warehouse: " + warehouseFile.file() + ", checked for new lake files every " + interval);
    out.println(
        followUps == null
            ? "Follow-ups: read-only (no broker: start the service with `qualityloop up`, or set"
                + " kafka.bootstrap.servers)"
            : "Follow-ups: changes published to "
                + config.topics().get(EventStream.FOLLOWUP_EVENTS));
    return new DrillDownService(
        server, warehouse, warehouseFile, refresher, url, followUps, exportsLock);
  }

  /**
   * HTTPS unless asked for otherwise: serve.tls.keystore, or serve.plain-http; a missing keystore
   * password is an empty one.
   */
  private static SSLContext tls(QualityLoopConfig config) {
    String keystore = config.getOptional("serve.tls.keystore").orElse("");
    if (!keystore.isEmpty()) {
      return Tls.fromPkcs12(
          config.path(keystore),
          config.getOptional("serve.tls.keystore-password").orElse("").toCharArray());
    }
    if (Boolean.parseBoolean(config.get("serve.plain-http"))) {
      return null;
    }
    throw new NoTls(
        "the drill-down speaks HTTPS: set serve.tls.keystore to a PKCS12 keystore (password in"
            + " QUALITYLOOP_SERVE_TLS_KEYSTORE_PASSWORD), or ask for plain HTTP (serve"
            + " --plain-http, serve.plain-http=true) for a trial");
  }

  /** Neither a TLS keystore nor plain HTTP asked for. */
  static final class NoTls extends IllegalStateException {
    NoTls(String message) {
      super(message);
    }
  }

  private static SignInThrottle.Settings signInSettings(QualityLoopConfig config) {
    return new SignInThrottle.Settings(
        config.parse("serve.sign-in.max-failures", Integer::parseInt, "a whole number"),
        config.parse("serve.sign-in.max-failures-per-address", Integer::parseInt, "a whole number"),
        duration(config, "serve.sign-in.first-delay"),
        duration(config, "serve.sign-in.lockout"));
  }

  private static Duration duration(QualityLoopConfig config, String key) {
    return config.parse(key, Duration::parse, "an ISO-8601 duration such as PT15M");
  }

  /**
   * Why the drill-down could not listen on {@code port} ({@code port} or {@code serve.port}) if it
   * started now, or empty: {@code up} asks before it starts the broker and the jobs. Empty too when
   * there are no users (no drill-down) or the port is 0 (any free one).
   */
  static Optional<String> portTaken(QualityLoopConfig config, Integer port) {
    int p = port != null ? port : Integer.parseInt(config.get("serve.port"));
    if (p == 0 || !Files.isRegularFile(config.usersFile())) {
      return Optional.empty();
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(config.get("serve.host"), p));
      return Optional.empty();
    } catch (BindException e) {
      return Optional.of(cannotListen(config, p, e));
    } catch (IOException e) {
      return Optional.empty(); // not a port that is taken: the server says what is wrong itself
    }
  }

  /**
   * Why the drill-down could not have its exports folder if it started now (another process's
   * drill-down holds it), or empty: {@code up} asks before it starts the broker and the jobs.
   */
  static Optional<String> exportsHeld(QualityLoopConfig config) {
    if (!Files.isRegularFile(config.usersFile())) {
      return Optional.empty();
    }
    try (ExportsFolderLock probe =
        ExportsFolderLock.take(config.path(config.get("serve.exports-dir")))) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String cannotListen(QualityLoopConfig config, int port, BindException e) {
    return "the drill-down cannot listen on "
        + config.get("serve.host")
        + ":"
        + port
        + ": "
        + e.getMessage()
        + (String.valueOf(e.getMessage()).contains("in use")
            ? " (another program, or another serve, has the port): choose another with"
                + " serve.port in config/qualityloop.properties, or serve --port"
            : ": check serve.host");
  }

  String url() {
    return url;
  }

  /**
   * Rebuilds the warehouse file when the lake changed and switches the drill-down to it; a failed
   * build keeps the old one. The line says when in the company's time zone, as the inbox's names
   * do.
   */
  private static void refresh(
      WarehouseFile file, Warehouse warehouse, PrintStream out, ZoneId zone) {
    try {
      long start = System.nanoTime();
      if (file.refresh(warehouse)) {
        out.printf(
            "Warehouse refreshed in %.1f s (%s)%n",
            (System.nanoTime() - start) / 1e9, OffsetDateTime.now(zone).withNano(0));
      }
    } catch (RuntimeException e) {
      out.println(
          "Warehouse not refreshed, still serving the previous build: "
              + String.valueOf(e.getMessage()).split("\n", 2)[0]);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    server.close();
    if (followUps != null) {
      followUps.close();
    }
    warehouse.close();
    warehouseFile.close();
    try {
      exportsLock.close();
    } catch (IOException e) {
      // the process is stopping: the operating system drops the lock
    }
  }
}
