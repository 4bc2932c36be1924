package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.KafkaPayload;
import io.qualityloop.jobs.lake.LakeIngestJob;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;

/** Wires the lake job to Kafka and the lake and runs it on an in-process Flink MiniCluster. */
final class LakeJobRunner {
  private LakeJobRunner() {}

  static JobExecutionResult runBounded(QualityLoopConfig config, String bootstrapServers) throws Exception {
    LakeJobSettings settings = config.lakeJobSettings();
    Map<EventStream, Source<KafkaPayload, ?, ?>> sources = new EnumMap<>(EventStream.class);
    config.topics().forEach((stream, topic) ->
        sources.put(stream, KafkaSources.forTopic(bootstrapServers, topic, config.consumerGroup(), true, Map.of())));
    return new LakeIngestJob(sources, LakeSinks.parquet(settings.lakeRoot()), settings, Clock.systemUTC())
        .execute(FlinkEnvironments.local(settings.parallelism()));
  }
}
