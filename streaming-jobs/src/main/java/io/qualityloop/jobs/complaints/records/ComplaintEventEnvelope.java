package io.qualityloop.jobs.complaints.records;

import io.qualityloop.events.ComplaintEvent;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A complaint event that passed the door (validated, scrubbed, de-duplicated) on its way to its
 * complaint's state: the typed event, its event time and when it landed (its Kafka record
 * timestamp). A Flink POJO whose event is serialized by {@link ComplaintEventSerializer}: use
 * {@link #TYPE}.
 */
public class ComplaintEventEnvelope {
  public static final TypeInformation<ComplaintEventEnvelope> TYPE =
      Types.POJO(
          ComplaintEventEnvelope.class,
          Map.of(
              "event", ComplaintEventTypeInfo.INSTANCE,
              "eventTimeMillis", Types.LONG,
              "landedMillis", Types.LONG));

  public ComplaintEvent event;
  public long eventTimeMillis;
  public long landedMillis;

  public ComplaintEventEnvelope() {}

  public ComplaintEventEnvelope(ComplaintEvent event, long landedMillis) {
    this.event = event;
    this.eventTimeMillis = event.occurredAt().toInstant().toEpochMilli();
    this.landedMillis = landedMillis;
  }

  public String complaintId() {
    return event.complaintId();
  }

  public String eventId() {
    return event.eventId();
  }
}
