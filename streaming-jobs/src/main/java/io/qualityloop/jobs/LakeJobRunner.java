package io.qualityloop.jobs;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.jobs.complaints.AlertSinks;
import io.qualityloop.jobs.complaints.ComplaintLifecycleJob;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.lake.DoorReference;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.IngestPolicy;
import io.qualityloop.jobs.lake.KafkaPayload;
import io.qualityloop.jobs.lake.LakeIngestJob;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.jobs.lake.StreamSource;
import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import io.qualityloop.jobs.lake.io.DeadLetterSinks;
import io.qualityloop.jobs.lake.io.KafkaSources;
import io.qualityloop.jobs.text.TextAlertSinks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the streaming jobs to Kafka and the lake and runs them on an in-process Flink MiniCluster.
 */
public final class LakeJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LakeJobRunner.class);

  private LakeJobRunner() {}

  /**
   * The catch-up signal of a run in this JVM; one that resumes {@code resume} catches each stream
   * up with at least the newest event its lake table has committed (read now, before the job
   * starts), since Flink keeps no watermark in its state.
   */
  static CatchUpSignal catchUpSignal(QualityLoopConfig config, Optional<Path> resume) {
    if (resume.isEmpty()) {
      return CatchUpSignal.local();
    }
    return CatchUpSignal.resuming(
        LakeIngestJob.committedEventTimes(config.lakeLocation(), config.lakeJobSettings().zone()));
  }

  /**
   * Releases {@code catchUp} once the consumer group has committed everything published by the
   * check's start, and waits until every door has caught up. A door that read a record published
   * after that (another import into the same broker) is not covered: the check and the release are
   * renewed until every door has acknowledged or {@code timeout} passed.
   */
  private static boolean catchUpWithEverythingRead(
      CatchUpSignal catchUp, KafkaClientSettings kafka, QualityLoopConfig config, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka.properties())) {
      while (System.nanoTime() < deadline) {
        long checkedAt = System.nanoTime();
        if (KafkaRanges.isCommitted(admin, config.consumerGroup(), config.topics().values())) {
          catchUp.release(checkedAt);
        }
        if (catchUp.awaitCaughtUp(Duration.ofMillis(500))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs the lake job and the complaint lifecycle job in one Flink job until everything published
   * before the start is processed, resuming the streaming state that the run before left (Kafka
   * positions, the event ids seen, every open complaint's steps and clocks) and leaving its own for
   * the next: a complaint whose steps come in several imports is one complaint. The job reads
   * without end; once its consumer group has committed the ends the topics had at its start, the
   * runner lets event time catch up with the newest event ({@link CatchUpSignal}), and once a
   * checkpoint has committed what that produced, it stops with a savepoint in {@code
   * flink.savepoint-dir} ({@link StreamingState}). SLA rules and working time come from the lake's
   * reference files, so a company's edits apply.
   */
  public static JobExecutionResult runBounded(QualityLoopConfig config, String bootstrapServers)
      throws Exception {
    Optional<Path> resume = StreamingState.latest(config.savepointDir(), config.checkpointDir());
    CatchUpSignal catchUp = catchUpSignal(config, resume);
    LakeJobSettings settings = config.lakeJobSettings().withCatchUp(catchUp);
    KafkaClientSettings kafka = config.kafkaClients(bootstrapServers);
    KafkaRanges ends = KafkaRanges.read(kafka, config.topics().values());
    Map<TopicPartition, Long> all = new HashMap<>();
    config.topics().values().forEach(topic -> all.putAll(ends.endOffsets(topic)));
    Configuration flink = FlinkEnvironments.baseConfiguration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointLocation());
    flink.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (resume.isPresent()) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, resume.get().toUri().toString());
      // Operators that a configuration change removed (text.enabled=false) leave their state
      // behind.
      flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
    addJobs(
        env,
        config,
        settings,
        kafka,
        (topic, group) -> KafkaSources.forTopic(kafka, topic, group, false, Map.of()),
        true,
        true);
    JobClient job;
    try {
      job = env.executeAsync("qualityloop");
    } catch (Exception e) {
      throw resumeFailure(resume, config, e);
    }
    try {
      KafkaRanges.awaitCommitted(kafka, config.consumerGroup(), all, () -> failIfEnded(job));
      // Everything is read: event time catches up with the newest event at the next watermark
      // (200 ms). Once every door has emitted it, the savepoint's barrier follows it: the lifecycle
      // applies the last steps before the savepoint, which commits the output.
      if (!catchUpWithEverythingRead(
          catchUp, kafka, config, settings.checkpointInterval().multipliedBy(2).plusSeconds(1))) {
        LOG.warn("the doors' watermarks did not all report catching up; stopping the run anyway");
      }
      Files.createDirectories(config.savepointDir());
      String savepoint =
          job.stopWithSavepoint(
                  false, config.savepointDir().toUri().toString(), SavepointFormatType.CANONICAL)
              .get();
      JobExecutionResult result = job.getJobExecutionResult().get();
      StreamingState.keepOnly(
          Path.of(URI.create(savepoint)), config.savepointDir(), config.checkpointDir());
      return result;
    } catch (ExecutionException | IllegalStateException e) {
      throw resumeFailure(resume, config, e);
    } catch (InterruptedException e) {
      job.cancel();
      Thread.currentThread().interrupt();
      throw e;
    } finally {
      catchUp.close();
    }
  }

  /** Throws the job's failure, or that it ended, if it is no longer running. */
  private static void failIfEnded(JobClient job) {
    try {
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        job.getJobExecutionResult().get(); // throws the job's failure
        throw new IllegalStateException("the streaming job ended before it had read everything");
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the streaming job failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the streaming job", e);
    }
  }

  private static Exception resumeFailure(
      Optional<Path> resume, QualityLoopConfig config, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (resume.isPresent() && describe(cause).contains("restore")) {
      return new IllegalStateException(
          "cannot resume the streaming state of the last run from "
              + resume.get()
              + ": "
              + describe(cause)
              + ". Move "
              + config.savepointDir()
              + " and "
              + config.checkpointDir()
              + " aside to start afresh (complaints split across"
              + " earlier imports are then judged on the steps imported from now on).",
          cause);
    }
    return e;
  }

  private static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null && b.length() < 2000; c = c.getCause()) {
      b.append(c.getMessage()).append("; ");
    }
    return b.toString();
  }

  /**
   * As {@link #runBounded}, with only the lake job ({@code lake}) or only the complaint lifecycle
   * job ({@code lifecycle}, behind the door of the complaint topic alone, reading as {@code
   * kafka.consumer-group.lifecycle}) or both in the Flink job: the benchmark measures each alone.
   */
  public static JobExecutionResult run(
      QualityLoopConfig config, String bootstrapServers, boolean lake, boolean lifecycle)
      throws Exception {
    // Its input ends, and the end moves event time on: no state kept.
    LakeJobSettings settings = config.lakeJobSettings();
    // The jobs read from each group's committed offsets up to these ends; once they have finished,
    // the groups are committed to exactly these ends, so the next run goes on from there.
    KafkaClientSettings kafka = config.kafkaClients(bootstrapServers);
    KafkaRanges ends = KafkaRanges.read(kafka, config.topics().values());
    String complaintTopic = config.topics().get(EventStream.COMPLAINT_EVENTS);
    Configuration flink = FlinkEnvironments.baseConfiguration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointLocation());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
    addJobs(
        env,
        config,
        settings,
        kafka,
        (topic, group) ->
            KafkaSources.forTopicUpTo(kafka, topic, group, ends.endOffsets(topic), Map.of()),
        lake,
        lifecycle);
    JobExecutionResult result = env.execute("qualityloop");
    if (lake) {
      Map<TopicPartition, Long> all = new HashMap<>();
      config.topics().values().forEach(topic -> all.putAll(ends.endOffsets(topic)));
      KafkaRanges.commitAhead(kafka, config.consumerGroup(), all);
    } else {
      KafkaRanges.commitAhead(
          kafka, config.lifecycleConsumerGroup(), ends.endOffsets(complaintTopic));
    }
    return result;
  }

  /**
   * Adds the lake job ({@code lake}) and the complaint lifecycle job ({@code lifecycle}) to {@code
   * env}, each topic read by {@code source.apply(topic, consumer group)}. SLA rules and working
   * time come from the company's reference files, so its edits apply.
   */
  static void addJobs(
      StreamExecutionEnvironment env,
      QualityLoopConfig config,
      LakeJobSettings settings,
      KafkaClientSettings kafka,
      BiFunction<String, String, KafkaSource<KafkaPayload>> source,
      boolean lake,
      boolean lifecycle)
      throws IOException {
    Path reference = config.referenceDir();
    // The lake job is the only door: the lifecycle reads the complaint events that passed it, in
    // the
    // same job graph, never the topic itself. Without the lake job (a benchmark of the lifecycle),
    // the door runs for the complaint topic alone, as a consumer group of its own.
    String group = lake ? config.consumerGroup() : config.lifecycleConsumerGroup();
    Map<EventStream, StreamSource> sources = new EnumMap<>(EventStream.class);
    config
        .topics()
        .forEach(
            (stream, topic) -> {
              if (lake || stream == EventStream.COMPLAINT_EVENTS) {
                sources.put(stream, new StreamSource(topic, source.apply(topic, group)));
              }
            });
    LakeIngestJob door =
        new LakeIngestJob(
            sources,
            LakeSinks.parquet(settings.lakeRoot(), settings.partitionUnit()),
            DeadLetterSinks.kafka(kafka, config.deadLettersTopic(), "qualityloop-dead-letters"),
            settings,
            ingestPolicy(config, reference),
            Clock.systemUTC());
    if (lake && config.textEnabled()) {
      door.withCommentTone(config.textJobSettings(reference).resources());
    }
    DataStream<ComplaintEventEnvelope> complaints = door.build(env);
    if (lifecycle) {
      SlaRuleSet rules;
      WorkingTime workingTime;
      try (InputStream r = Files.newInputStream(reference.resolve("sla_rules.csv"));
          InputStream c = Files.newInputStream(reference.resolve("working_calendar.csv"));
          InputStream h = Files.newInputStream(reference.resolve("working_hours.csv"))) {
        rules = SlaRuleSet.parse(r, reference.resolve("sla_rules.csv").toString());
        workingTime = new WorkingTime(WorkingCalendar.parse(c), WorkingTime.parseWorkingHours(h));
      }
      ComplaintLifecycleJob job =
          new ComplaintLifecycleJob(
              LakeSinks.parquet(settings.lakeRoot(), settings.partitionUnit()),
              AlertSinks.kafka(kafka, config.alertsTopic(), "qualityloop-sla-alerts"),
              settings,
              config.complaintJobSettings(),
              rules,
              workingTime);
      if (config.textEnabled()) {
        job.withTextAnalysis(
            config.textJobSettings(reference),
            TextAlertSinks.kafka(kafka, config.textAlertsTopic(), "qualityloop-text-alerts"));
      }
      job.attach(complaints);
    }
  }

  /**
   * Starts the lake job reading the event topics without end (from the consumer group's committed
   * offsets), as in production; returns its client, to cancel it.
   */
  public static JobClient startContinuousLakeJob(QualityLoopConfig config, String bootstrapServers)
      throws Exception {
    LakeJobSettings settings = config.lakeJobSettings();
    Configuration flink = FlinkEnvironments.baseConfiguration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointLocation());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
    KafkaClientSettings kafka = config.kafkaClients(bootstrapServers);
    addJobs(
        env,
        config,
        settings,
        kafka,
        (topic, group) -> KafkaSources.forTopic(kafka, topic, group, false, Map.of()),
        true,
        false);
    return env.executeAsync("qualityloop-lake (continuous)");
  }

  /**
   * Validation against the configured limits and the company's projects, staff and codes (building
   * component, category, root cause, department: unknown ones are flagged); redaction with the
   * pseudonym key.
   */
  public static IngestPolicy ingestPolicy(QualityLoopConfig config, Path reference) {
    Pseudonymizer key = PseudonymKeys.pseudonymizer(config);
    String before = DoorReference.stamp(reference); // an edit during the read is seen later
    return new IngestPolicy(
        DoorReference.read(config.validationRules(), reference),
        new PayloadRedactor(key, config.quarantinePayloadMaxChars()),
        config.dedupRetention(),
        new RoomPseudonyms(key),
        reference.toAbsolutePath().toString(),
        before);
  }
}
