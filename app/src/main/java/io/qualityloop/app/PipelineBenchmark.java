package io.qualityloop.app;

import com.sun.management.OperatingSystemMXBean;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.ingestion.kafka.GeneratedDataPublisher;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.jobs.complaints.functions.ComplaintLifecycleFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qualityloop bench pipeline --profile small}: in one run, each stage against its practical
 * limit measured in the same process, with peak memory, written to {@code bench/results/}:
 *
 * <ol>
 *   <li>the lake job (Kafka -> validate -> pseudonymise -> Parquet) against a plain Kafka consumer
 *       with a plain Parquet writer on one thread;
 *   <li>the keyed complaint lifecycle / SLA job;
 *   <li>DuckDB at a given lake size, as the stream leaves the lake and after compaction: warehouse
 *       build, each quarterly-report query, each drill-down request, the whole report, and the row
 *       groups a one-project query reads.
 * </ol>
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Throughput of each streaming job against a plain Kafka+Parquet baseline, and DuckDB"
            + " latency naive vs compacted.")
final class PipelineBenchmark implements Callable<Integer> {
  @Spec private CommandSpec spec;

  enum Profile {
    // the scaled lake must hold at least two copies of the smoke lake, so compaction has files to
    // merge
    smoke(0.05, List.of(30_000L), 200, 8),
    small(1.0, List.of(1_000_000L), 1_000, 30),
    medium(3.0, List.of(1_000_000L, 10_000_000L), 2_000, 60),
    large(8.0, List.of(1_000_000L, 10_000_000L), 5_000, 120);

    final double householdScale;
    final List<Long> lakeRows;
    final int freshnessRate;
    final int freshnessSeconds;

    Profile(double householdScale, List<Long> lakeRows, int freshnessRate, int freshnessSeconds) {
      this.householdScale = householdScale;
      this.lakeRows = lakeRows;
      this.freshnessRate = freshnessRate;
      this.freshnessSeconds = freshnessSeconds;
    }
  }

  @Option(names = "--profile", description = "${COMPLETION-CANDIDATES} (default: small).")
  private Profile profile = Profile.small;

  @Option(
      names = "--results",
      description = "Where the results table goes (default: bench/results).")
  private Path results = Path.of("bench/results");

  @Option(
      names = "--streaming-only",
      description =
          "Only the streaming stages (baseline, bare Flink job, lake job, lifecycle); no freshness,"
              + " no DuckDB.")
  private boolean streamingOnly;

  static final String LAKE_TARGET = ">= 0.60 of baseline per core";
  static final String LIFECYCLE_TARGET = ">= 0.30 of baseline per core";

  /** One line of the results table. */
  record Line(
      String stage,
      String measure,
      double value,
      String unit,
      String baseline,
      String ratio,
      String target,
      String met,
      StageMemory.Peak memory) {}

  @Override
  public Integer call() throws Exception {
    QualityLoopCommand root = (QualityLoopCommand) spec.root().userObject();
    QualityLoopConfig base = root.config();
    PrintStream out = root.out();
    Path work = base.outDir().resolve("bench-work").toAbsolutePath();
    DemoCommand.deleteRecursively(work);
    QualityLoopConfig config =
        base.with("lake.root", work.resolve("lake").toString())
            .with("kafka.embedded.log-dir", work.resolve("kafka").toString())
            .with("flink.checkpoint-dir", work.resolve("checkpoints").toString())
            .with("generator.household-scale", String.valueOf(profile.householdScale));
    List<Line> lines = new ArrayList<>();
    Map<String, List<String>> profiles = new LinkedHashMap<>();
    Path profileDir = base.outDir().resolve("bench-profiles").toAbsolutePath();
    Files.createDirectories(profileDir);
    int cores = Runtime.getRuntime().availableProcessors();
    int parallelism = config.lakeJobSettings().parallelism();
    int coresUsed = Math.min(cores, parallelism);
    out.printf("QualityLoop benchmark, profile %s (%s)%n", profile, Machine.describe());

    out.println("[1] generating and publishing ...");
    GeneratedData data =
        new SyntheticDataGenerator(GeneratorSettings.of(config), WorkingCalendar.shipped())
            .generate();
    config = DemoCommand.replayHorizon(config, data);
    DemoCommand.writeReference(config.lakeRoot().resolve("reference"), data);
    long events = data.totalEvents();
    long complaintEvents = data.complaintEvents().size();
    try (EmbeddedKafkaBroker broker = LocalKafka.start(config, true)) {
      String bootstrap = broker.bootstrapServers();
      long t = System.nanoTime();
      try (EventPublisher publisher = new EventPublisher(bootstrap, Map.of())) {
        new GeneratedDataPublisher(publisher, config.topics()).publish(data, n -> {});
      }
      double publishSeconds = (System.nanoTime() - t) / 1e9;
      out.printf(
          "    %,d events (%,d complaint events) published in %.1f s%n",
          events, complaintEvents, publishSeconds);

      out.println("[2] baseline: plain Kafka consumer + plain Parquet writer, one thread ...");
      double baselineRate;
      double baselineCpuRate;
      // Best of three: the baseline runs first in the process (its code is still cold while later
      // stages find Jackson and Parquet compiled) and on a shared machine one run can be slowed by
      // others; its best run is the practical limit, and the ratios are against that (never
      // flattered).
      try (StageMemory memory = StageMemory.start();
          StageProfile cpu = StageProfile.start(profileDir.resolve(profile + "-baseline.jfr"))) {
        baselineRate = 0;
        baselineCpuRate = 0;
        List<String> runs = new ArrayList<>();
        for (int run = 1; run <= BASELINE_RUNS; run++) {
          long start = System.nanoTime();
          double cpu0 = processCpuSeconds();
          long read =
              BaselineLakeWriter.run(
                  config.kafkaClients(bootstrap),
                  config.topics(),
                  work.resolve("baseline-" + run),
                  config.zone());
          double seconds = (System.nanoTime() - start) / 1e9;
          double rate = read / seconds;
          double cpuRate = read / (processCpuSeconds() - cpu0);
          baselineRate = Math.max(baselineRate, rate);
          baselineCpuRate = Math.max(baselineCpuRate, cpuRate);
          runs.add(String.format(Locale.ROOT, "%,.0f", rate));
          out.printf(
              "    run %d: %,d events in %.1f s: %,.0f events/s; %,.0f events per CPU-second%n",
              run, read, seconds, rate, cpuRate);
          DemoCommand.deleteRecursively(work.resolve("baseline-" + run));
        }
        String stage =
            "baseline: Kafka consumer + Parquet writer (best of "
                + BASELINE_RUNS
                + " runs: "
                + String.join(", ", runs)
                + " events/s)";
        lines.add(
            new Line(
                stage,
                "events/s (1 thread)",
                baselineRate,
                "events/s",
                "",
                "1.00",
                "",
                "",
                memory.stop()));
        lines.add(
            new Line(
                stage, CPU_MEASURE, baselineCpuRate, "events/CPU-s", "", "1.00", "", "", null));
        profiles.put("baseline", cpu.stop(12));
      }

      out.println(
          "[2b] bare Flink job: KafkaSource (deserializer = the baseline's conversion) -> the"
              + " lake's Parquet sink, no operators of ours ...");
      try (StageMemory memory = StageMemory.start();
          StageProfile cpu =
              StageProfile.start(profileDir.resolve(profile + "-bare-flink-job.jfr"))) {
        String stage = "bare Flink job: KafkaSource -> Parquet sink (no operators of ours)";
        double cpu0 = processCpuSeconds();
        JobExecutionResult result =
            BareFlinkBenchmark.run(config, bootstrap, work.resolve("bare-lake"));
        double cpuRate = events / (processCpuSeconds() - cpu0);
        profiles.put("bare Flink job", cpu.stop(12));
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        double perCore = events / seconds / coresUsed;
        double fixed =
            BareFlinkBenchmark.run(config, bootstrap, work.resolve("bare-lake"))
                    .getNetRuntime(TimeUnit.MILLISECONDS)
                / 1000.0;
        double steady = seconds > fixed ? events / (seconds - fixed) / coresUsed : Double.NaN;
        lines.add(
            new Line(
                stage,
                "fixed cost of a bounded run (the job with nothing to read)",
                fixed,
                "s",
                "",
                "",
                "",
                "",
                null));
        lines.add(
            new Line(
                stage,
                "events/s per core without that fixed cost",
                steady,
                "events/s",
                fmt(baselineRate),
                ratio(steady, baselineRate),
                "",
                "",
                null));
        lines.add(
            new Line(
                stage,
                "events/s per core (" + coresUsed + " cores)",
                perCore,
                "events/s",
                fmt(baselineRate),
                ratio(perCore, baselineRate),
                "",
                "",
                memory.stop()));
        lines.add(
            new Line(
                stage,
                CPU_MEASURE,
                cpuRate,
                "events/CPU-s",
                fmt(baselineCpuRate),
                ratio(cpuRate, baselineCpuRate),
                "",
                "",
                null));
        out.printf(
            "    %,d events in %.1f s: %,.0f per core; ratio to baseline (per core) %.2f; per"
                + " CPU-second %,.0f (%.2f)%n",
            events, seconds, perCore, perCore / baselineRate, cpuRate, cpuRate / baselineCpuRate);
      }

      out.println(
          "[3] lake job: Kafka -> validate -> pseudonymise -> Parquet, Flink parallelism "
              + parallelism
              + " ...");
      try (StageMemory memory = StageMemory.start();
          StageProfile cpu = StageProfile.start(profileDir.resolve(profile + "-lake-job.jfr"))) {
        double cpu0 = processCpuSeconds();
        JobExecutionResult result = LakeJobRunner.run(config, bootstrap, true, false);
        double cpuRate = events / (processCpuSeconds() - cpu0);
        profiles.put("lake job", cpu.stop(12));
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        double rate = events / seconds;
        double perCore = rate / coresUsed;
        // The same job again with nothing left to read: what a bounded run costs whatever it reads
        // (deploying the tasks, the final checkpoint that commits the files).
        double fixed =
            LakeJobRunner.run(config, bootstrap, true, false).getNetRuntime(TimeUnit.MILLISECONDS)
                / 1000.0;
        double steady = seconds > fixed ? events / (seconds - fixed) / coresUsed : Double.NaN;
        lines.add(
            new Line(
                "lake job (Flink)",
                "fixed cost of a bounded run (the job with nothing to read)",
                fixed,
                "s",
                "",
                "",
                "",
                "",
                null));
        lines.add(
            new Line(
                "lake job (Flink)",
                "events/s per core without that fixed cost",
                steady,
                "events/s",
                fmt(baselineRate),
                ratio(steady, baselineRate),
                LAKE_TARGET,
                steady / baselineRate >= 0.6 ? "yes" : "no",
                null));
        lines.add(
            new Line(
                "lake job (Flink)",
                "events/s per core (" + coresUsed + " cores)",
                perCore,
                "events/s",
                fmt(baselineRate),
                ratio(perCore, baselineRate),
                LAKE_TARGET,
                perCore / baselineRate >= 0.6 ? "yes" : "no",
                memory.stop()));
        lines.add(
            new Line(
                "lake job (Flink)",
                CPU_MEASURE,
                cpuRate,
                "events/CPU-s",
                fmt(baselineCpuRate),
                ratio(cpuRate, baselineCpuRate),
                "",
                "",
                null));
        out.printf(
            "    %,d events in %.1f s: %,.0f events/s, %,.0f per core; ratio to baseline (per core)"
                + " %.2f; per CPU-second %,.0f (%.2f)%n",
            events,
            seconds,
            rate,
            perCore,
            perCore / baselineRate,
            cpuRate,
            cpuRate / baselineCpuRate);
      }

      out.println("[4] complaint lifecycle / SLA job (keyed by complaint) ...");
      try (StageMemory memory = StageMemory.start();
          StageProfile cpu =
              StageProfile.start(profileDir.resolve(profile + "-lifecycle-job.jfr"))) {
        // The lifecycle runs behind the door, which writes the complaint topic's door tables again:
        // it writes to a lake of its own, and only the lifecycle's tables join the lake the later
        // stages query (else complaint_events would hold every complaint event twice).
        Path lifecycleLake = work.resolve("lake-lifecycle");
        QualityLoopConfig lifecycleConfig =
            config
                .with("lake.root", lifecycleLake.toString())
                .with("lake.reference-dir", config.referenceDir().toString());
        CheckpointSizes checkpoints = new CheckpointSizes(config.checkpointDir(), LIFECYCLE_UID);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(checkpoints::sample, 100, 100, TimeUnit.MILLISECONDS);
        JobExecutionResult result;
        double cpu0 = processCpuSeconds();
        double cpuRate;
        try {
          result = LakeJobRunner.run(lifecycleConfig, bootstrap, false, true);
          cpuRate = complaintEvents / (processCpuSeconds() - cpu0);
        } finally {
          ticker.shutdownNow();
          ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        profiles.put("complaint lifecycle / SLA job", cpu.stop(12));
        StateBytes state = stateBytesPerComplaint(checkpoints, result);
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        double perCore = complaintEvents / seconds / coresUsed;
        double fixed =
            LakeJobRunner.run(lifecycleConfig, bootstrap, false, true)
                    .getNetRuntime(TimeUnit.MILLISECONDS)
                / 1000.0;
        double steady =
            seconds > fixed ? complaintEvents / (seconds - fixed) / coresUsed : Double.NaN;
        moveLifecycleTables(lifecycleLake, config.lakeRoot());
        lines.add(
            new Line(
                "complaint lifecycle / SLA job (Flink)",
                "fixed cost of a bounded run (the job with nothing to read)",
                fixed,
                "s",
                "",
                "",
                "",
                "",
                null));
        lines.add(
            new Line(
                "complaint lifecycle / SLA job (Flink)",
                "complaint events/s per core without that fixed cost",
                steady,
                "events/s",
                fmt(baselineRate),
                ratio(steady, baselineRate),
                LIFECYCLE_TARGET,
                steady / baselineRate >= 0.3 ? "yes" : "no",
                null));
        lines.add(
            new Line(
                "complaint lifecycle / SLA job (Flink)",
                "complaint events/s per core (" + coresUsed + " cores)",
                perCore,
                "events/s",
                fmt(baselineRate),
                ratio(perCore, baselineRate),
                LIFECYCLE_TARGET,
                perCore / baselineRate >= 0.3 ? "yes" : "no",
                memory.stop()));
        lines.add(
            new Line(
                "complaint lifecycle / SLA job (Flink)",
                "complaint " + CPU_MEASURE,
                cpuRate,
                "events/CPU-s",
                fmt(baselineCpuRate),
                ratio(cpuRate, baselineCpuRate),
                "",
                "",
                null));
        if (state != null) {
          lines.add(
              new Line(
                  "complaint lifecycle / SLA job (Flink)",
                  String.format(
                      Locale.ROOT,
                      "checkpointed state bytes per complaint held in state (lifecycle operator,"
                          + " checkpoint #%d: %,d bytes / %,d complaints)",
                      state.checkpointId(),
                      state.bytes(),
                      state.complaints()),
                  (double) state.bytes() / state.complaints(),
                  "bytes",
                  "",
                  "",
                  "",
                  "",
                  null));
        }
        out.printf(
            "    %,d complaint events in %.1f s: %,.0f per core; ratio to baseline (per core) %.2f;"
                + " per CPU-second %,.0f (%.2f); %s%n",
            complaintEvents,
            seconds,
            perCore,
            perCore / baselineRate,
            cpuRate,
            cpuRate / baselineCpuRate,
            state == null
                ? "no checkpoint with complaints in state seen"
                : String.format(
                    Locale.ROOT,
                    "%,.0f state bytes per complaint in state (checkpoint #%d)",
                    (double) state.bytes() / state.complaints(),
                    state.checkpointId()));
      }

      if (!streamingOnly) {
        out.printf(
            "[5] freshness: the lake job running continuously, %,d events/s produced for %d s"
                + " ...%n",
            profile.freshnessRate, profile.freshnessSeconds);
        try (StageMemory memory = StageMemory.start()) {
          FreshnessBenchmark.Result f =
              FreshnessBenchmark.run(
                  config,
                  bootstrap,
                  data,
                  profile.freshnessRate,
                  Duration.ofSeconds(profile.freshnessSeconds));
          double interval = config.lakeJobSettings().checkpointInterval().toMillis() / 1000.0;
          String target =
              String.format(
                  Locale.ROOT,
                  "p95 <= checkpoint interval %.0f s + checkpoint duration + 5 s",
                  interval);
          StageMemory.Peak peak = memory.stop();
          String stage =
              String.format(
                  Locale.ROOT,
                  "freshness: produced -> queryable in DuckDB (%,.0f events/s, %,d of %,d seen)",
                  f.rate(),
                  f.seen(),
                  f.produced());
          lines.add(new Line(stage, "p50", f.p50Seconds(), "s", "", "", "", "", peak));
          lines.add(
              new Line(
                  stage,
                  "p95",
                  f.p95Seconds(),
                  "s",
                  "",
                  "",
                  target,
                  f.seen() == f.produced() && f.p95Seconds() <= interval + 5
                      ? "yes (without crediting the checkpoint duration)"
                      : "see note",
                  null));
          lines.add(new Line(stage, "max", f.maxSeconds(), "s", "", "", "", "", null));
          out.printf(
              "    %,d of %,d events seen; p50 %.2f s, p95 %.2f s, max %.2f s%n",
              f.seen(), f.produced(), f.p50Seconds(), f.p95Seconds(), f.maxSeconds());
        }
      }
    }

    int step = 6;
    for (long rows : streamingOnly ? List.<Long>of() : profile.lakeRows) {
      out.printf("[%d] DuckDB on a lake of about %,d rows ...%n", step++, rows);
      Path scaled = work.resolve("lake-" + rows);
      long actual = LayoutBenchmark.scale(config.lakeRoot(), scaled, rows);
      LayoutBenchmark.Result naive = LayoutBenchmark.measure(scaled, "as streamed", 0, work);
      double compactSeconds = LayoutBenchmark.compact(scaled, config);
      LayoutBenchmark.Result compacted =
          LayoutBenchmark.measure(scaled, "compacted", compactSeconds, work);
      for (LayoutBenchmark.Result r : List.of(naive, compacted)) {
        String stage =
            String.format(
                Locale.ROOT,
                "DuckDB, %,d rows, %s (%,d files, %.0f MiB)",
                actual,
                r.layout(),
                r.files(),
                r.bytes() / 1048576.0);
        if (r.compactSeconds() > 0) {
          lines.add(new Line(stage, "compaction", r.compactSeconds(), "s", "", "", "", "", null));
        }
        lines.add(
            new Line(
                stage,
                "warehouse build (all models and model tests)",
                r.buildSeconds(),
                "s",
                "",
                "",
                "",
                "",
                r.memory()));
        for (LayoutBenchmark.Timing m : r.slowestModels()) {
          lines.add(
              new Line(
                  stage,
                  "of which model " + m.name() + " (one of the 3 slowest)",
                  m.ms(),
                  "ms",
                  "",
                  "",
                  "",
                  "",
                  null));
        }
        for (LayoutBenchmark.Timing q : r.reportQueries()) {
          lines.add(
              new Line(
                  stage,
                  "report query " + q.name(),
                  q.ms(),
                  "ms",
                  "",
                  "",
                  "<= 100 ms",
                  q.ms() <= 100 ? "yes" : "no",
                  null));
        }
        for (LayoutBenchmark.Timing q : r.drillRequests()) {
          lines.add(
              new Line(
                  stage,
                  "drill-down " + q.name() + " (HTTP)",
                  q.ms(),
                  "ms",
                  "",
                  "",
                  "<= 50 ms",
                  q.ms() <= 50 ? "yes" : "no",
                  null));
        }
        lines.add(
            new Line(
                stage,
                "whole quarterly report (render on the built warehouse)",
                r.reportSeconds(),
                "s",
                "",
                "",
                "<= 5 s",
                r.reportSeconds() <= 5 ? "yes" : "no",
                null));
        lines.add(
            new Line(
                stage,
                "whole quarterly report (build + render)",
                r.buildSeconds() + r.reportSeconds(),
                "s",
                "",
                "",
                "<= 5 s",
                r.buildSeconds() + r.reportSeconds() <= 5 ? "yes" : "no",
                null));
        lines.add(
            new Line(
                stage,
                "one-project query on complaint_events: row groups scanned",
                r.rowGroupsScanned(),
                "of " + r.rowGroupsTotal(),
                "",
                "",
                "",
                "",
                null));
      }
      out.printf(
          "    naive: build %.1f s, report %.2f s; compacted (%.1f s): build %.1f s, report %.2f"
              + " s%n",
          naive.buildSeconds(),
          naive.reportSeconds(),
          compactSeconds,
          compacted.buildSeconds(),
          compacted.reportSeconds());
      DemoCommand.deleteRecursively(scaled);
    }

    Files.createDirectories(results);
    String md = markdown(lines, profiles);
    Files.writeString(results.resolve(profile + ".md"), md, StandardCharsets.UTF_8);
    Files.writeString(results.resolve(profile + ".csv"), csv(lines), StandardCharsets.UTF_8);
    out.println();
    out.println(md);
    out.println("Written: " + results.resolve(profile + ".md") + " and .csv");
    DemoCommand.deleteRecursively(work);
    return 0;
  }

  private String markdown(List<Line> lines, Map<String, List<String>> profiles) {
    StringBuilder md = new StringBuilder();
    md.append("# QualityLoop benchmark, profile ").append(profile).append("\n\n");
    md.append("Run ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" on ")
        .append(Machine.describe())
        .append(".\n\n");
    md.append(
        "| stage | measure | value | unit | baseline | ratio | target | met | peak heap MiB | peak"
            + " RSS MiB |\n");
    md.append("|---|---|---:|---|---:|---:|---|---|---:|---:|\n");
    for (Line l : lines) {
      md.append("| ")
          .append(l.stage())
          .append(" | ")
          .append(l.measure())
          .append(" | ")
          .append(Double.isNaN(l.value()) ? "" : fmt(l.value()))
          .append(" | ")
          .append(l.unit())
          .append(" | ")
          .append(l.baseline())
          .append(" | ")
          .append(l.ratio())
          .append(" | ")
          .append(l.target())
          .append(" | ")
          .append(l.met())
          .append(" | ")
          .append(l.memory() == null ? "" : String.valueOf(l.memory().heapMiB()))
          .append(" | ")
          .append(
              l.memory() == null
                  ? ""
                  : l.memory().rssMiB() + (l.memory().rssReset() ? "" : " (process)"))
          .append(" |\n");
    }
    md.append(
        "\n"
            + "Peak heap is the stage's own (sampled every 20 ms); peak RSS is the process's"
            + " high-water mark reset at the stage's start, so it includes memory the JVM kept from"
            + " earlier stages.\n");
    md.append("\n## Where the time goes (Java Flight Recorder, execution samples)\n");
    profiles.forEach(
        (stage, summary) -> {
          md.append("\n### ").append(stage).append("\n\n```\n");
          summary.forEach(l -> md.append(l).append('\n'));
          md.append("```\n");
        });
    return md.toString();
  }

  private static String csv(List<Line> lines) {
    StringBuilder csv =
        new StringBuilder(
            "stage,measure,value,unit,baseline,ratio,target,met,peak_heap_mib,peak_rss_mib\n");
    for (Line l : lines) {
      csv.append(
              String.join(
                  ",",
                  List.of(
                      q(l.stage()),
                      q(l.measure()),
                      Double.isNaN(l.value()) ? "" : String.format(Locale.ROOT, "%.3f", l.value()),
                      q(l.unit()),
                      q(l.baseline()),
                      q(l.ratio()),
                      q(l.target()),
                      q(l.met()),
                      l.memory() == null ? "" : String.valueOf(l.memory().heapMiB()),
                      l.memory() == null ? "" : String.valueOf(l.memory().rssMiB()))))
          .append('\n');
    }
    return csv.toString();
  }

  static final String LIFECYCLE_UID = "complaint-lifecycle";
  static final int BASELINE_RUNS = 3;

  /**
   * Tables the door writes (the lake job wrote them already); everything else the lifecycle stage
   * wrote joins the lake.
   */
  static final Set<String> DOOR_TABLES =
      Set.of("complaint_events", "quarantine", "record_flags", "duplicates", "reference");

  static void moveLifecycleTables(Path from, Path lake) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (var tables = Files.list(from)) {
      for (Path table : tables.toList()) {
        // Tables are folders; a file (the lake's record of pseudonym key ids) is the door's, as the
        // door's tables.
        if (DOOR_TABLES.contains(table.getFileName().toString()) || !Files.isDirectory(table)) {
          continue;
        }
        Path target = lake.resolve(table.getFileName().toString());
        if (Files.exists(target)) {
          throw new IllegalStateException(
              "lake table "
                  + target
                  + " already exists: the lake job stage should not have written it");
        }
        Files.move(table, target);
      }
    }
    DemoCommand.deleteRecursively(from);
  }

  /**
   * Throughput over the CPU time the process used (all its threads, the in-process Kafka broker's
   * included, as for every stage): unlike per-core wall-clock rates, it does not depend on how much
   * of the machine other processes took while the stage ran.
   */
  static final String CPU_MEASURE = "events per CPU-second of the process (load-independent)";

  static double processCpuSeconds() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * The lifecycle operator's checkpointed state over the complaints it held, at the latest
   * checkpoint where both are known.
   */
  record StateBytes(long checkpointId, long bytes, long complaints) {}

  @SuppressWarnings("unchecked")
  static StateBytes stateBytesPerComplaint(CheckpointSizes checkpoints, JobExecutionResult result) {
    Object acc =
        result.getAllAccumulatorResults().get(ComplaintLifecycleFunction.ACC_LIVE_AT_CHECKPOINT);
    if (!(acc instanceof Map<?, ?> live)) {
      return null;
    }
    StateBytes best = null;
    for (Map.Entry<Long, Long> e : checkpoints.operatorBytes().entrySet()) {
      Object n = ((Map<Object, Object>) live).get(e.getKey());
      if (n instanceof Long complaints && complaints > 0 && e.getValue() > 0) {
        best = new StateBytes(e.getKey(), e.getValue(), complaints);
      }
    }
    return best;
  }

  private static String ratio(double value, double baseline) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value / baseline);
  }

  private static String q(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static String fmt(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  /** The machine the numbers were measured on. */
  static final class Machine {
    private Machine() {}

    static String describe() {
      String cpu = "?";
      long memKiB = 0;
      try {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
          if (line.startsWith("model name")) {
            cpu = line.substring(line.indexOf(':') + 1).strip();
            break;
          }
        }
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (line.startsWith("MemTotal:")) {
            memKiB = Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return String.format(
          Locale.ROOT,
          "%d cores (%s), %.1f GiB RAM, Java %s, max heap %.1f GiB, %s %s",
          Runtime.getRuntime().availableProcessors(),
          cpu,
          memKiB / 1048576.0,
          System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() / 1073741824.0,
          System.getProperty("os.name"),
          System.getProperty("os.version"));
    }
  }
}
