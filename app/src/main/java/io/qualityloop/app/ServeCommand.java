package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop serve}: the drill-down web app on the warehouse file, until stopped; every
 * {@code warehouse.refresh-interval} it rebuilds the file if the lake changed and switches to it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the quality managers' drill-down (sign-in required).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(names = "--port", description = "Port (default: serve.port).")
  private Integer port;

  @Option(
      names = "--plain-http",
      description =
          "Serve plain HTTP instead of HTTPS (serve.plain-http): only for a trial on this machine.")
  private boolean plainHttp;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    if (plainHttp) {
      config = config.with("serve.plain-http", "true");
    }
    if (!Files.isRegularFile(config.usersFile())) {
      return parent.failure(
          "no users yet: add one with  ./qualityloop users add NAME --role quality_manager  (users"
              + " file "
              + config.usersFile()
              + ")");
    }
    Optional<String> served =
        RunningService.find(config).map(p -> p.getProperty(RunningService.DRILL_DOWN));
    if (served.isPresent()) {
      // a second drill-down would share the service's export requests and files
      // (serve.exports-dir), each overwriting the other's ledger
      return parent.failure(
          "the running service (qualityloop up) already serves the drill-down at "
              + served.get()
              + ": open that one (a second would share its exports folder)");
    }
    DrillDownService drillDown;
    try {
      // follow-up changes go to the running service's broker, else to kafka.bootstrap.servers;
      // without either they are read-only
      String bootstrap =
          RunningService.bootstrapServers(config)
              .orElse(config.useEmbeddedKafka() ? null : config.kafkaBootstrapServers());
      drillDown = DrillDownService.start(config, port, bootstrap, parent.out());
    } catch (DrillDownService.NoTls e) {
      return parent.usageError(e.getMessage());
    }
    parent.out().println("(Ctrl-C to stop)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  drillDown.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
