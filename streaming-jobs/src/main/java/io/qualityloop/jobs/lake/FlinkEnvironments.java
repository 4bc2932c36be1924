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
}
