package io.qualityloop.jobs.lake;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.functions.DecodeToLakeRow;
import io.qualityloop.jobs.lake.functions.EventTimeOfRow;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Kafka to lake: for each event stream, read the topic, decode each record into a row of its lake
 * table, assign event time, and write Parquet partitioned by event date, exactly once. Records
 * that cannot be decoded land in the {@code quarantine} table with their reason and Kafka position.
 *
 * <p>Sources and sinks are injected: production wires Kafka and the file system; tests can wire
 * the same job to anything else.
 */
public final class LakeIngestJob {
  public static final String JOB_NAME = "qualityloop-lake-ingest";
  static final String TIME_COLUMN = "occurred_at";

  private final Map<EventStream, Source<KafkaPayload, ?, ?>> sources;
  private final Function<LakeTable, Sink<GenericRecord>> sinks;
  private final LakeJobSettings settings;
  private final Clock clock;

  public LakeIngestJob(
      Map<EventStream, Source<KafkaPayload, ?, ?>> sources,
      Function<LakeTable, Sink<GenericRecord>> sinks,
      LakeJobSettings settings,
      Clock clock) {
    this.sources = Map.copyOf(sources);
    this.sinks = sinks;
    this.settings = settings;
    this.clock = clock;
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.setParallelism(settings.parallelism());
    LakeTable quarantineTable = LakeTable.quarantine();
    OutputTag<GenericRecord> quarantineTag =
        new OutputTag<>("quarantine", new GenericRecordAvroTypeInfo(quarantineTable.schema()));
    DataStream<GenericRecord> quarantined = null;

    for (EventStream stream : EventStream.values()) {
      Source<KafkaPayload, ?, ?> source = sources.get(stream);
      if (source == null) {
        continue;
      }
      LakeTable table = LakeTable.of(stream);
      String id = stream.tableName();
      SingleOutputStreamOperator<GenericRecord> rows = env
          // Watermarks come after decoding, from the event's own time; Kafka's timestamps are
          // publication times and say nothing about when a complaint step happened.
          .fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: " + id)
          .uid("source-" + id)
          .process(new DecodeToLakeRow(stream, quarantineTag, settings.zone(), clock))
          .returns(new GenericRecordAvroTypeInfo(table.schema()))
          .name("decode: " + id)
          .uid("decode-" + id);
      DataStream<GenericRecord> quarantineOfStream = rows.getSideOutput(quarantineTag);
      quarantined = quarantined == null ? quarantineOfStream : quarantined.union(quarantineOfStream);

      rows
          // Events of one topic arrive roughly in time order; an hour of disorder covers re-sent
          // and late-registered steps. An idle partition must not hold the watermark back.
          .assignTimestampsAndWatermarks(
              WatermarkStrategy.<GenericRecord>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                  .withTimestampAssigner(new EventTimeOfRow(TIME_COLUMN, settings.zone()))
                  .withIdleness(java.time.Duration.ofMinutes(1)))
          .name("event time: " + id)
          .uid("watermarks-" + id)
          .sinkTo(sinks.apply(table))
          .name("lake: " + id)
          .uid("sink-" + id);
    }
    if (quarantined != null) {
      quarantined.sinkTo(sinks.apply(quarantineTable)).name("lake: quarantine").uid("sink-quarantine");
    }
  }

  /** Builds and runs the job; with bounded sources it returns when every record is in the lake. */
  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute(JOB_NAME);
  }
}
