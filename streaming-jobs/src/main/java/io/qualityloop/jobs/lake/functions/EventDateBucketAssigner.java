package io.qualityloop.jobs.lake.functions;

import java.time.LocalDate;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts a lake row into the partition of its event date, {@code dt=YYYY-MM-DD}, read from a
 * local-timestamp column. (Flink's DateTimeBucketAssigner buckets by processing time, which would
 * put last year's events into today's folder.)
 */
public final class EventDateBucketAssigner implements BucketAssigner<GenericRecord, String> {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final String timeColumn;

  public EventDateBucketAssigner(String timeColumn) {
    this.timeColumn = timeColumn;
  }

  @Override
  public String getBucketId(GenericRecord row, Context context) {
    long micros = (Long) row.get(timeColumn);
    return "dt=" + LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
