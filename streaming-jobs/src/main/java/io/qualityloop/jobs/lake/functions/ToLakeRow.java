package io.qualityloop.jobs.lake.functions;

import io.qualityloop.jobs.lake.LakeTable;
import java.time.ZoneId;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Any job output record (its components in snake_case are its table's columns) as a row of its lake
 * table.
 */
public final class ToLakeRow<T extends Record> implements MapFunction<T, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final LakeRowMapping<T> mapping;

  public ToLakeRow(Class<T> type, LakeTable table, ZoneId zone) {
    this.mapping = new LakeRowMapping<>(type, table.schema(), zone);
  }

  /**
   * Writes {@code stream} to its lake table through {@code sink}; operator uids {@code row-<table>}
   * and {@code sink-<table>}.
   */
  public static <T extends Record> void write(
      DataStream<T> stream, LakeTable table, ZoneId zone, Sink<GenericRecord> sink) {
    stream
        .map(new ToLakeRow<T>(stream.getType().getTypeClass(), table, zone))
        .returns(new GenericRecordAvroTypeInfo(table.schema()))
        .name("row: " + table.name())
        .uid("row-" + table.name())
        .sinkTo(sink)
        .name("lake: " + table.name())
        .uid("sink-" + table.name());
  }

  @Override
  public GenericRecord map(T value) {
    return mapping.toRow(value);
  }
}
