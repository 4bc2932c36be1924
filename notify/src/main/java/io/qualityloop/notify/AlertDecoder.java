package io.qualityloop.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.EventCodec;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.text.EmergingIssueAlert;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the JSON of the alerts topics (the lifecycle job's records, snake_case) into {@link
 * Alert}s.
 */
final class AlertDecoder {
  private static final ObjectMapper JSON = EventCodec.mapper();
  private final String slaTopic;
  private final String textTopic;

  AlertDecoder(String slaTopic, String textTopic) {
    this.slaTopic = slaTopic;
    this.textTopic = textTopic;
  }

  /** The alert of a record of {@code topic}; an error names what is wrong. */
  Alert decode(String topic, byte[] json) throws IOException {
    if (topic.equals(slaTopic)) {
      SlaAlert a = JSON.readValue(json, SlaAlert.class);
      return new Alert(
          a.alertId(),
          a.alertType(),
          a.alertAt(),
          a.projectId(),
          a.complaintId(),
          a.responsibleDepartment(),
          a.severity(),
          fields(a));
    }
    if (topic.equals(textTopic)) {
      EmergingIssueAlert a = JSON.readValue(json, EmergingIssueAlert.class);
      return new Alert(
          a.alertId(), a.alertType(), a.alertAt(), a.projectId(), null, null, null, fields(a));
    }
    throw new IOException("not an alerts topic: " + topic);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object record) {
    Map<String, Object> m = new LinkedHashMap<>(JSON.convertValue(record, Map.class));
    m.remove("landed_at");
    return m;
  }
}
