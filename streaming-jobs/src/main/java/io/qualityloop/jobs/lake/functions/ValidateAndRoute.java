package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.Flag;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.jobs.lake.DoorReference;
import io.qualityloop.jobs.lake.KafkaPayload;
import io.qualityloop.jobs.lake.LakeTable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The door of the lake: validates each Kafka record of one stream, pseudonymises and routes it, in
 * partition order (chained to the source). A valid event becomes a row of its table (free text
 * scrubbed; the room replaced by its keyed pseudonym, {@link RoomPseudonyms}, so no raw room
 * passes), with a {@code record_flags} row for each flag; anything else becomes a {@code
 * quarantine} row with a reason, a message naming the record, its Kafka position and its redacted
 * payload. Runs before event time is assigned, so a far-future record never moves a watermark.
 * Every input record leaves as exactly one row or quarantine row.
 */
public final class ValidateAndRoute extends ProcessFunction<KafkaPayload, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final EventStream stream;
  private final LakeTable table;
  private final OutputTag<GenericRecord> quarantine;
  private final OutputTag<GenericRecord> flags;
  private final DoorReference reference;
  private final PayloadRedactor redactor;
  private final RoomPseudonyms rooms;
  private final LakeRowConverter converter;
  private final LakeRowMapping<Record> rows;
  private final Clock clock;

  private transient Schema quarantineSchema;
  private transient Schema flagSchema;
  private transient Counter accepted;
  private transient Counter rejected;

  public ValidateAndRoute(
      EventStream stream,
      DoorReference reference,
      PayloadRedactor redactor,
      RoomPseudonyms rooms,
      OutputTag<GenericRecord> quarantine,
      OutputTag<GenericRecord> flags,
      ZoneId zone,
      Clock clock) {
    this.stream = stream;
    this.table = LakeTable.of(stream);
    this.reference = reference;
    this.redactor = redactor;
    this.rooms = rooms;
    this.quarantine = quarantine;
    this.flags = flags;
    this.converter = new LakeRowConverter(zone);
    this.rows = LakeRowMapping.forStream(stream, zone);
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    quarantineSchema = LakeTable.quarantine().schema();
    flagSchema = LakeTable.named(RecordRows.FLAGS).schema();

    accepted = getRuntimeContext().getMetricGroup().counter("records-accepted");
    rejected = getRuntimeContext().getMetricGroup().counter("records-quarantined");
  }

  @Override
  public void processElement(KafkaPayload in, Context ctx, Collector<GenericRecord> out) {
    Validation verdict =
        reference.validator(System.nanoTime()).validate(in.value, clock.instant(), in.position());
    if (verdict instanceof Validation.Invalid invalid) {
      rejected.inc();
      ctx.output(quarantine, quarantineRow(in, invalid.reason().name(), invalid.message()));
      return;
    }
    Validation.Valid valid = (Validation.Valid) verdict;
    GenericRecord row;
    try {
      row = rows.toRow((Record) valid.event());
    } catch (RuntimeException e) {
      rejected.inc();
      ctx.output(
          quarantine,
          quarantineRow(
              in,
              "UNCONVERTIBLE",
              "event " + valid.event().eventId() + " at " + in.position() + ": " + e.getMessage()));
      return;
    }
    pseudonymiseRoom(row);
    row.put("src_partition", in.partition);
    row.put("src_offset", in.offset);
    row.put("landed_at", converter.localMicrosOfEpochMillis(in.timestamp));
    accepted.inc();
    out.collect(row);
    for (Flag flag : valid.flags()) {
      ctx.output(
          flags,
          RecordRows.flag(
              flagSchema,
              valid.event().eventId(),
              stream,
              in.topic,
              in.partition,
              in.offset,
              flag.code().name(),
              flag.message(),
              converter.localMicros(OffsetDateTime.now(clock)),
              converter.localMicrosOfEpochMillis(in.timestamp)));
    }
  }

  /**
   * The room as its keyed pseudonym: a producer's raw room is replaced (and wins over a
   * room_pseudonym it sent, which only the key could have made); the row keeps no raw room.
   */
  private void pseudonymiseRoom(GenericRecord row) {
    if (row.getSchema().getField("room") == null) {
      return; // a stream without an address (follow-up events)
    }
    Object room = row.get("room");
    if (room != null) {
      row.put(
          "room_pseudonym",
          rooms.of(
              text(row.get("project_id")),
              text(row.get("building")),
              text(row.get("unit")),
              room.toString()));
      row.put("room", null);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
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
    row.put("payload", redactor.redact(in.value));
    row.put("received_at", converter.localMicros(OffsetDateTime.now(clock)));
    row.put("landed_at", converter.localMicrosOfEpochMillis(in.timestamp));
    return row;
  }
}
