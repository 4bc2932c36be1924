package io.qualityloop.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.ReasonCode;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.events.validation.ValidationRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records of a released version: events as a producer of that version wrote them (frozen under
 * {@code src/test/resources/contracts/released/<contract>.v<n>/}: {@code minimal.json} with only
 * what the released schema requires, and others that together fill every released property) still
 * pass today's door and decode into today's record without losing a field.
 */
class ReleasedEventsTest {
  /** The fixtures happened on 2026-03-05/12 (+08:00). */
  private static final Instant NOW = Instant.parse("2026-03-13T00:00:00Z");

  /**
   * The records of the stream's current version (older versions' records are kept, but a new
   * version is a new contract).
   */
  static Path recordsOf(EventStream stream) {
    String file = SchemaEvolutionTest.fileName(stream);
    return SchemaEvolutionTest.releasedDirectory()
        .resolve(file.substring(0, file.length() - ".schema.json".length()));
  }

  static Stream<Arguments> fixtures() {
    return Stream.of(EventStream.values())
        .flatMap(
            stream -> {
              Path version = recordsOf(stream);
              if (!Files.isDirectory(version)) {
                return Stream.of(); // theRecordsOfTheReleasedVersionCoverItsSchema fails on it
              }
              try (Stream<Path> files = Files.list(version)) {
                return files
                    .filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(
                        f -> Arguments.of(version.getFileName() + "/" + f.getFileName(), stream, f))
                    .toList()
                    .stream();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void aRecordOfTheReleasedVersionPassesTheDoorAndDecodesWithoutLoss(
      String name, EventStream stream, Path fixture) throws Exception {
    byte[] payload = Files.readAllBytes(fixture);

    Validation verdict =
        new EventValidator(stream, ValidationRules.defaults()).validate(payload, NOW, name);

    assertThat(verdict).as(name).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid) verdict).flags()).as(name).isEmpty();
    EventCodec<QualityEvent> codec = EventCodec.forStream(stream);
    QualityEvent event = codec.decode(payload);
    assertThat(event).isInstanceOf(stream.recordType());
    // Unknown fields are ignored on decoding: a field the record lost would vanish silently, so
    // encode again and compare.
    assertThat(EventCodec.mapper().readTree(codec.encode(event)))
        .as(name + " decoded and encoded again")
        .isEqualTo(EventCodec.mapper().readTree(payload));
  }

  /**
   * The round trip above notices a field the record does not keep (decoding ignores unknown
   * fields).
   */
  @Test
  void aFieldTheRecordDropsIsNoticedByTheRoundTrip() throws Exception {
    ObjectNode event =
        (ObjectNode)
            EventCodec.mapper()
                .readTree(
                    SchemaEvolutionTest.releasedDirectory()
                        .resolve("service-interaction.v1/full.json")
                        .toFile());
    event.put("queue", "after-hours");
    EventCodec<QualityEvent> codec = EventCodec.forStream(EventStream.SERVICE_INTERACTIONS);

    assertThat(
            EventCodec.mapper()
                .readTree(codec.encode(codec.decode(EventCodec.mapper().writeValueAsBytes(event)))))
        .isNotEqualTo(event);
  }

  /**
   * The released version has a minimal record and, over its records, every property it declares.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theRecordsOfTheReleasedVersionCoverItsSchema(EventStream stream) throws IOException {
    Path version = recordsOf(stream);
    assertThat(version)
        .as("records of the released " + SchemaEvolutionTest.fileName(stream))
        .isDirectory();
    JsonNode schema = SchemaEvolutionTest.released(version.getFileName() + ".schema.json");
    Set<String> declared = names(schema.path("properties"));
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    Set<String> conditionallyRequired = new TreeSet<>();
    schema
        .path("allOf")
        .forEach(
            rule -> {
              rule.path("then")
                  .path("required")
                  .forEach(r -> conditionallyRequired.add(r.asText()));
              rule.path("else")
                  .path("required")
                  .forEach(r -> conditionallyRequired.add(r.asText()));
            });

    Set<String> filled = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(version)) {
      files = list.filter(f -> f.toString().endsWith(".json")).toList();
    }
    for (Path f : files) {
      filled.addAll(names(EventCodec.mapper().readTree(f.toFile())));
    }
    JsonNode minimal = EventCodec.mapper().readTree(version.resolve("minimal.json").toFile());

    assertThat(filled)
        .as("properties filled by the records of " + version.getFileName())
        .isEqualTo(declared);
    assertThat(names(minimal)).as("minimal.json of " + version.getFileName()).containsAll(required);
    Set<String> allowed = new TreeSet<>(required);
    allowed.addAll(conditionallyRequired);
    assertThat(allowed)
        .as(
            "minimal.json of "
                + version.getFileName()
                + " holds only (conditionally) required properties")
        .containsAll(names(minimal));
  }

  /**
   * The lake holds repair_cost_yuan as decimal(12, 2): a larger cost is stopped at the door instead
   * of corrupting a Parquet file.
   */
  @Test
  void aRepairCostTheLakeCannotHoldIsRejected() throws Exception {
    Path fixture =
        SchemaEvolutionTest.releasedDirectory().resolve("complaint-event.v1/full-resolved.json");
    ObjectNode event = (ObjectNode) EventCodec.mapper().readTree(fixture.toFile());
    EventValidator validator =
        new EventValidator(EventStream.COMPLAINT_EVENTS, ValidationRules.defaults());

    event.put("repair_cost_yuan", new BigDecimal("9999999999.99"));
    assertThat(validator.validate(EventCodec.mapper().writeValueAsBytes(event), NOW, "t/0/1"))
        .isInstanceOf(Validation.Valid.class);
    event.put("repair_cost_yuan", new BigDecimal("10000000000"));
    Validation verdict =
        validator.validate(EventCodec.mapper().writeValueAsBytes(event), NOW, "t/0/2");
    assertThat(verdict).isInstanceOf(Validation.Invalid.class);
    assertThat(((Validation.Invalid) verdict).reason()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
    assertThat(((Validation.Invalid) verdict).message()).contains("repair_cost_yuan");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
