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
 * the state has a TTL). A row that arrives after the watermark has passed its event time (the
 * allowed lateness is the watermark's out-of-orderness) still lands, never dropped, with a LATE
 * {@code record_flags} row.
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
  private transient Counter late;
  private transient Counter dropped;

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
    ValueStateDescriptor<Boolean> seen = new ValueStateDescriptor<>("landed", Types.BOOLEAN);
    seen.enableTimeToLive(
        StateTtlConfig.newBuilder(retention)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    landed = getRuntimeContext().getState(seen);
    late = getRuntimeContext().getMetricGroup().counter("records-late");
    dropped = getRuntimeContext().getMetricGroup().counter("records-duplicate");
  }

  @Override
  public void processElement(GenericRecord row, Context ctx, Collector<GenericRecord> out)
      throws Exception {
    String eventId = row.get("event_id").toString();
    int partition = (Integer) row.get("src_partition");
    long offset = (Long) row.get("src_offset");
    long landedAt = (Long) row.get("landed_at");
    if (Boolean.TRUE.equals(landed.value())) {
      dropped.inc();
      long now = converter.localMicros(OffsetDateTime.now(clock));
      ctx.output(
          duplicates,
          RecordRows.duplicate(
              duplicateSchema, eventId, stream, topic, partition, offset, now, landedAt));
      return;
    }
    landed.update(true);
    Long ts = ctx.timestamp();
    long watermark = ctx.timerService().currentWatermark();
    if (ts != null && ts < watermark) {
      late.inc();
      long now = converter.localMicros(OffsetDateTime.now(clock));
      ctx.output(
          flags,
          RecordRows.flag(
              flagSchema,
              eventId,
              stream,
              topic,
              partition,
              offset,
              FlagCode.LATE.name(),
              "event "
                  + eventId
                  + " of "
                  + Instant.ofEpochMilli(ts).atZone(zone).toLocalDateTime()
                  + " arrived when event time had reached "
                  + Instant.ofEpochMilli(watermark).atZone(zone).toLocalDateTime(),
              now,
              landedAt));
    }
    out.collect(row);
  }
}
