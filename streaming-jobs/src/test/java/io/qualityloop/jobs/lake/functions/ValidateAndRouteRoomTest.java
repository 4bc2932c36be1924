package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.jobs.lake.DoorReference;
import io.qualityloop.jobs.lake.KafkaPayload;
import io.qualityloop.jobs.lake.LakeTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 item 4: the door keeps project, building and unit, and the room only as its keyed
 * pseudonym. The expected pseudonym is recomputed here with the JDK's HMAC alone, from the key and
 * the documented derivation, not with the class under test.
 */
class ValidateAndRouteRoomTest {
  private static final byte[] KEY =
      "door-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /**
   * rm_ + first 16 bytes of HMAC(HMAC(key, "qualityloop derived key: room"),
   * project|building|unit|room), hex.
   */
  private static String expectedRoomPseudonym(String address) throws Exception {
    Mac outer = Mac.getInstance("HmacSHA256");
    outer.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] roomKey =
        outer.doFinal("qualityloop derived key: room".getBytes(StandardCharsets.UTF_8));
    Mac inner = Mac.getInstance("HmacSHA256");
    inner.init(new SecretKeySpec(roomKey, "HmacSHA256"));
    return "rm_"
        + HexFormat.of().formatHex(inner.doFinal(address.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  /**
   * The household pseudonym of the same flat, as the import makes it (HMAC under the key itself).
   */
  private static String householdPseudonym(String address) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return "hh_"
        + HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }

  private static List<GenericRecord> door(EventStream stream, String json) throws Exception {
    Pseudonymizer key = new Pseudonymizer(KEY);
    ValidateAndRoute fn =
        new ValidateAndRoute(
            stream,
            DoorReference.fixed(stream, ValidationRules.defaults()),
            new PayloadRedactor(key, 2000),
            new RoomPseudonyms(key),
            new OutputTag<>("quarantine", TypeInformation.of(GenericRecord.class)),
            new OutputTag<>("flags", TypeInformation.of(GenericRecord.class)),
            SHANGHAI,
            Clock.fixed(Instant.parse("2026-03-06T00:00:00Z"), ZoneOffset.UTC));
    try (var h =
        new OneInputStreamOperatorTestHarness<KafkaPayload, GenericRecord>(
            new ProcessOperator<>(fn))) {
      h.setup(
          new GenericRecordAvroTypeInfo(LakeTable.of(stream).schema())
              .createSerializer(new SerializerConfigImpl()));
      h.open();
      h.processElement(
          new KafkaPayload("t", 0, 7, 1_772_670_000_000L, json.getBytes(StandardCharsets.UTF_8)),
          1L);
      return h.extractOutputValues();
    }
  }

  @Test
  void theLakeRowKeepsBuildingAndUnitAndTheRoomOnlyAsItsKeyedPseudonym() throws Exception {
    List<GenericRecord> rows =
        door(
            EventStream.COMPLAINT_EVENTS,
            "{\"event_id\":\"E-1\",\"schema_version\":1,"
                + "\"occurred_at\":\"2026-03-05T09:12:00+08:00\",\"complaint_id\":\"C-1\",\"event_type\":\"RECEIVED\",\"project_id\":\"P01\","
                + "\"building\":\"3\",\"unit\":\"2\",\"room\":\"1201\"}");

    assertThat(rows).hasSize(1);
    GenericRecord row = rows.get(0);
    assertThat(row.get("building")).hasToString("3");
    assertThat(row.get("unit")).hasToString("2");
    assertThat(row.get("room")).isNull();
    assertThat(row.get("room_pseudonym")).hasToString(expectedRoomPseudonym("P01|3|2|1201"));
    assertThat(row.toString()).doesNotContain("1201");
    // domain-separated: not the household pseudonym of the same flat, which the import makes from
    // the same values
    assertThat(row.get("room_pseudonym").toString().substring(3))
        .isNotEqualTo(householdPseudonym("P01|3|2|1201").substring(3));
    // what the lifecycle reads from the row (typed again) carries the pseudonym, not the room
    ComplaintEvent typed =
        (ComplaintEvent)
            LakeRowMapping.forStream(EventStream.COMPLAINT_EVENTS, SHANGHAI).fromRow(row);
    assertThat(typed.room()).isNull();
    assertThat(typed.roomPseudonym()).isEqualTo(expectedRoomPseudonym("P01|3|2|1201"));
  }

  @Test
  void aPseudonymMadeBeforeTheDoorIsKeptAndNoRoomMakesNone() throws Exception {
    String made = expectedRoomPseudonym("P01|3|2|1201");
    GenericRecord imported =
        door(
                EventStream.SERVICE_INTERACTIONS,
                "{\"event_id\":\"I-1\",\"schema_version\":1,"
                    + "\"occurred_at\":\"2026-03-05T09:00:00+08:00\",\"channel\":\"WECHAT\",\"kind\":\"CONSULTATION\",\"project_id\":\"P01\","
                    + "\"building\":\"3\",\"unit\":\"2\",\"room_pseudonym\":\""
                    + made
                    + "\"}")
            .get(0);
    assertThat(imported.get("room")).isNull();
    assertThat(imported.get("room_pseudonym")).hasToString(made);

    GenericRecord publicArea =
        door(
                EventStream.SERVICE_INTERACTIONS,
                "{\"event_id\":\"I-2\",\"schema_version\":1,"
                    + "\"occurred_at\":\"2026-03-05T09:00:00+08:00\",\"channel\":\"WECHAT\",\"kind\":\"CONSULTATION\",\"project_id\":\"P01\","
                    + "\"building\":\"3\"}")
            .get(0);
    assertThat(publicArea.get("room")).isNull();
    assertThat(publicArea.get("room_pseudonym")).isNull();
  }

  @Test
  void theSameRoomInAnotherUnitOrProjectIsAnotherPseudonym() {
    RoomPseudonyms rooms = new RoomPseudonyms(new Pseudonymizer(KEY));
    String p = rooms.of("P01", "3", "2", "1201");
    assertThat(rooms.of("P01", "3", "1", "1201")).isNotEqualTo(p);
    assertThat(rooms.of("P02", "3", "2", "1201")).isNotEqualTo(p);
    assertThat(rooms.of(" P01", "3 ", "2", " 1201 ")).as("values are trimmed").isEqualTo(p);
    assertThat(rooms.matches(p, "P01", "3", "2", "1201")).isTrue();
    assertThat(rooms.matches(p, "P01", "3", "2", "1202")).isFalse();
    assertThat(
            new RoomPseudonyms(
                    new Pseudonymizer(
                        "another-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)))
                .matches(p, "P01", "3", "2", "1201"))
        .as("without the key no room matches")
        .isFalse();
  }
}
