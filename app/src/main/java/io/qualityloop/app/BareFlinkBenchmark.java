package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.jobs.lake.FlinkEnvironments;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeSinks;
import io.qualityloop.jobs.lake.LakeTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The cost of Flink itself, beside the lake job: a Flink job with no operator of ours, each event
 * topic read by a {@link KafkaSource} straight into the lake job's Parquet sink of its table
 * ({@link LakeSinks}: FileSink, event-date buckets, ZSTD, roll on checkpoint, exactly once), with
 * the lake job's environment (parallelism, checkpoint interval and mode, object reuse, no
 * restarts).
 *
 * <p>The sink takes lake rows, so the Kafka record has to become one somewhere: the source's
 * deserializer does the baseline's conversion ({@link BaselineLakeWriter.RowConversion}: JSON
 * decoded into the record, the record mapped to the row, the Kafka provenance columns). It runs
 * inside the source's reader, so the job graph is source -> sink, one chained task per subtask.
 * Baseline vs. this job is what Flink costs; this job vs. the lake job is what our operators cost
 * (validation, scrubbing, event time, the keyed de-duplication and its shuffle, the side tables).
 */
final class BareFlinkBenchmark {
  static final String GROUP = "qualityloop-bench-bare";

  private BareFlinkBenchmark() {}

  /**
   * Runs the bare job over everything published before it starts (from the group's committed
   * offsets); returns Flink's result.
   */
  static JobExecutionResult run(QualityLoopConfig config, String bootstrapServers, Path lakeRoot)
      throws Exception {
    LakeJobSettings settings = config.lakeJobSettings();
    KafkaRanges ends =
        KafkaRanges.read(config.kafkaClients(bootstrapServers), config.topics().values());
    Configuration flink = FlinkEnvironments.baseConfiguration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointLocation());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
    env.enableCheckpointing(
        settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.setParallelism(settings.parallelism());
    FlinkEnvironments.tune(env);
    var sinks = LakeSinks.parquet(lakeRoot.toString(), settings.partitionUnit());
    Map<TopicPartition, Long> all = new HashMap<>();
    for (Map.Entry<EventStream, String> e : config.topics().entrySet()) {
      EventStream stream = e.getKey();
      String topic = e.getValue();
      LakeTable table = LakeTable.of(stream);
      all.putAll(ends.endOffsets(topic));
      KafkaSource<GenericRecord> source =
          KafkaSource.<GenericRecord>builder()
              .setProperties(config.kafkaClients(bootstrapServers).properties())
              .setBootstrapServers(bootstrapServers)
              .setTopics(topic)
              .setGroupId(GROUP)
              .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
              .setBounded(OffsetsInitializer.offsets(ends.endOffsets(topic)))
              .setProperty("isolation.level", "read_committed")
              .setDeserializer(new ToRow(stream, table, settings.zone()))
              .build();
      env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: " + stream.tableName())
          .sinkTo(sinks.apply(table))
          .name("lake: " + stream.tableName());
    }
    JobExecutionResult result = env.execute("qualityloop-bare");
    KafkaRanges.commitAhead(config.kafkaClients(bootstrapServers), GROUP, all);
    return result;
  }

  /** The trivial byte[] -> row step the sink needs, inside the source's deserializer. */
  static final class ToRow implements KafkaRecordDeserializationSchema<GenericRecord> {
    private static final long serialVersionUID = 1L;
    private final EventStream stream;
    private final LakeTable table;
    private final BaselineLakeWriter.RowConversion conversion;

    ToRow(EventStream stream, LakeTable table, ZoneId zone) {
      this.stream = stream;
      this.table = table;
      this.conversion = new BaselineLakeWriter.RowConversion(zone);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<GenericRecord> out)
        throws IOException {
      out.collect(conversion.toRow(stream, r.value(), r.partition(), r.offset(), r.timestamp()));
    }

    @Override
    public TypeInformation<GenericRecord> getProducedType() {
      return new GenericRecordAvroTypeInfo(table.schema());
    }
  }
}
