package io.qualityloop.app;

import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.jobs.ServiceJob;
import io.qualityloop.notify.AlertNotifier;
import io.qualityloop.notify.Channels;
import io.qualityloop.notify.NotifySettings;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.WarehouseFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import sun.misc.Signal;

/**
 * {@code qualityloop up}: QualityLoop as one long-running process on a company's single server, on
 * the embedded default. It runs the in-process Kafka broker (its log on disk), the lake and
 * complaint lifecycle jobs without end on a Flink MiniCluster (checkpoints retained on disk, SLA
 * warnings and breaches on the wall clock), the inbox ({@link Inbox}), the drill-down (when users
 * exist) on a warehouse file kept current, the scheduled reports, and the notifier of live alerts
 * ({@link AlertNotifier}, when a channel is configured). {@code ingest}, {@code report}, {@code
 * query}, {@code metrics} and {@code reconcile} in the same working directory use the running
 * service ({@link RunningService}).
 *
 * <p>Ctrl-C (or SIGTERM) stops it cleanly: the inbox finishes the file it is importing, and the
 * jobs stop with a savepoint that the next {@code up} (or {@code ingest}) resumes from. After
 * {@code kill -9} the next {@code up} resumes from the checkpoint completed last, and imports again
 * a file that was cut off; its rows published already are counted as duplicates.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run QualityLoop as one service: in-process Kafka, the streaming jobs, the inbox folder,"
            + " the drill-down and the scheduler.")
final class UpCommand implements Callable<Integer> {
  /**
   * Its logger, got when first needed: picocli makes an instance of every command at each start,
   * and a static logger would configure Log4j (about 0.3 s) for every short command.
   */
  private static Logger log() {
    return LogManager.getLogger(UpCommand.class);
  }

  @ParentCommand private QualityLoopCommand parent;

  @Option(
      names = "--port",
      description = "Port of the drill-down (default: serve.port; 0: any free port).")
  private Integer port;

  @Option(
      names = "--reference",
      description =
          "A folder with the company's projects.csv and staff.csv, installed into the lake's"
              + " reference data first (needed once; format: events/reference/README.md).")
  private Path referenceDir;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    var out = parent.out();
    if (!config.useEmbeddedKafka()) {
      return parent.usageError(
          "`up` runs the embedded default (its own in-process Kafka); with kafka.bootstrap.servers"
              + " set, run the streaming jobs on a Flink cluster instead (README, \"Running on a"
              + " Flink cluster\").");
    }
    try {
      NightlyCompaction.at(config);
    } catch (IllegalArgumentException e) {
      return parent.usageError(e.getMessage());
    }
    Optional<String> missing = FormImport.prepareReference(config, referenceDir);
    if (missing.isPresent()) {
      return parent.usageError(missing.get());
    }
    Optional<RunningService> lock = RunningService.acquire(config);
    if (lock.isEmpty()) {
      String pid =
          RunningService.find(config).map(p -> p.getProperty(RunningService.PID)).orElse("?");
      return parent.failure(
          "a QualityLoop service already runs in this working directory (process "
              + pid
              + ", "
              + config.outDir().resolve("service.properties")
              + ").");
    }
    // Before the broker and the jobs start: a port that is taken, or an exports folder another
    // drill-down holds (a serve running), stops nothing half-started.
    Optional<String> taken =
        DrillDownService.portTaken(config, port).or(() -> DrillDownService.exportsHeld(config));
    if (taken.isPresent()) {
      lock.get().close();
      return parent.failure(taken.get());
    }
    try (RunningService service = lock.get();
        EmbeddedKafkaBroker broker = LocalKafka.start(config, false)) {
      out.println(
          "Kafka: in-process broker at "
              + broker.bootstrapServers()
              + ", log in "
              + config.embeddedKafkaDir());
      return run(config, service, broker.bootstrapServers(), port, out, null);
    }
  }

  /**
   * Runs the service on a broker that is up until SIGINT or SIGTERM: the streaming jobs, the
   * drill-down, the inbox, the scheduler and {@code addOn} (the live demo's feed; may be null),
   * then stops them, the jobs with a savepoint. Returns the exit code.
   */
  static int run(
      QualityLoopConfig config,
      RunningService service,
      String bootstrap,
      Integer port,
      PrintStream out,
      AddOn addOn)
      throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    // Handled, not a JVM shutdown: stopping with a savepoint needs Flink and Kafka still running.
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Inbox inbox = new Inbox(config, bootstrap, out);
    ServiceJob job =
        ServiceJob.start(
            config,
            bootstrap,
            ImportsPublishing.forService(ImportsPublishing.folder(config), inbox));
    out.println(
        "Streaming jobs: running, "
            + job.resumedFrom().map(p -> "resumed from " + p).orElse("starting afresh")
            + "; checkpoints every "
            + config.get("flink.checkpoint-interval")
            + " in "
            + config.checkpointDir());
    DrillDownService drillDown = null;
    if (Files.isRegularFile(config.usersFile())) {
      try {
        drillDown = DrillDownService.start(config, port, bootstrap, out);
      } catch (DrillDownService.NoTls e) {
        out.println("Drill-down: off, " + e.getMessage());
      }
    } else {
      out.println(
          "Drill-down: off, no users yet (add one with  ./qualityloop users add NAME --role"
              + " quality_manager  and start again)");
    }
    service.publish(bootstrap, drillDown == null ? null : drillDown.url());
    inbox.start();
    ScheduledExecutorService scheduler =
        scheduler(config, out, drillDown == null, job::importsSettled);
    AlertNotifier notifier = null;
    if (Channels.configured(NotifySettings.from(config), Clock.systemUTC()).isEmpty()) {
      out.println(
          "Notifications: off, no channel configured (notify.wecom.webhook-url,"
              + " notify.dingtalk.webhook-url, notify.email.smtp-host)");
    } else {
      notifier = new AlertNotifier(config, bootstrap, Clock.systemUTC()).start();
      out.println(
          "Notifications: live alerts to "
              + Channels.configured(NotifySettings.from(config), Clock.systemUTC()).keySet()
              + " by the routes of notification_routes.csv");
    }
    AutoCloseable extra = addOn == null ? null : addOn.start(bootstrap);
    out.println(
        "QualityLoop is up. Inbox: "
            + inbox.root()
            + " (files of the forms are imported, then moved to done/ or failed/)."
            + " Ctrl-C stops with a savepoint.");
    int exit = 0;
    while (!stop.await(2, TimeUnit.SECONDS)) {
      if (!job.running()) {
        out.println(
            "The streaming jobs stopped after failing "
                + config.get("flink.restart.attempts")
                + " restarts (see the log); stopping. The next start resumes from the last"
                + " checkpoint.");
        exit = 1;
        break;
      }
    }
    out.println(
        "Stopping: the inbox, the scheduler, the drill-down, then the jobs with a savepoint ...");
    if (extra != null) {
      extra.close();
    }
    inbox.close();
    scheduler.shutdownNow();
    if (notifier != null) {
      notifier.close();
    }
    if (drillDown != null) {
      drillDown.close();
    }
    if (exit == 0) {
      Path savepoint = job.stop();
      out.println("Savepoint: " + savepoint + " (the next `up` or `ingest` resumes from it)");
    }
    job.close();
    KafkaRanges.read(config.kafkaClients(bootstrap), config.topics().values())
        .write(config.outDir().resolve(ReconcileCommand.RANGES_FILE));
    out.println("Stopped.");
    return exit;
  }

  /** Something that runs beside the service while it is up (the live demo's feed). */
  interface AddOn {
    AutoCloseable start(String bootstrapServers) throws Exception;
  }

  /**
   * Runs the scheduled reports that are due once the imports are settled ({@code importsSettled} at
   * two checks a minute apart: {@link ServiceJob#importsSettled()}) and then every {@code
   * service.schedule-interval} ({@link ReportsWhenQuiet}); without the drill-down (which refreshes
   * the warehouse file itself) it also keeps the warehouse file current every {@code
   * warehouse.refresh-interval}.
   */
  private static ScheduledExecutorService scheduler(
      QualityLoopConfig config,
      PrintStream out,
      boolean refreshWarehouse,
      BooleanSupplier importsSettled) {
    Duration interval =
        config.parse(
            "service.schedule-interval", Duration::parse, "an ISO-8601 duration such as PT1H");
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "scheduler");
              t.setDaemon(true);
              return t;
            });
    ReportsWhenQuiet reports = new ReportsWhenQuiet(interval);
    long tick = Math.min(60_000, interval.toMillis());
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            if (!reports.due(importsSettled.getAsBoolean(), System.nanoTime())) {
              return;
            }
            ScheduleCommand.runDue(config, null, out);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Exception e) {
            log().error("scheduled reports failed", e);
            out.println(
                "Scheduled reports: " + e.getMessage() + " (tried again in " + interval + ")");
          }
        },
        tick,
        tick,
        TimeUnit.MILLISECONDS);
    if (refreshWarehouse) {
      long refresh = WarehouseAccess.refreshInterval(config).toMillis();
      WarehouseFile file = WarehouseAccess.file(config, ProjectScope.ALL);
      scheduler.scheduleWithFixedDelay(
          () -> {
            try {
              if (file.refresh()) {
                out.printf(
                    "Warehouse refreshed in %.1f s: %s%n", file.lastBuildSeconds(), file.file());
              }
            } catch (RuntimeException e) {
              log().error("warehouse refresh failed", e);
              out.println(
                  "Warehouse not refreshed: " + String.valueOf(e.getMessage()).split("\n", 2)[0]);
            }
          },
          refresh,
          refresh,
          TimeUnit.MILLISECONDS);
    }
    Optional<LocalTime> compactAt = NightlyCompaction.at(config);
    if (compactAt.isPresent()) {
      compactTonight(scheduler, config, compactAt.get(), out);
      out.println("Lake: compacted every night at " + compactAt.get() + " (service.compact-at)");
    } else {
      out.println("Lake: not compacted by the service (service.compact-at is empty)");
    }
    return scheduler;
  }

  /** Schedules the next nightly compaction, which schedules the one after it. */
  private static void compactTonight(
      ScheduledExecutorService scheduler, QualityLoopConfig config, LocalTime at, PrintStream out) {
    Duration wait = NightlyCompaction.untilNext(ZonedDateTime.now(config.zone()), at);
    try {
      scheduler.schedule(
          () -> {
            try {
              out.println(NightlyCompaction.run(config));
            } catch (RuntimeException e) {
              log().error("nightly compaction failed", e);
              out.println(
                  "Lake not compacted: " + String.valueOf(e.getMessage()).split("\n", 2)[0]);
            }
            compactTonight(scheduler, config, at, out);
          },
          wait.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the service is stopping
    }
  }
}
