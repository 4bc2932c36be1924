package io.qualityloop.jobs.lake.functions;

import java.time.ZoneId;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time of a lake row: its local-timestamp column read back in the company's time zone. */
public final class EventTimeOfRow implements SerializableTimestampAssigner<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String timeColumn;
  private final ZoneId zone;

  public EventTimeOfRow(String timeColumn, ZoneId zone) {
    this.timeColumn = timeColumn;
    this.zone = zone;
  }

  @Override
  public long extractTimestamp(GenericRecord row, long recordTimestamp) {
    return LakeRowConverter.localDateTime((Long) row.get(timeColumn))
        .atZone(zone)
        .toInstant()
        .toEpochMilli();
  }
}
