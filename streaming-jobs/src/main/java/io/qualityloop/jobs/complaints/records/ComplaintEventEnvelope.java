package io.qualityloop.jobs.complaints.records;

/**
 * A decoded complaint event on its way to its complaint's state: the key, the event time and the
 * contract JSON (a Flink POJO of strings and a long, cheap to shuffle and to keep in state).
 */
public class ComplaintEventEnvelope {
  public String complaintId;
  public String eventId;
  public long eventTimeMillis;
  public String json;

  public ComplaintEventEnvelope() {}

  public ComplaintEventEnvelope(String complaintId, String eventId, long eventTimeMillis, String json) {
    this.complaintId = complaintId;
    this.eventId = eventId;
    this.eventTimeMillis = eventTimeMillis;
    this.json = json;
  }
}
