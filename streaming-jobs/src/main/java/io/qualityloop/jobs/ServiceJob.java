package io.qualityloop.jobs;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming jobs of the long-running service ({@code qualityloop up}): the lake job and the
 * complaint lifecycle in one Flink job on an in-process MiniCluster, reading the event topics
 * without end, with checkpoints retained on disk. It resumes from the newest savepoint or retained
 * checkpoint ({@link StreamingState}): after a clean stop the savepoint, after {@code kill -9} the
 * checkpoint completed last, whose Kafka positions and output agree, so nothing is missing or
 * twice.
 *
 * <p>Time: each time the consumer group has committed everything published (checked every {@code
 * service.catch-up-poll}), event time catches up with the newest event ({@link CatchUpSignal}), so
 * the last steps of an import are judged without waiting for newer ones; while records are coming
 * the watermark waits for stragglers as usual. While an import is publishing or waiting to ({@link
 * ServiceImports}), and then until the offsets it reached are committed, event time stands still
 * ({@link CatchUpSignal#holdForImport()}: no door subtask emits a watermark, catches up or steps
 * aside): what was read may be the first part of a file whose older steps are still to come on
 * another partition. The import starts publishing once the subtasks hold. A check that fails counts
 * as an import pending; a hold of over {@code LONG_HOLD} is a warning in the log. Clocks still
 * running are warned and breached on the wall clock by the lifecycle's processing-time timers
 * ({@code sla.live-alerts}).
 */
public final class ServiceJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceJob.class);
  private static final Duration LONG_HOLD = Duration.ofMinutes(10);

  private final QualityLoopConfig config;
  private final JobClient job;
  private final CatchUpSignal catchUp;
  private final Optional<Path> resumedFrom;
  private final ScheduledExecutorService poller;
  private final Admin admin;
  private final ServiceImports imports;
  private volatile boolean caughtUp;
  private volatile boolean importsSettled;

  /**
   * The end offsets at this run's first check without imports (the backlog a restored run starts
   * with), until they are read and committed; then null.
   */
  private Map<TopicPartition, Long> backlogEnds;

  private boolean backlogRead;

  /** The end offsets once the imports holding event time had published: read, the hold ends. */
  private Map<TopicPartition, Long> importEnds;

  /** Since when ({@link System#nanoTime()}) event time has stood still for imports; 0: not. */
  private long heldSince;

  private long warnedAt;

  private ServiceJob(
      QualityLoopConfig config,
      JobClient job,
      CatchUpSignal catchUp,
      Optional<Path> resumedFrom,
      KafkaClientSettings kafka,
      ServiceImports imports) {
    this.config = config;
    this.imports = imports;
    this.job = job;
    this.catchUp = catchUp;
    this.resumedFrom = resumedFrom;
    this.admin = Admin.create(kafka.properties());
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "service-catch-up");
              t.setDaemon(true);
              return t;
            });
    long poll =
        config
            .parse("service.catch-up-poll", Duration::parse, "an ISO-8601 duration such as PT1S")
            .toMillis();
    poller.scheduleWithFixedDelay(this::checkCaughtUp, poll, poll, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the jobs against {@code bootstrapServers}, resuming the state the last run left; event
   * time waits for {@code imports} while they are pending.
   */
  public static ServiceJob start(
      QualityLoopConfig config, String bootstrapServers, ServiceImports imports) throws Exception {
    Optional<Path> resume = StreamingState.latest(config.savepointDir(), config.checkpointDir());
    CatchUpSignal catchUp = LakeJobRunner.catchUpSignal(config, resume);
    LakeJobSettings settings = config.lakeJobSettings().withCatchUp(catchUp);
    Configuration flink = ClusterJob.configuration(config);
    if (resume.isPresent()) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, resume.get().toUri().toString());
      flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
    KafkaClientSettings kafka = config.kafkaClients(bootstrapServers);
    LakeJobRunner.addJobs(
        env,
        config,
        settings,
        kafka,
        (topic, group) -> KafkaSources.forTopic(kafka, topic, group, false, Map.of()),
        true,
        true);
    if (pending(imports)) {
      // before the door's subtasks start: a killed service's half-published file is read again
      catchUp.holdForImport();
    }
    JobClient job = env.executeAsync(config.get("flink.job-name"));
    return new ServiceJob(config, job, catchUp, resume, kafka, imports);
  }

  /** The savepoint or checkpoint this run resumed from, if any. */
  public Optional<Path> resumedFrom() {
    return resumedFrom;
  }

  /** Whether, at the last check, everything published was read and its output committed. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /**
   * Whether, at the last check, no import was publishing or waiting to publish, what the imports
   * had published was read and its output committed, and so was what had been published before this
   * run's first such check (the backlog a restored run starts with). Unlike {@link #caughtUp()},
   * rows published straight to the topics later (the live demo's feed, a connector) do not count:
   * under a steady feed the offsets are committed only at checkpoints, and everything is rarely
   * read at one check.
   */
  public boolean importsSettled() {
    return importsSettled;
  }

  /**
   * Whether the Flink job is still running (it restarts itself on failures, up to {@code
   * flink.restart.attempts}).
   */
  public boolean running() {
    try {
      return !job.getJobStatus().get().isGloballyTerminalState();
    } catch (Exception e) {
      return false;
    }
  }

  private void checkCaughtUp() {
    try {
      // Taken before the offsets are read: a release covers only what was published before it.
      long checkedAt = System.nanoTime();
      // An import publishing now may have sent the newest steps of its file before older ones
      // (another partition's): a release now would judge those as missing. Asked after checkedAt,
      // so an import that ended before the offsets are read is covered by them.
      if (pending(imports)) {
        catchUp.holdForImport();
        importEnds = null;
        caughtUp = false;
        importsSettled = false;
        if (catchUp.importHoldSeen()) {
          imports.held();
        }
        warnWhenLong(checkedAt);
        return;
      }
      Map<TopicPartition, Long> ends = KafkaRanges.ends(admin, config.topics().values());
      if (catchUp.importHold() != 0) {
        // The imports are published: event time stands still until their rows are read.
        if (importEnds == null) {
          importEnds = ends;
        }
        if (!KafkaRanges.isCommitted(admin, config.consumerGroup(), importEnds)) {
          caughtUp = false;
          importsSettled = false;
          warnWhenLong(checkedAt);
          return;
        }
        importEnds = null;
        catchUp.endImportHold();
      }
      heldSince = 0;
      boolean now = KafkaRanges.isCommitted(admin, config.consumerGroup(), ends);
      if (!backlogRead) {
        if (backlogEnds == null) {
          backlogEnds = ends;
        }
        backlogRead = now || KafkaRanges.isCommitted(admin, config.consumerGroup(), backlogEnds);
        if (backlogRead) {
          backlogEnds = null;
        }
      }
      importsSettled = backlogRead;
      if (now) {
        catchUp.release(checkedAt);
      } else {
        catchUp.hold();
      }
      caughtUp = now;
    } catch (Exception e) {
      LOG.warn("cannot tell whether everything published is read: {}", e.toString());
    }
  }

  /**
   * Logs a warning every {@link #LONG_HOLD} while event time stands still for imports (an import
   * that hangs, a file the inbox cannot take, rows not read).
   */
  private void warnWhenLong(long now) {
    if (heldSince == 0) {
      heldSince = now;
      warnedAt = now;
    } else if (now - warnedAt >= LONG_HOLD.toNanos()) {
      warnedAt = now;
      LOG.warn(
          "event time has stood still for {} min for imports: publishing or waiting in the inbox"
              + " (see the leases in out/publishing/ and the files in the inbox), or their rows"
              + " not yet read",
          Duration.ofNanos(now - heldSince).toMinutes());
    }
  }

  /** Whether an import is pending; when that cannot be told, it counts as pending. */
  private static boolean pending(ServiceImports imports) {
    try {
      return imports.pending();
    } catch (RuntimeException e) {
      LOG.warn("cannot tell whether an import is pending, so event time waits: {}", e.toString());
      return true;
    }
  }

  /**
   * Stops the jobs with a savepoint in {@code flink.savepoint-dir}, the state the next run resumes
   * from, and deletes the older savepoints and checkpoints; returns the savepoint's path.
   */
  public Path stop() throws Exception {
    poller.shutdownNow();
    Files.createDirectories(config.savepointDir());
    String savepoint =
        job.stopWithSavepoint(
                false, config.savepointDir().toUri().toString(), SavepointFormatType.CANONICAL)
            .get();
    job.getJobExecutionResult().get();
    Path kept = Path.of(URI.create(savepoint));
    StreamingState.keepOnly(kept, config.savepointDir(), config.checkpointDir());
    return kept;
  }

  /** Cancels the jobs without a savepoint (the retained checkpoint is the next run's start). */
  @Override
  public void close() {
    poller.shutdownNow();
    admin.close(Duration.ofSeconds(2));
    try {
      if (running()) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.warn("cannot cancel the streaming job: {}", e.toString());
    } finally {
      catchUp.close();
    }
  }
}
