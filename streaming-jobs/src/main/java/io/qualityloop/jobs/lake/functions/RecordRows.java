package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Rows of the bookkeeping tables: {@code record_flags} and {@code duplicates}. */
public final class RecordRows {
  public static final String FLAGS = "record_flags";
  public static final String DUPLICATES = "duplicates";

  private RecordRows() {}

  static GenericRecord flag(
      Schema schema,
      String eventId,
      EventStream stream,
      String topic,
      int partition,
      long offset,
      String code,
      String message,
      long flaggedAtMicros,
      long landedAtMicros) {
    GenericData.Record row =
        positioned(schema, eventId, stream, topic, partition, offset, landedAtMicros);
    row.put("flag_code", code);
    row.put("message", message);
    row.put("flagged_at", flaggedAtMicros);
    return row;
  }

  static GenericRecord duplicate(
      Schema schema,
      String eventId,
      EventStream stream,
      String topic,
      int partition,
      long offset,
      long detectedAtMicros,
      long landedAtMicros) {
    GenericData.Record row =
        positioned(schema, eventId, stream, topic, partition, offset, landedAtMicros);
    row.put("detected_at", detectedAtMicros);
    return row;
  }

  /** A row naming the record, where it was read from and when it landed (its Kafka timestamp). */
  private static GenericData.Record positioned(
      Schema schema,
      String eventId,
      EventStream stream,
      String topic,
      int partition,
      long offset,
      long landedAtMicros) {
    GenericData.Record row = new GenericData.Record(schema);
    row.put("event_id", eventId);
    row.put("stream", stream.name());
    row.put("src_topic", topic);
    row.put("src_partition", partition);
    row.put("src_offset", offset);
    row.put("landed_at", landedAtMicros);
    return row;
  }
}
