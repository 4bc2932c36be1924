package io.qualityloop.jobs.lake;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flink environments with the settings QualityLoop always makes explicit. */
public final class FlinkEnvironments {
  private FlinkEnvironments() {}

  /**
   * An in-process MiniCluster. No restarts: with checkpointing on, Flink's default would retry
   * forever, so a missing class or a bad record would hang the demo instead of failing it.
   */
  public static StreamExecutionEnvironment local(int parallelism) {
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, baseConfiguration());
  }

  public static Configuration baseConfiguration() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    // Checkpoint file merging had a recovery bug in Flink 2.0/2.1 (FLINK-38327): keep it off.
    conf.set(CheckpointingOptions.FILE_MERGING_ENABLED, false);
    return conf;
  }

  /**
   * Settings of every QualityLoop job graph. Object reuse: chained operators hand records on
   * without Flink's defensive deep copy (for Avro rows a full {@code GenericData.deepCopy} per
   * record and operator, a top cost of the lake job's profile). Safe because no operator of ours
   * mutates a record it received or emitted, and records kept in state are immutable (Java records)
   * or freshly built per element.
   */
  public static void tune(StreamExecutionEnvironment env) {
    env.getConfig().enableObjectReuse();
  }
}
