package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventCodec;
import io.qualityloop.jobs.lake.LakeTable;
import java.time.ZoneId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Any job output record (snake_case fields as its table's columns) as a row of its lake table. */
public final class ToLakeRow<T> extends RichMapFunction<T, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final LakeTable table;
  private final LakeRowConverter converter;
  private transient Schema schema;

  public ToLakeRow(LakeTable table, ZoneId zone) {
    this.table = table;
    this.converter = new LakeRowConverter(zone);
  }

  /** Writes {@code stream} to its lake table through {@code sink}; operator uids {@code row-<table>} and {@code sink-<table>}. */
  public static <T> void write(DataStream<T> stream, LakeTable table, ZoneId zone, Sink<GenericRecord> sink) {
    stream.map(new ToLakeRow<T>(table, zone))
        .returns(new GenericRecordAvroTypeInfo(table.schema()))
        .name("row: " + table.name())
        .uid("row-" + table.name())
        .sinkTo(sink)
        .name("lake: " + table.name())
        .uid("sink-" + table.name());
  }

  @Override
  public void open(OpenContext openContext) {
    schema = table.schema();
  }

  @Override
  public GenericRecord map(T value) {
    return converter.convert(EventCodec.mapper().valueToTree(value), schema);
  }
}
