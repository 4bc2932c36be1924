package io.qualityloop.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution rule (events/README.md) for the JSON Schemas: each stream's current schema is a
 * compatible evolution of the released one frozen under {@code
 * src/test/resources/contracts/released/} (same required set; every released property with the same
 * definition; additions optional).
 */
class SchemaEvolutionTest {
  static final String RELEASED = "/contracts/released/";

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theCurrentSchemaIsACompatibleEvolutionOfTheReleasedOne(EventStream stream) {
    List<String> problems =
        SchemaEvolution.problems(fileName(stream), released(fileName(stream)), current(stream));

    assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
  }

  /**
   * A released schema of an older version stays frozen; the current version of its stream is a
   * higher one.
   */
  @Test
  void everyReleasedSchemaIsACurrentOneOrOfAnOlderVersion() throws IOException {
    List<Path> frozen;
    try (Stream<Path> files = Files.list(releasedDirectory())) {
      frozen =
          files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).sorted().toList();
    }

    assertThat(frozen).hasSizeGreaterThanOrEqualTo(EventStream.values().length);
    for (Path file : frozen) {
      String name = file.getFileName().toString();
      EventStream stream = streamOf(name);
      int releasedVersion =
          released(name).path("properties").path("schema_version").path("const").asInt(-1);
      int currentVersion =
          current(stream).path("properties").path("schema_version").path("const").asInt(-1);
      if (name.equals(fileName(stream))) {
        assertThat(releasedVersion)
            .as(name + ": the released and the current schema_version")
            .isEqualTo(currentVersion);
      } else {
        assertThat(currentVersion)
            .as(name + ": an older released version than the current " + fileName(stream))
            .isGreaterThan(releasedVersion);
      }
    }
  }

  // ---------------------------------------------------------------- each check can fail

  @Test
  void addingAnOptionalPropertyOrRewordingADescriptionIsCompatible() {
    ObjectNode schema = released("complaint-event.v1.schema.json").deepCopy();
    properties(schema)
        .putObject("sub_part")
        .put("description", "Finer part.")
        .putArray("type")
        .add("string")
        .add("null");
    ((ObjectNode) properties(schema).get("reason")).put("description", "Reworded.");
    schema.put("description", "Reworded too.");

    assertThat(
            SchemaEvolution.problems(
                "complaint-event.v1.schema.json",
                released("complaint-event.v1.schema.json"),
                schema))
        .isEmpty();
  }

  static Stream<Arguments> incompatibleChanges() {
    return Stream.of(
        change(
            "a property removed",
            s -> properties(s).remove("part"),
            "complaint-event.v1.schema.json.part: declared in the released"
                + " complaint-event.v1.schema.json, removed (or renamed) in the current"),
        change(
            "a property renamed",
            s -> properties(s).set("problem_kind", properties(s).remove("problem_type")),
            "complaint-event.v1.schema.json.problem_type: declared in the released"
                + " complaint-event.v1.schema.json, removed (or renamed)"),
        change(
            "a property retyped",
            s ->
                ((ObjectNode) properties(s).get("public_area"))
                    .putArray("type")
                    .add("string")
                    .add("null"),
            "complaint-event.v1.schema.json.public_area: 'type' is [\"boolean\",\"null\"] in the"
                + " released complaint-event.v1.schema.json, [\"string\",\"null\"] in the current"),
        change(
            "an enum value added",
            s -> ((ArrayNode) properties(s).get("severity").get("enum")).insert(2, "MINOR"),
            "complaint-event.v1.schema.json.severity: 'enum' is [\"NORMAL\",\"MAJOR\",null] in the"
                + " released"),
        change(
            "a format dropped",
            s -> ((ObjectNode) properties(s).get("extended_until")).remove("format"),
            "complaint-event.v1.schema.json.extended_until: 'format' is \"date-time\" in the"
                + " released complaint-event.v1.schema.json, absent in the current"),
        change(
            "a bound tightened",
            s -> ((ObjectNode) properties(s).get("description")).put("maxLength", 2000),
            "complaint-event.v1.schema.json.description: 'maxLength' is 8000 in the released"),
        change(
            "an optional property made required",
            s -> ((ArrayNode) s.get("required")).add("category"),
            "complaint-event.v1.schema.json.category: optional in the released"
                + " complaint-event.v1.schema.json, required in the current"),
        change(
            "a required property made optional",
            s -> ((ArrayNode) s.get("required")).remove(3),
            "complaint-event.v1.schema.json.complaint_id: required in the released"
                + " complaint-event.v1.schema.json, optional in the current"),
        change(
            "a required property added",
            s -> {
              properties(s).putObject("tenant_id").put("type", "string");
              ((ArrayNode) s.get("required")).add("tenant_id");
            },
            "complaint-event.v1.schema.json.tenant_id: absent from the released"
                + " complaint-event.v1.schema.json, added as required in the current"),
        change(
            "the version bumped in place",
            s -> ((ObjectNode) properties(s).get("schema_version")).put("const", 2),
            "complaint-event.v1.schema.json.schema_version: 'const' is 1 in the released"),
        change(
            "unknown properties allowed",
            s -> s.put("additionalProperties", true),
            "complaint-event.v1.schema.json: 'additionalProperties' is false in the released"
                + " complaint-event.v1.schema.json, true in the current"),
        change(
            "a conditional rule added",
            s -> s.putArray("allOf").addObject().putObject("if").putArray("required").add("reason"),
            "complaint-event.v1.schema.json: 'allOf' is absent in the released"
                + " complaint-event.v1.schema.json"));
  }

  private static Arguments change(String what, Consumer<ObjectNode> edit, String expected) {
    return Arguments.of(what, edit, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incompatibleChanges")
  void anIncompatibleChangeIsReported(String what, Consumer<ObjectNode> edit, String expected) {
    JsonNode released = released("complaint-event.v1.schema.json");
    ObjectNode changed = released.deepCopy();
    edit.accept(changed);

    assertThat(SchemaEvolution.problems("complaint-event.v1.schema.json", released, changed))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith(expected));
  }

  // ---------------------------------------------------------------- the schemas

  static String fileName(EventStream stream) {
    return Path.of(stream.schemaResource()).getFileName().toString();
  }

  /**
   * The stream whose contract a released schema file belongs to ({@code
   * complaint-event.v1.schema.json}: complaint-event).
   */
  static EventStream streamOf(String releasedFileName) {
    String contract = releasedFileName.substring(0, releasedFileName.indexOf(".v"));
    return Stream.of(EventStream.values())
        .filter(s -> fileName(s).startsWith(contract + ".v"))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(releasedFileName + " belongs to no stream of EventStream"));
  }

  static Path releasedDirectory() {
    try {
      return Path.of(SchemaEvolutionTest.class.getResource(RELEASED).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode released(String fileName) {
    return read(RELEASED + fileName);
  }

  static JsonNode current(EventStream stream) {
    return read("/" + stream.schemaResource());
  }

  private static JsonNode read(String resource) {
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the classpath").isNotNull();
      return EventCodec.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode properties(ObjectNode schema) {
    return (ObjectNode) schema.get("properties");
  }
}
