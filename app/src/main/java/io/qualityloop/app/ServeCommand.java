package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.reports.web.DrillDownServer;
import io.qualityloop.reports.web.Sessions;
import io.qualityloop.reports.web.Users;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qualityloop serve}: the drill-down web app on the built warehouse, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the quality managers' drill-down (sign-in required).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(names = "--port", description = "Port (default: serve.port).")
  private Integer port;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    if (!Files.isRegularFile(config.usersFile())) {
      parent.out().println("No users yet: add one with  ./qualityloop users add NAME --role quality_manager  (users file "
          + config.usersFile() + ")");
      return 2;
    }
    Warehouse warehouse = Warehouse.build(config.lakeRoot(), null, ModelCatalog.shipped());
    Users users = Users.load(config.usersFile(), region -> warehouse.query(
        "select project_id from ref_projects where service_office = ? order by project_id", region).stream()
        .map(r -> r.get("project_id").toString()).toList());
    int p = port != null ? port : Integer.parseInt(config.get("serve.port"));
    DrillDownServer server = new DrillDownServer(ReportTemplates.shipped(), warehouse, users,
        new Sessions(config.sessionIdleTimeout(), Clock.systemUTC()), new AccessLog(config.accessLog(), Clock.system(config.zone())),
        new InetSocketAddress(config.get("serve.host"), p)).start();
    List<String> names = users.all().stream().map(u -> u.name() + " (" + u.role().name().toLowerCase() + ")").toList();
    parent.out().println("Drill-down: http://" + config.get("serve.host") + ":" + server.port() + "/  users: " + String.join(", ", names)
        + "  (Ctrl-C to stop)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      warehouse.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
