package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.LiveComplaintFeed;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.ingestion.kafka.GeneratedDataPublisher;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ExecutiveReport;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.warehouse.LakeCompactor;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop demo}: the whole path on the embedded default. Starts the in-process Kafka
 * broker, generates the synthetic company's history, publishes it, runs the Flink lake job until
 * every event is in the lake, builds the DuckDB warehouse, reconciles produced events against lake
 * rows, and writes the executive quarterly report.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole pipeline on the embedded default (in-process Kafka, Flink MiniCluster, local"
            + " lake, DuckDB) and write the quarterly report.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(names = "--months", description = "Months of synthetic data (default: generator.months).")
  private Integer months;

  @Option(names = "--projects", description = "Projects, 1-10 (default: generator.projects).")
  private Integer projects;

  @Option(
      names = "--household-scale",
      description = "Scale of every project's households (default: generator.household-scale).")
  private Double householdScale;

  @Option(
      names = "--live",
      description =
          "After the replay, go on as the service (`up`) with a new complaint every"
              + " demo.live-interval, so warnings and breaches arrive in the drill-down; Ctrl-C"
              + " stops.")
  private boolean live;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    if (months != null) {
      config = config.with("generator.months", months.toString());
    }
    if (projects != null) {
      config = config.with("generator.projects", projects.toString());
    }
    if (householdScale != null) {
      config = config.with("generator.household-scale", householdScale.toString());
    }
    return run(config, parent.out(), live);
  }

  static int run(QualityLoopConfig config, PrintStream out) throws Exception {
    return run(config, out, false);
  }

  static int run(QualityLoopConfig config, PrintStream out, boolean live) throws Exception {
    long start = System.nanoTime();
    Path lake = config.lakeRoot();
    Path outDir = config.outDir();
    out.println("QualityLoop demo");
    out.println("  lake: " + lake);
    out.println("  out:  " + outDir);
    deleteRecursively(lake);
    deleteRecursively(outDir.resolve("reports"));
    deleteRecursively(config.checkpointDir());
    deleteRecursively(
        config
            .savepointDir()); // the broker starts afresh: the last run's positions mean nothing to
    // it
    Files.createDirectories(lake);

    out.println("[1/6] generating synthetic service history ...");
    GeneratedData data =
        new SyntheticDataGenerator(GeneratorSettings.of(config), WorkingCalendar.shipped())
            .generate();
    out.printf(
        "      %,d projects, %,d staff; %,d interactions, %,d complaint events, %,d surveys%n",
        data.projects().size(),
        data.staff().size(),
        data.interactions().size(),
        data.complaintEvents().size(),
        data.surveys().size());
    config = replayHorizon(config, data);
    out.println(
        "      SLA alerts up to the end of the generated history: "
            + config.get("sla.alert-horizon"));
    writeReference(lake.resolve("reference"), data);

    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = config.kafkaBootstrapServers();
      if (config.useEmbeddedKafka()) {
        out.println("[2/6] starting the in-process Kafka broker (KRaft) ...");
        broker = LocalKafka.start(config, true);
        bootstrap = broker.bootstrapServers();
        out.println("      broker at " + bootstrap + ", log in " + config.embeddedKafkaDir());
      } else {
        out.println("[2/6] using Kafka at " + bootstrap);
      }

      Map<EventStream, Long> produced;
      try (EventPublisher publisher = new EventPublisher(config.kafkaClients(bootstrap), Map.of());
          ProgressBar bar = Progress.bar("[3/6] publishing", data.totalEvents(), "events", out)) {
        produced =
            new GeneratedDataPublisher(publisher, config.topics()).publish(data, bar::stepBy);
      }

      out.println(
          "[4/6] running the Flink jobs (lake, complaint lifecycle and SLA) on a MiniCluster until"
              + " every event is processed ...");
      CheckpointSizes checkpoints = new CheckpointSizes(config.checkpointDir());
      JobExecutionResult result = runWithTicker(config, bootstrap, checkpoints, out);
      out.printf(
          "      job finished in %.1f s%n", result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0);
      out.println("      " + LifecycleSummary.describe(result));
      out.println("      " + checkpoints.describe());
      // The job has finished, so every partition is closed and nothing else reads the lake: no
      // grace period.
      long compactStart = System.nanoTime();
      List<LakeCompactor.TableResult> compacted =
          CompactCommand.compactor(config, Duration.ZERO).compact(LocalDate.of(9999, 1, 1));
      out.printf(
          "      lake compacted in %.1f s: %,d files -> %,d (one per partition, sorted by project"
              + " and time)%n",
          (System.nanoTime() - compactStart) / 1e9,
          compacted.stream().mapToInt(LakeCompactor.TableResult::filesBefore).sum(),
          compacted.stream().mapToInt(LakeCompactor.TableResult::filesAfter).sum());
      KafkaRanges ranges =
          KafkaRanges.read(config.kafkaClients(bootstrap), config.topics().values());
      ranges.write(outDir.resolve(ReconcileCommand.RANGES_FILE));

      out.println("[5/6] building the DuckDB warehouse ...");
      Path database = outDir.resolve("qualityloop.duckdb");
      int differences = 0;
      Path reportFile;
      try (Warehouse warehouse = Warehouse.build(lake, database, ModelCatalog.shipped())) {
        out.println(
            "      "
                + warehouse.models().size()
                + " models built into "
                + database
                + ", "
                + warehouse.modelTestsRun()
                + " model tests passed");
        for (Reconciliation.Line line : Reconciliation.check(config.topics(), ranges, warehouse)) {
          out.println("      " + line.describe());
          differences += Math.abs(line.difference());
        }
        Quarter quarter = ReportCommand.resolveQuarter(config.reportQuarter(), warehouse);
        ReportLanguage language = ReportLanguage.parse(config.reportLanguage());
        out.println("[6/6] writing the quarterly report for " + quarter + " ...");
        reportFile =
            new ExecutiveReport(ReportTemplates.shipped(), warehouse)
                .write(
                    quarter,
                    language,
                    ZonedDateTime.now(config.zone()),
                    outDir
                        .resolve("reports")
                        .resolve("quarterly-" + quarter + "." + language.tag() + ".html"));
      }
      for (EventStream stream : EventStream.values()) {
        out.println(
            "      lake "
                + stream.tableName()
                + ": "
                + LakeInventory.of(lake.resolve(stream.tableName())).describe());
      }
      out.println(
          "      lake quarantine: " + LakeInventory.of(lake.resolve("quarantine")).describe());
      out.println();
      out.println("Report: " + reportFile);
      out.printf(
          "Reconciliation: %s (difference %d). Demo took %.1f s.%n",
          differences == 0 ? "every event accounted for" : "EVENTS MISSING",
          differences,
          (System.nanoTime() - start) / 1e9);
      if (live && broker != null) {
        return goLive(config, data, broker.bootstrapServers(), out);
      }
      return differences == 0 ? 0 : 3;
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * The live demo: the service on the demo's broker, resuming the replay's state, with a new
   * complaint every {@code demo.live-interval} ({@link LiveComplaintFeed}). Alerts of the history
   * keep the replay's horizon, so the months between the history's end and today raise nothing; the
   * new complaints are warned and breached on the wall clock.
   */
  private static int goLive(
      QualityLoopConfig configured, GeneratedData data, String bootstrap, PrintStream out)
      throws Exception {
    QualityLoopConfig config = trialDrillDown(configured, out);
    Optional<RunningService> lock = RunningService.acquire(config);
    if (lock.isEmpty()) {
      out.println(
          "A QualityLoop service already runs in this working directory: stop it before `demo"
              + " --live`.");
      return 1;
    }
    Duration interval =
        config.parse("demo.live-interval", Duration::parse, "an ISO-8601 duration such as PT20S");
    double warningShare =
        config.parse("sla.warning-share", Double::parseDouble, "a number between 0 and 1");
    LiveComplaintFeed feed =
        new LiveComplaintFeed(
            data.complaintEvents(), Duration.ofHours(24), warningShare, config.zone());
    out.println();
    out.println(
        "[live] the service goes on with a new complaint every "
            + interval
            + ", entered late: its 24-hour acceptance clock"
            + " warns or expires a few minutes later (SLA board of the drill-down). Ctrl-C stops.");
    try (RunningService service = lock.get()) {
      return UpCommand.run(
          config,
          service,
          bootstrap,
          null,
          out,
          bs ->
              LiveDemoFeed.start(
                  feed,
                  config.kafkaClients(bs),
                  config.topics().get(EventStream.COMPLAINT_EVENTS),
                  interval,
                  Clock.systemUTC(),
                  out));
    }
  }

  /**
   * The live demo is a trial on this machine with synthetic data: without a TLS keystore, its
   * drill-down speaks plain HTTP when it listens on the loopback address only (serve.host, default
   * 127.0.0.1), as {@code serve --plain-http} would. Otherwise the configuration stands: a
   * drill-down reachable from the network needs HTTPS.
   */
  static QualityLoopConfig trialDrillDown(QualityLoopConfig config, PrintStream out) {
    boolean keystore = !config.getOptional("serve.tls.keystore").orElse("").isBlank();
    boolean loopback;
    try {
      loopback = InetAddress.getByName(config.get("serve.host").strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (keystore || !loopback || Boolean.parseBoolean(config.get("serve.plain-http"))) {
      return config;
    }
    out.println(
        "[live] the drill-down speaks plain HTTP on "
            + config.get("serve.host").strip()
            + " for this trial (no serve.tls.keystore; the demo's data are synthetic)");
    return config.with("serve.plain-http", "true");
  }

  /**
   * Runs the bounded job, saying every few seconds how long it has run and how many Parquet files
   * have been committed so far (files appear as checkpoints complete).
   */
  private static JobExecutionResult runWithTicker(
      QualityLoopConfig config, String bootstrap, CheckpointSizes checkpoints, PrintStream out)
      throws Exception {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-ticker");
              t.setDaemon(true);
              return t;
            });
    long started = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () ->
            out.printf(
                "      ... %d s, %,d Parquet files committed%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                LakeInventory.of(config.lakeRoot()).files()),
        5,
        5,
        TimeUnit.SECONDS);
    ticker.scheduleAtFixedRate(checkpoints::sample, 500, 500, TimeUnit.MILLISECONDS);
    try {
      return LakeJobRunner.runBounded(config, bootstrap);
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Generated history is replayed: its "now" (for SLA alerts) is the last thing that happened in
   * it.
   */
  static QualityLoopConfig replayHorizon(QualityLoopConfig config, GeneratedData data) {
    if (config.get("sla.alert-horizon").equals("now") && !data.complaintEvents().isEmpty()) {
      var last = data.complaintEvents().get(data.complaintEvents().size() - 1).occurredAt();
      return config.with(
          "sla.alert-horizon", last.atZoneSameInstant(config.zone()).toLocalDateTime().toString());
    }
    return config;
  }

  /**
   * The reference files of a generated company: the shipped static ones, its projects and staff,
   * the demo's improvement actions.
   */
  static void writeReference(Path reference, GeneratedData data) throws IOException {
    ReferenceData.copyStaticFiles(reference);
    ReferenceData.writeProjects(reference.resolve(ReferenceData.PROJECTS_FILE), data.projects());
    ReferenceData.writeStaff(reference.resolve(ReferenceData.STAFF_FILE), data.staff());
    // The demo company's improvement actions (a company input file), so the report shows PDCA at
    // work.
    try (var in =
        DemoCommand.class.getResourceAsStream("/demo/" + ReferenceData.IMPROVEMENT_ACTIONS_FILE)) {
      Files.copy(
          in,
          reference.resolve(ReferenceData.IMPROVEMENT_ACTIONS_FILE),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
