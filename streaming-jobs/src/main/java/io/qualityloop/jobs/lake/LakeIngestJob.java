package io.qualityloop.jobs.lake;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.complaints.functions.ToComplaintEvent;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import io.qualityloop.jobs.lake.functions.DeduplicateAndFlagLate;
import io.qualityloop.jobs.lake.functions.DoorWatermarks;
import io.qualityloop.jobs.lake.functions.EventTimeOfRow;
import io.qualityloop.jobs.lake.functions.RecordRows;
import io.qualityloop.jobs.lake.functions.ToLakeRow;
import io.qualityloop.jobs.lake.functions.ValidateAndRoute;
import io.qualityloop.jobs.lake.io.CommittedEventTimes;
import io.qualityloop.jobs.text.ReadSurveyCommentTone;
import io.qualityloop.jobs.text.SurveyCommentTone;
import io.qualityloop.text.TextResources;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Kafka to lake: for each event stream, read the topic, validate each record at the door (contract,
 * plausible time, size; personal data scrubbed), drop re-sent copies by event id, assign event
 * time, flag late arrivals, and write Parquet partitioned by event date, exactly once. Rejected
 * records land in {@code quarantine} (redacted payload, reason, Kafka position) and on the
 * dead-letter sink; dropped copies in {@code duplicates}; flags in {@code record_flags}. Every
 * input record ends as exactly one table row, quarantine row or duplicate row.
 *
 * <p>This is the only door: the complaint events that pass it, typed, de-duplicated and in event
 * time, are what {@link #build} returns for the lifecycle and the text analysis. A record that
 * fails the door reaches no other operator, and only times that passed it enter a watermark.
 *
 * <p>Sources and sinks are injected: production wires Kafka and the file system; tests can wire the
 * same job to anything else.
 */
public final class LakeIngestJob {
  public static final String JOB_NAME = "qualityloop-lake-ingest";
  static final String TIME_COLUMN = "occurred_at";
  public static final String SURVEY_COMMENT_TONE = "survey_comment_tone";

  private final Map<EventStream, StreamSource> sources;
  private final Function<LakeTable, Sink<GenericRecord>> sinks;
  private final Sink<GenericRecord> deadLetters;
  private final LakeJobSettings settings;
  private final IngestPolicy policy;
  private final Clock clock;
  private TextResources toneResources;

  /**
   * @param deadLetters where quarantined records also go (a Kafka dead-letter topic), or null
   */
  public LakeIngestJob(
      Map<EventStream, StreamSource> sources,
      Function<LakeTable, Sink<GenericRecord>> sinks,
      Sink<GenericRecord> deadLetters,
      LakeJobSettings settings,
      IngestPolicy policy,
      Clock clock) {
    this.sources = Map.copyOf(sources);
    this.sinks = sinks;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Also reads the tone of survey comments (lake table {@code survey_comment_tone}) with the
   * company's tone lexicon in {@code resources}.
   */
  public LakeIngestJob withCommentTone(TextResources resources) {
    this.toneResources = resources;
    return this;
  }

  /**
   * Adds the job's operators to {@code env}.
   *
   * @return the complaint events that passed the door, typed and in event time, for the lifecycle
   *     and the text analysis; null when the job reads no complaint topic
   */
  public DataStream<ComplaintEventEnvelope> build(StreamExecutionEnvironment env) {
    DataStream<ComplaintEventEnvelope> complaints = null;
    env.enableCheckpointing(
        settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.setParallelism(settings.parallelism());
    FlinkEnvironments.tune(env);
    OutputTag<GenericRecord> quarantineTag = tag(LakeTable.quarantine());
    OutputTag<GenericRecord> flagTag = tag(LakeTable.named(RecordRows.FLAGS));
    OutputTag<GenericRecord> duplicateTag = tag(LakeTable.named(RecordRows.DUPLICATES));
    List<DataStream<GenericRecord>> quarantined = new ArrayList<>();
    List<DataStream<GenericRecord>> flagged = new ArrayList<>();
    List<DataStream<GenericRecord>> duplicates = new ArrayList<>();

    for (EventStream stream : EventStream.values()) {
      StreamSource source = sources.get(stream);
      if (source == null) {
        continue;
      }
      LakeTable table = LakeTable.of(stream);
      String id = stream.tableName();
      SingleOutputStreamOperator<GenericRecord> rows =
          env
              // Watermarks come after validation, from the event's own time; Kafka's timestamps are
              // publication times and say nothing about when a complaint step happened.
              .fromSource(source.source(), WatermarkStrategy.noWatermarks(), "kafka: " + id)
              .uid("source-" + id)
              .process(
                  new ValidateAndRoute(
                      stream,
                      policy.reference(stream),
                      policy.redactor(),
                      policy.rooms(),
                      quarantineTag,
                      flagTag,
                      settings.zone(),
                      clock))
              .returns(new GenericRecordAvroTypeInfo(table.schema()))
              .name("validate and route: " + id)
              .uid("validate-" + id);
      quarantined.add(rows.getSideOutput(quarantineTag));
      flagged.add(rows.getSideOutput(flagTag));

      SingleOutputStreamOperator<GenericRecord> timed =
          rows.assignTimestampsAndWatermarks(watermarks(id))
              .name("event time: " + id)
              .uid("watermarks-" + id)
              .keyBy(row -> row.get("event_id").toString())
              .process(
                  new DeduplicateAndFlagLate(
                      stream,
                      source.topic(),
                      policy.dedupRetention(),
                      duplicateTag,
                      flagTag,
                      settings.zone(),
                      clock))
              .returns(new GenericRecordAvroTypeInfo(table.schema()))
              .name("de-duplicate, flag late: " + id)
              .uid("dedup-" + id);
      flagged.add(timed.getSideOutput(flagTag));
      duplicates.add(timed.getSideOutput(duplicateTag));
      timed.sinkTo(sinks.apply(table)).name("lake: " + id).uid("sink-" + id);
      if (stream == EventStream.COMPLAINT_EVENTS) {
        complaints =
            timed
                .map(new ToComplaintEvent(settings.zone()))
                .returns(ComplaintEventEnvelope.TYPE)
                .name("typed complaint events")
                .uid("typed-" + id);
      }
      if (stream == EventStream.CALLBACK_SURVEYS && toneResources != null) {
        LakeTable tones = LakeTable.named(SURVEY_COMMENT_TONE);
        ToLakeRow.write(
            timed
                .flatMap(new ReadSurveyCommentTone(toneResources))
                .returns(TypeInformation.of(SurveyCommentTone.class))
                .name("tone of survey comments")
                .uid("tone-survey-comments"),
            tones,
            settings.zone(),
            sinks.apply(tones));
      }
    }
    if (!quarantined.isEmpty()) {
      DataStream<GenericRecord> q = union(quarantined);
      q.sinkTo(sinks.apply(LakeTable.quarantine())).name("lake: quarantine").uid("sink-quarantine");
      if (deadLetters != null) {
        q.sinkTo(deadLetters).name("kafka: dead letters").uid("sink-dead-letters");
      }
      union(flagged)
          .sinkTo(sinks.apply(LakeTable.named(RecordRows.FLAGS)))
          .name("lake: record_flags")
          .uid("sink-record-flags");
      union(duplicates)
          .sinkTo(sinks.apply(LakeTable.named(RecordRows.DUPLICATES)))
          .name("lake: duplicates")
          .uid("sink-duplicates");
    }
    return complaints;
  }

  /**
   * Event time from the row's own time. Events of one topic arrive roughly in time order; an hour
   * of disorder covers re-sent and late-registered steps. An idle subtask must not hold the
   * watermark back; a run that has read everything catches up with its newest event ({@link
   * DoorWatermarks}).
   */
  private WatermarkStrategy<GenericRecord> watermarks(String stream) {
    return watermarks(settings.maxOutOfOrderness(), settings.catchUp(), stream)
        .withTimestampAssigner(new EventTimeOfRow(TIME_COLUMN, settings.zone()));
  }

  private static WatermarkStrategy<GenericRecord> watermarks(
      Duration outOfOrderness, CatchUpSignal catchUp, String stream) {
    return WatermarkStrategy.forGenerator(
        ctx -> new DoorWatermarks<>(outOfOrderness, Duration.ofMinutes(1), catchUp, stream));
  }

  /**
   * The newest event time committed in each stream's lake table under {@code lakeLocation}, by the
   * stream's table name, as the door reads it ({@link CommittedEventTimes}).
   */
  public static Map<String, Long> committedEventTimes(String lakeLocation, ZoneId zone) {
    return CommittedEventTimes.read(
        lakeLocation,
        Arrays.stream(EventStream.values()).map(EventStream::tableName).toList(),
        TIME_COLUMN,
        zone);
  }

  private static OutputTag<GenericRecord> tag(LakeTable table) {
    return new OutputTag<>(table.name(), new GenericRecordAvroTypeInfo(table.schema()));
  }

  private static DataStream<GenericRecord> union(List<DataStream<GenericRecord>> streams) {
    DataStream<GenericRecord> all = streams.get(0);
    for (int i = 1; i < streams.size(); i++) {
      all = all.union(streams.get(i));
    }
    return all;
  }

  /** Builds and runs the job; with bounded sources it returns when every record is in the lake. */
  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute(JOB_NAME);
  }
}
