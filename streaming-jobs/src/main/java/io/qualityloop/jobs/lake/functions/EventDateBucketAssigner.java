package io.qualityloop.jobs.lake.functions;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts a lake row into the partition of its event date, {@code dt=YYYY-MM-DD}, read from a
 * local-timestamp column: the date itself with day partitions, the first of its month with month
 * partitions. (Flink's DateTimeBucketAssigner buckets by processing time, which would put last
 * year's events into today's folder.)
 */
public final class EventDateBucketAssigner implements BucketAssigner<GenericRecord, String> {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final String timeColumn;
  private final ChronoUnit partitionUnit;

  /**
   * @param partitionUnit {@link ChronoUnit#DAYS} or {@link ChronoUnit#MONTHS}
   */
  public EventDateBucketAssigner(String timeColumn, ChronoUnit partitionUnit) {
    if (partitionUnit != ChronoUnit.DAYS && partitionUnit != ChronoUnit.MONTHS) {
      throw new IllegalArgumentException(
          "lake partitions are days or months, not " + partitionUnit);
    }
    this.timeColumn = timeColumn;
    this.partitionUnit = partitionUnit;
  }

  @Override
  public String getBucketId(GenericRecord row, Context context) {
    long micros = (Long) row.get(timeColumn);
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
    return "dt=" + (partitionUnit == ChronoUnit.MONTHS ? date.withDayOfMonth(1) : date);
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
