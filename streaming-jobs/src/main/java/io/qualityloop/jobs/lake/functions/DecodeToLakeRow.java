package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.jobs.lake.KafkaPayload;
import io.qualityloop.jobs.lake.LakeTable;
import java.time.Clock;
import java.time.ZoneId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes a Kafka record of one stream into a lake row. A record that is not a valid event goes to
 * the quarantine side output with a reason and its Kafka position, never dropped: every input
 * record ends as a row or a quarantine row.
 */
public final class DecodeToLakeRow extends ProcessFunction<KafkaPayload, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final EventStream stream;
  private final LakeTable table;
  private final LakeTable quarantineTable;
  private final OutputTag<GenericRecord> quarantine;
  private final LakeRowConverter converter;
  private final Clock clock;

  private transient EventCodec<QualityEvent> codec;
  private transient Schema schema;
  private transient Schema quarantineSchema;

  public DecodeToLakeRow(EventStream stream, OutputTag<GenericRecord> quarantine, ZoneId zone, Clock clock) {
    this.stream = stream;
    this.table = LakeTable.of(stream);
    this.quarantineTable = LakeTable.quarantine();
    this.quarantine = quarantine;
    this.converter = new LakeRowConverter(zone);
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    codec = EventCodec.forStream(stream);
    schema = table.schema();
    quarantineSchema = quarantineTable.schema();
  }

  @Override
  public void processElement(KafkaPayload in, Context ctx, Collector<GenericRecord> out) {
    if (in.value == null) {
      ctx.output(quarantine, quarantineRow(in, "EMPTY_PAYLOAD", "record at " + in.position() + " has no value"));
      return;
    }
    QualityEvent event;
    try {
      event = codec.decode(in.value);
    } catch (EventDecodingException e) {
      ctx.output(quarantine, quarantineRow(in, "UNDECODABLE", "record at " + in.position() + ": " + e.getMessage()));
      return;
    }
    GenericRecord row;
    try {
      row = converter.convert(codec.toTree(event), schema);
    } catch (RuntimeException e) {
      ctx.output(quarantine, quarantineRow(in, "UNCONVERTIBLE", "event " + event.eventId() + " at " + in.position() + ": " + e.getMessage()));
      return;
    }
    row.put("src_partition", in.partition);
    row.put("src_offset", in.offset);
    out.collect(row);
  }

  private GenericRecord quarantineRow(KafkaPayload in, String reasonCode, String message) {
    GenericData.Record row = new GenericData.Record(quarantineSchema);
    row.put("quarantine_id", in.position());
    row.put("stream", stream.name());
    row.put("src_topic", in.topic);
    row.put("src_partition", in.partition);
    row.put("src_offset", in.offset);
    row.put("reason_code", reasonCode);
    row.put("message", message);
    row.put("payload_bytes", in.value == null ? 0 : in.value.length);
    row.put("received_at", converter.localMicros(java.time.OffsetDateTime.now(clock)));
    return row;
  }
}
