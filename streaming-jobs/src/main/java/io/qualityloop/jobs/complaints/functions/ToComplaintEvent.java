package io.qualityloop.jobs.complaints.functions;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.functions.LakeRowConverter;
import io.qualityloop.jobs.lake.functions.LakeRowMapping;
import java.time.ZoneId;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A complaint event that passed the door, as the lake job writes it (a validated, scrubbed,
 * de-duplicated row of {@code complaint_events}), typed again for the lifecycle and the text
 * analysis: field by field, no JSON. Its landing time is the row's {@code landed_at}.
 */
public final class ToComplaintEvent implements MapFunction<GenericRecord, ComplaintEventEnvelope> {
  private static final long serialVersionUID = 1L;

  private final LakeRowMapping<ComplaintEvent> mapping;
  private final ZoneId zone;

  public ToComplaintEvent(ZoneId zone) {
    this.mapping =
        new LakeRowMapping<>(
            ComplaintEvent.class, LakeTable.of(EventStream.COMPLAINT_EVENTS).schema(), zone);
    this.zone = zone;
  }

  @Override
  public ComplaintEventEnvelope map(GenericRecord row) {
    long landedMillis =
        LakeRowConverter.localDateTime((Long) row.get("landed_at"))
            .atZone(zone)
            .toInstant()
            .toEpochMilli();
    return new ComplaintEventEnvelope(mapping.fromRow(row), landedMillis);
  }
}
