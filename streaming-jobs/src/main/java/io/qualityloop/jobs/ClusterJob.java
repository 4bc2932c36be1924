package io.qualityloop.jobs;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming jobs on a Flink cluster: the lake job and the complaint lifecycle job in one Flink
 * job, reading the event topics without end from the consumer groups' committed offsets. The entry
 * point of {@code streaming-jobs/target/qualityloop-flink-job.jar} (Flink itself provided by the
 * cluster, the connectors inside the jar):
 *
 * <pre>
 * flink run -d -c io.qualityloop.jobs.ClusterJob qualityloop-flink-job.jar \
 *     --config /etc/qualityloop/qualityloop.properties
 * </pre>
 *
 * <p>Everything a recovery depends on is set here from configuration, not left to the cluster's
 * defaults: exactly-once checkpoints every {@code flink.checkpoint-interval} to {@code
 * flink.checkpoint-dir}, kept when the job is cancelled (so it can be started again from them), a
 * fixed-delay restart strategy ({@code flink.restart.attempts} × {@code flink.restart.delay}), and
 * checkpoint file merging off (FLINK-38327). Every operator has an explicit uid, so a newer build
 * of the job starts from a savepoint of an older one.
 */
public final class ClusterJob {
  private ClusterJob() {}

  public static void main(String[] args) throws Exception {
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = Path.of(args[++i]);
      } else {
        throw new IllegalArgumentException(
            "usage: ClusterJob [--config qualityloop.properties], not " + String.join(" ", args));
      }
    }
    if (configFile != null && !Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException(
          "configuration file " + configFile.toAbsolutePath() + " does not exist");
    }
    Path baseDir =
        configFile == null ? Path.of("").toAbsolutePath() : configFile.toAbsolutePath().getParent();
    QualityLoopConfig config = QualityLoopConfig.load(configFile, System.getenv(), baseDir);
    String bootstrap = config.kafkaBootstrapServers();
    if (bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "kafka.bootstrap.servers is empty: a cluster job reads a real Kafka cluster");
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration(config));
    env.setParallelism(config.lakeJobSettings().parallelism());
    KafkaClientSettings kafka = config.kafkaClients(bootstrap);
    LakeJobRunner.addJobs(
        env,
        config,
        config.lakeJobSettings(),
        kafka,
        (topic, group) -> KafkaSources.forTopic(kafka, topic, group, false, Map.of()),
        true,
        true);
    env.execute(config.get("flink.job-name"));
  }

  /** The job's recovery settings, explicit. */
  static Configuration configuration(QualityLoopConfig config) {
    Configuration conf = FlinkEnvironments.baseConfiguration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS,
        Integer.parseInt(config.get("flink.restart.attempts")));
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
        Duration.parse(config.get("flink.restart.delay")));
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointLocation());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.FILE_MERGING_ENABLED, false);
    conf.set(
        StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE,
        Boolean.parseBoolean(config.get("flink.savepoint.ignore-unclaimed-state")));
    return conf;
  }
}
