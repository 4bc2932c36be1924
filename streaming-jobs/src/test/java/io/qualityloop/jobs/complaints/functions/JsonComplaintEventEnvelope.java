package io.qualityloop.jobs.complaints.functions;

/**
 * The lifecycle input of the job before typed state (a copy, kept to take its savepoints in tests).
 *
 * <p>A decoded complaint event on its way to its complaint's state: the key, the event time and the
 * contract JSON, and when it landed (its Kafka record timestamp); a Flink POJO of strings and
 * longs, cheap to shuffle and to keep in state.
 */
public class JsonComplaintEventEnvelope {
  public String complaintId;
  public String eventId;
  public long eventTimeMillis;
  public String json;
  public long landedMillis;

  public JsonComplaintEventEnvelope() {}

  public JsonComplaintEventEnvelope(
      String complaintId, String eventId, long eventTimeMillis, String json, long landedMillis) {
    this.complaintId = complaintId;
    this.eventId = eventId;
    this.eventTimeMillis = eventTimeMillis;
    this.json = json;
    this.landedMillis = landedMillis;
  }
}
