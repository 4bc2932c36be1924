package io.qualityloop.jobs.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complaint stream with one bad, re-sent or personal-data-bearing record after every ninth good
 * one (10% of the records), cycling through ten kinds, and what must become of each.
 */
final class BadRecords {
  static final int MAX_BYTES = 64 * 1024;

  private final List<byte[]> payloads = new ArrayList<>();
  private final List<ComplaintEvent> landed = new ArrayList<>();
  private final Map<String, Integer> quarantine = new TreeMap<>();
  private final List<String> duplicateIds = new ArrayList<>();
  private final List<String> unknownProjectIds = new ArrayList<>();
  private final List<String> conflictingIds = new ArrayList<>();

  private BadRecords() {}

  static BadRecords mixInto(List<ComplaintEvent> good, List<String> secrets) {
    BadRecords b = new BadRecords();
    EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);
    for (int i = 0; i < good.size(); i++) {
      ComplaintEvent e = good.get(i);
      byte[] encoded = codec.encode(e);
      b.payloads.add(encoded);
      b.landed.add(e);
      if (i % 9 == 8) {
        b.addBad(i / 9, e, encoded, secrets);
      }
    }
    return b;
  }

  private void addBad(int n, ComplaintEvent previous, byte[] previousBytes, List<String> secrets) {
    String id = "BAD-" + n;
    ObjectNode json = (ObjectNode) EventCodec.mapper().valueToTree(previous);
    json.put("event_id", id);
    switch (n % 10) {
      case 0 ->
          quarantine(
              "MALFORMED_JSON",
              ("{\"event_id\": \"" + id + "\", \"occurred_at\": ")
                  .getBytes(StandardCharsets.UTF_8));
      case 1 -> quarantine("SCHEMA_VIOLATION", bytes(json.put("event_type", "TELEPORTED")));
      case 2 ->
          quarantine(
              "SCHEMA_VIOLATION",
              bytes(
                  json.put("customer_phone", secrets.get(0))
                      .put("customer_name", secrets.get(1))
                      .put("id_card", secrets.get(2))
                      .put("address", secrets.get(3))
                      .put("email", secrets.get(4))));
      case 3 ->
          quarantine(
              "FUTURE_TIMESTAMP", bytes(json.put("occurred_at", "2099-01-01T00:00:00+08:00")));
      case 4 ->
          quarantine(
              "ANCIENT_TIMESTAMP", bytes(json.put("occurred_at", "1900-01-01T00:00:00+08:00")));
      case 5 ->
          quarantine(
              "LIFECYCLE_MISMATCH", bytes(json.put("event_type", "ACCEPTED").putNull("category")));
      case 6 ->
          quarantine(
              "OVERSIZED",
              bytes(json.put("description", "漏水" + secrets.get(0) + "x".repeat(MAX_BYTES))));
      case 7 -> {
        payloads.add(previousBytes); // re-sent: the same event again
        duplicateIds.add(previous.eventId());
        // ... and again, corrected under the same id: a duplicate too, flagged as such
        ObjectNode corrected = (ObjectNode) EventCodec.mapper().valueToTree(previous);
        payloads.add(bytes(corrected.put("description", "更正：" + previous.description())));
        duplicateIds.add(previous.eventId());
        conflictingIds.add(previous.eventId());
      }
      case 8 ->
          quarantine(
              "MALFORMED_JSON", // a GBK export sent as if it were UTF-8
              new String(
                      bytes(json.put("description", "业主" + secrets.get(1) + "反映漏水")),
                      StandardCharsets.UTF_8)
                  .getBytes(Charset.forName("GBK")));
      default -> {
        // Valid, but its text names the customer's contacts and its project is unknown: lands
        // scrubbed, flagged.
        json.put("project_id", "P99")
            .put(
                "description",
                "业主电话" + secrets.get(0) + "，身份证" + secrets.get(2) + "，邮箱" + secrets.get(4));
        byte[] valid = bytes(json);
        payloads.add(valid);
        try {
          landed.add(EventCodec.of(ComplaintEvent.class).decode(valid));
        } catch (EventDecodingException e) {
          throw new IllegalStateException(e);
        }
        unknownProjectIds.add(id);
      }
    }
  }

  private void quarantine(String reason, byte[] payload) {
    payloads.add(payload);
    quarantine.merge(reason, 1, Integer::sum);
  }

  private static byte[] bytes(ObjectNode json) {
    try {
      return EventCodec.mapper().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  List<byte[]> payloads() {
    return payloads;
  }

  List<ComplaintEvent> expectedLanded() {
    return landed;
  }

  List<String> expectedQuarantineCounts() {
    return quarantine.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  List<String> expectedDuplicateIds() {
    return duplicateIds;
  }

  List<String> expectedConflictingResendIds() {
    return conflictingIds;
  }

  List<String> expectedUnknownProjectIds() {
    return unknownProjectIds;
  }

  int count(String reason) {
    return quarantine.getOrDefault(reason, 0);
  }

  int quarantined() {
    return quarantine.values().stream().mapToInt(Integer::intValue).sum();
  }
}
