package io.qualityloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(EventStream.SERVICE_INTERACTIONS, SampleEvents.fullInteraction()),
        Arguments.of(EventStream.SERVICE_INTERACTIONS, SampleEvents.minimalInteraction()),
        Arguments.of(EventStream.COMPLAINT_EVENTS, SampleEvents.fullComplaintEvent()),
        Arguments.of(EventStream.COMPLAINT_EVENTS, SampleEvents.minimalComplaintEvent()),
        Arguments.of(EventStream.CALLBACK_SURVEYS, SampleEvents.fullSurvey()),
        Arguments.of(EventStream.CALLBACK_SURVEYS, SampleEvents.minimalSurvey()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void encodedEventIsValidAgainstItsSchemaAndDecodesToTheSameRecord(
      EventStream stream, QualityEvent event) throws Exception {
    EventCodec<QualityEvent> codec = EventCodec.forStream(stream);

    byte[] json = codec.encode(event);
    Set<ValidationMessage> errors = schema(stream).validate(EventCodec.mapper().readTree(json));

    assertThat(errors).as(new String(json, StandardCharsets.UTF_8)).isEmpty();
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @ParameterizedTest
  @EnumSource(EventStream.class)
  void schemaDescribesExactlyTheFieldsOfTheRecord(EventStream stream) throws Exception {
    JsonNode schemaJson = readSchemaJson(stream);
    Set<String> schemaFields = new TreeSet<>();
    schemaJson.get("properties").fieldNames().forEachRemaining(schemaFields::add);

    Set<String> recordFields =
        Arrays.stream(stream.recordType().getRecordComponents())
            .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(schemaFields).isEqualTo(recordFields);
  }

  @ParameterizedTest
  @EnumSource(EventStream.class)
  void everyFieldHasADescription(EventStream stream) throws Exception {
    JsonNode properties = readSchemaJson(stream).get("properties");
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      assertThat(properties.get(field).path("description").asText()).as(field).isNotBlank();
    }
  }

  @Test
  void schemaRejectsAScoreOutsideOneToFiveAndAnUnknownChannel() throws Exception {
    ObjectNode survey = (ObjectNode) EventCodec.mapper().valueToTree(SampleEvents.fullSurvey());
    survey.put("score_overall", 6);
    survey.put("channel", "FAX");

    List<String> errors =
        schema(EventStream.CALLBACK_SURVEYS).validate(survey).stream()
            .map(ValidationMessage::getMessage)
            .toList();

    assertThat(errors).hasSize(2);
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("score_overall"));
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("channel"));
  }

  @Test
  void decodeNamesWhatIsWrong() {
    EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);

    assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("not a valid ComplaintEvent");
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"event_id\":\"x\",\"schema_version\":1,\"complaint_id\":\"C\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessage("occurred_at is missing in event x");
    assertThatThrownBy(
            () ->
                codec.decode(
                    ("{\"event_id\":\"x\",\"schema_version\":1,\"occurred_at\":\"2026-03-02T09:00:00+08:00\","
                         + "\"event_type\":\"TELEPORTED\"}")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("TELEPORTED");
  }

  @Test
  void timestampsKeepTheirOffsetOnTheWire() {
    String json =
        new String(
            EventCodec.of(ServiceInteraction.class).encode(SampleEvents.fullInteraction()),
            StandardCharsets.UTF_8);

    assertThat(json).contains("\"occurred_at\":\"2026-03-02T09:00:00+08:00\"");
  }

  private static JsonSchema schema(EventStream stream) throws IOException {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  private static JsonNode readSchemaJson(EventStream stream) throws IOException {
    try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
      return EventCodec.mapper().readTree(in);
    }
  }
}
