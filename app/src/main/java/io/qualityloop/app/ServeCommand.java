package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.reports.web.DrillDownServer;
import io.qualityloop.reports.web.Sessions;
import io.qualityloop.reports.web.SignInThrottle;
import io.qualityloop.reports.web.Tls;
import javax.net.ssl.SSLContext;
import io.qualityloop.reports.web.Users;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.WarehouseFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qualityloop serve}: the drill-down web app on the warehouse file, until stopped; every
 * {@code warehouse.refresh-interval} it rebuilds the file if the lake changed and switches to it. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the quality managers' drill-down (sign-in required).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(names = "--port", description = "Port (default: serve.port).")
  private Integer port;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (serve.plain-http): only for a trial on this machine.")
  private boolean plainHttp;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    SSLContext tls = null;
    String keystore = config.getOptional("serve.tls.keystore").orElse("");
    if (!keystore.isEmpty()) {
      tls = Tls.fromPkcs12(config.path(keystore), config.getOptional("serve.tls.keystore-password").orElse("").toCharArray());
    } else if (!plainHttp && !Boolean.parseBoolean(config.get("serve.plain-http"))) {
      parent.out().println("serve speaks HTTPS: set serve.tls.keystore to a PKCS12 keystore (and QUALITYLOOP_SERVE_TLS_KEYSTORE_PASSWORD),"
          + " or pass --plain-http for a trial on this machine (README: drill-down)");
      return 2;
    }
    if (!Files.isRegularFile(config.usersFile())) {
      parent.out().println("No users yet: add one with  ./qualityloop users add NAME --role quality_manager  (users file "
          + config.usersFile() + ")");
      return 2;
    }
    WarehouseFile warehouseFile = WarehouseAccess.file(config, ProjectScope.ALL);
    Warehouse warehouse = warehouseFile.open();
    Users users = Users.load(config.usersFile(), region -> warehouse.query(
        "select project_id from ref_projects where service_office = ? order by project_id", region).stream()
        .map(r -> r.get("project_id").toString()).toList());
    int p = port != null ? port : Integer.parseInt(config.get("serve.port"));
    DrillDownServer server = new DrillDownServer(ReportTemplates.shipped(), warehouse, users,
        new Sessions(config.sessionIdleTimeout(), duration(config, "serve.session-absolute-lifetime"), Clock.systemUTC()),
        new AccessLog(config.accessLog(), Clock.system(config.zone())), new SignInThrottle(signInSettings(config), Clock.systemUTC()),
        tls, new InetSocketAddress(config.get("serve.host"), p)).start();
    List<String> names = users.all().stream().map(u -> u.name() + " (" + u.role().name().toLowerCase() + ")").toList();
    parent.out().println("Drill-down: " + (server.secure() ? "https" : "http") + "://" + config.get("serve.host") + ":" + server.port() + "/  users: " + String.join(", ", names)
        + "  (Ctrl-C to stop)");
    Duration interval = WarehouseAccess.refreshInterval(config);
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "warehouse-refresh");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(() -> refresh(warehouseFile, warehouse), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    parent.out().println("Warehouse: " + warehouseFile.file() + ", checked for new lake files every " + interval);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      refresher.shutdownNow();
      server.close();
      warehouse.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static SignInThrottle.Settings signInSettings(QualityLoopConfig config) {
    return new SignInThrottle.Settings(config.parse("serve.sign-in.max-failures", Integer::parseInt, "a whole number"),
        config.parse("serve.sign-in.max-failures-per-address", Integer::parseInt, "a whole number"),
        duration(config, "serve.sign-in.first-delay"), duration(config, "serve.sign-in.lockout"));
  }

  private static Duration duration(QualityLoopConfig config, String key) {
    return config.parse(key, Duration::parse, "an ISO-8601 duration such as PT15M");
  }

  /** Rebuilds the warehouse file when the lake changed and switches the drill-down to it; a failed build keeps the old one. */
  private void refresh(WarehouseFile file, Warehouse warehouse) {
    try {
      long start = System.nanoTime();
      if (file.refresh(warehouse)) {
        parent.out().printf("Warehouse refreshed in %.1f s (%s)%n", (System.nanoTime() - start) / 1e9, java.time.LocalDateTime.now().withNano(0));
      }
    } catch (RuntimeException e) {
      parent.out().println("Warehouse not refreshed, still serving the previous build: " + e.getMessage().split("\n", 2)[0]);
    }
  }
}
