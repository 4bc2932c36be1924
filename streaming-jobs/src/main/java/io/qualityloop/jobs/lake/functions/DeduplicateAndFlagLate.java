package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.validation.FlagCode;
import io.qualityloop.jobs.lake.LakeTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by event id, after event time is assigned. A copy of an event id that already landed
 * becomes a {@code duplicates} row with its Kafka position (ids are remembered for a bounded time:
 * the state has a TTL). A copy whose content differs from the copy that landed (a row corrected in
 * a form and imported again under its old event id) is a duplicate all the same, and also gets a
 * {@code CONFLICTING_RESEND} {@code record_flags} row: the correction was not applied, and the
 * reports and the drill-down say so. The content compared is a digest of every column but the Kafka
 * position and the landing time ({@link ContentDigest}); an id that landed before the digest was
 * kept (state of an earlier version) has none, and its copies are plain duplicates. A row that
 * arrives after the watermark has passed its event time (the allowed lateness is the watermark's
 * out-of-orderness) still lands, never dropped, with a LATE {@code record_flags} row.
 */
public final class DeduplicateAndFlagLate
    extends KeyedProcessFunction<String, GenericRecord, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final EventStream stream;
  private final String topic;
  private final Duration retention;
  private final OutputTag<GenericRecord> duplicates;
  private final OutputTag<GenericRecord> flags;
  private final LakeRowConverter converter;
  private final ZoneId zone;
  private final Clock clock;
  private transient Schema flagSchema;
  private transient Schema duplicateSchema;
  private transient ValueState<Boolean> landed;
  private transient ValueState<Long> landedContent;
  private transient Counter late;
  private transient Counter dropped;
  private transient Counter conflicting;

  public DeduplicateAndFlagLate(
      EventStream stream,
      String topic,
      Duration retention,
      OutputTag<GenericRecord> duplicates,
      OutputTag<GenericRecord> flags,
      ZoneId zone,
      Clock clock) {
    this.stream = stream;
    this.topic = topic;
    this.retention = retention;
    this.duplicates = duplicates;
    this.flags = flags;
    this.converter = new LakeRowConverter(zone);
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    flagSchema = LakeTable.named(RecordRows.FLAGS).schema();
    duplicateSchema = LakeTable.named(RecordRows.DUPLICATES).schema();
    StateTtlConfig ttl =
        StateTtlConfig.newBuilder(retention)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build();
    ValueStateDescriptor<Boolean> seen = new ValueStateDescriptor<>("landed", Types.BOOLEAN);
    seen.enableTimeToLive(ttl);
    landed = getRuntimeContext().getState(seen);
    ValueStateDescriptor<Long> content = new ValueStateDescriptor<>("landed-content", Types.LONG);
    content.enableTimeToLive(ttl);
    landedContent = getRuntimeContext().getState(content);
    late = getRuntimeContext().getMetricGroup().counter("records-late");
    dropped = getRuntimeContext().getMetricGroup().counter("records-duplicate");
    conflicting = getRuntimeContext().getMetricGroup().counter("records-conflicting-resend");
  }

  /** The copy's step and time, where its table has them, so that a reader can find the row. */
  private String describe(GenericRecord row) {
    StringBuilder what = new StringBuilder("this copy:");
    if (row.getSchema().getField("event_type") != null && row.get("event_type") != null) {
      what.append(' ').append(row.get("event_type"));
    }
    if (row.getSchema().getField("occurred_at") != null
        && row.get("occurred_at") instanceof Long at) {
      what.append(" at ").append(LakeRowConverter.localDateTime(at));
    }
    return what.toString();
  }

  @Override
  public void processElement(GenericRecord row, Context ctx, Collector<GenericRecord> out)
      throws Exception {
    String eventId = row.get("event_id").toString();
    if (Boolean.TRUE.equals(landed.value())) {
      dropped.inc();
      long now = converter.localMicros(OffsetDateTime.now(clock));
      ctx.output(
          duplicates,
          RecordRows.duplicate(
              duplicateSchema,
              eventId,
              stream,
              topic,
              (Integer) row.get("src_partition"),
              (Long) row.get("src_offset"),
              now,
              (Long) row.get("landed_at")));
      Long first = landedContent.value();
      if (first != null && first != ContentDigest.of(row)) {
        conflicting.inc();
        flag(
            ctx,
            row,
            FlagCode.CONFLICTING_RESEND,
            "event "
                + eventId
                + " was sent again with content other than its first copy's ("
                + describe(row)
                + "): the first copy is kept; a correction needs an event id of its own");
      }
      return;
    }
    landed.update(true);
    landedContent.update(ContentDigest.of(row));
    Long ts = ctx.timestamp();
    long watermark = ctx.timerService().currentWatermark();
    if (ts != null && ts < watermark) {
      late.inc();
      flag(
          ctx,
          row,
          FlagCode.LATE,
          "event "
              + eventId
              + " of "
              + Instant.ofEpochMilli(ts).atZone(zone).toLocalDateTime()
              + " arrived when event time had reached "
              + Instant.ofEpochMilli(watermark).atZone(zone).toLocalDateTime());
    }
    out.collect(row);
  }

  /** A {@code record_flags} row on {@code row}, at its Kafka position, flagged now. */
  private void flag(Context ctx, GenericRecord row, FlagCode code, String message) {
    ctx.output(
        flags,
        RecordRows.flag(
            flagSchema,
            row.get("event_id").toString(),
            stream,
            topic,
            (Integer) row.get("src_partition"),
            (Long) row.get("src_offset"),
            code.name(),
            message,
            converter.localMicros(OffsetDateTime.now(clock)),
            (Long) row.get("landed_at")));
  }
}
