package io.qualityloop.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.LakeTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lake's side of the evolution rule (events/README.md): the current {@code lake/<table>.avsc}
 * reads rows written with the released one ({@code src/test/resources/contracts/released/}, frozen
 * copies), and a reader of the released one reads rows written with the current one; every released
 * field keeps its exact type (logical type included, which Avro's resolution ignores). Anything
 * else is a new version of the contract.
 */
class LakeSchemaEvolutionTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theCurrentLakeSchemaIsACompatibleEvolutionOfTheReleasedOne(EventStream stream) {
    List<String> problems =
        evolutionProblems(stream.tableName(), released(stream), LakeTable.of(stream).schema());

    assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
  }

  /**
   * What keeps {@code current} from being a compatible evolution of {@code released}; empty when it
   * is one.
   */
  static List<String> evolutionProblems(String table, Schema released, Schema current) {
    List<String> problems = new ArrayList<>();
    String frozen = "released contracts/released/" + table + ".avsc";
    String now = "current lake/" + table + ".avsc";
    var newReadsOld =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult();
    if (newReadsOld.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
      newReadsOld
          .getIncompatibilities()
          .forEach(
              i ->
                  problems.add(
                      String.format(
                          "%s: the %s cannot read rows written with the %s: %s %s at %s",
                          named(table, current, i.getLocation()),
                          now,
                          frozen,
                          i.getType(),
                          i.getMessage(),
                          i.getLocation())));
    }
    var oldReadsNew =
        SchemaCompatibility.checkReaderWriterCompatibility(released, current).getResult();
    if (oldReadsNew.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
      oldReadsNew
          .getIncompatibilities()
          .forEach(
              i ->
                  problems.add(
                      String.format(
                          "%s: a reader of the %s cannot read rows written with the %s: %s %s at"
                              + " %s",
                          named(table, released, i.getLocation()),
                          frozen,
                          now,
                          i.getType(),
                          i.getMessage(),
                          i.getLocation())));
    }
    for (Schema.Field old : released.getFields()) {
      Schema.Field field = current.getField(old.name());
      if (field == null) {
        problems.add(
            String.format(
                "%s.%s: the %s has it, the %s no longer does", table, old.name(), frozen, now));
      } else if (!field.schema().equals(old.schema())) {
        problems.add(
            String.format(
                "%s.%s: the %s has %s, the %s has %s",
                table, old.name(), frozen, old.schema(), now, field.schema()));
      }
    }
    return problems;
  }

  /**
   * {@code table.field} for an Avro location such as {@code /fields/17/type/1} in the reader's
   * schema; the table alone otherwise.
   */
  private static String named(String table, Schema reader, String location) {
    Matcher m = FIELD_LOCATION.matcher(location);
    if (m.find() && Integer.parseInt(m.group(1)) < reader.getFields().size()) {
      return table + "." + reader.getFields().get(Integer.parseInt(m.group(1))).name();
    }
    return table;
  }

  private static final Pattern FIELD_LOCATION = Pattern.compile("^/fields/(\\d+)");

  // ---------------------------------------------------------------- each check can fail

  @Test
  void addingANullableFieldWithDefaultNullIsCompatible() {
    ObjectNode avsc = releasedTree(EventStream.COMPLAINT_EVENTS);
    fields(avsc)
        .addObject()
        .put("name", "sub_part")
        .putNull("default")
        .putArray("type")
        .add("null")
        .add("string");

    assertThat(
            evolutionProblems(
                "complaint_events", released(EventStream.COMPLAINT_EVENTS), parse(avsc)))
        .isEmpty();
  }

  @Test
  void addingARequiredFieldIsReported() {
    ObjectNode avsc = releasedTree(EventStream.COMPLAINT_EVENTS);
    fields(avsc).addObject().put("name", "batch_id").put("type", "string");

    assertThat(
            evolutionProblems(
                "complaint_events", released(EventStream.COMPLAINT_EVENTS), parse(avsc)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "complaint_events.batch_id: the current lake/complaint_events.avsc cannot"
                            + " read rows written with the released"
                            + " contracts/released/complaint_events.avsc:"
                            + " READER_FIELD_MISSING_DEFAULT"));
  }

  @Test
  void aNullableFieldWithoutDefaultIsReported() {
    ObjectNode avsc = releasedTree(EventStream.SERVICE_INTERACTIONS);
    fields(avsc).addObject().put("name", "queue").putArray("type").add("null").add("string");

    assertThat(
            evolutionProblems(
                "service_interactions", released(EventStream.SERVICE_INTERACTIONS), parse(avsc)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("service_interactions.queue:")
                    .contains("READER_FIELD_MISSING_DEFAULT"));
  }

  @Test
  void retypingRenamingOrRemovingAFieldIsReported() {
    EventStream stream = EventStream.CALLBACK_SURVEYS;
    ObjectNode retyped = releasedTree(stream);
    field(retyped, "score_overall").putArray("type").add("null").add("string");
    ObjectNode renamed = releasedTree(stream);
    field(renamed, "comment").put("name", "remark");
    ObjectNode removed = releasedTree(stream);
    ArrayNode fields = fields(removed);
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals("survey_type")) {
        fields.remove(i);
      }
    }
    ObjectNode madeRequired = releasedTree(stream);
    field(madeRequired, "channel").put("type", "string").remove("default");
    ObjectNode otherLogicalType = releasedTree(stream);
    ((ObjectNode) field(otherLogicalType, "occurred_at").get("type"))
        .put("logicalType", "timestamp-micros");

    assertThat(evolutionProblems("callback_surveys", released(stream), parse(retyped)))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "callback_surveys.score_overall: the current lake/callback_surveys.avsc"
                            + " cannot read rows written with the released"
                            + " contracts/released/callback_surveys.avsc: MISSING_UNION_BRANCH"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "callback_surveys.score_overall: the released"
                            + " contracts/released/callback_surveys.avsc has [\"null\",\"int\"],"
                            + " the current lake/callback_surveys.avsc has [\"null\",\"string\"]"));
    assertThat(evolutionProblems("callback_surveys", released(stream), parse(renamed)))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "callback_surveys.comment: the released"
                            + " contracts/released/callback_surveys.avsc has it, the current"
                            + " lake/callback_surveys.avsc no longer does"));
    // Avro alone would let a required field go for the new reader; an old reader misses it, and the
    // rule forbids it.
    assertThat(evolutionProblems("callback_surveys", released(stream), parse(removed)))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("callback_surveys.survey_type: a reader of the released")
                    .contains("READER_FIELD_MISSING_DEFAULT"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("callback_surveys.survey_type:")
                    .endsWith("no longer does"));
    assertThat(evolutionProblems("callback_surveys", released(stream), parse(madeRequired)))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "callback_surveys.channel: the current lake/callback_surveys.avsc cannot"
                            + " read rows"))
        .anySatisfy(p -> assertThat(p).startsWith("callback_surveys.channel: the released"));
    // Avro's resolution ignores logical types: local wall-clock micros read as UTC instants would
    // pass it.
    assertThat(evolutionProblems("callback_surveys", released(stream), parse(otherLogicalType)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("callback_surveys.occurred_at:")
                    .contains("timestamp-micros"));
  }

  // ---------------------------------------------------------------- the frozen copies

  private static Schema released(EventStream stream) {
    return new Schema.Parser().parse(releasedJson(stream));
  }

  private static String releasedJson(EventStream stream) {
    String resource = "/contracts/released/" + stream.tableName() + ".avsc";
    try (InputStream in = LakeSchemaEvolutionTest.class.getResourceAsStream(resource)) {
      assertThat(in)
          .as("frozen copy " + resource + " of the released lake schema of " + stream)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode releasedTree(EventStream stream) {
    try {
      return (ObjectNode) EventCodec.mapper().readTree(releasedJson(stream));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode fields(ObjectNode avsc) {
    return (ArrayNode) avsc.get("fields");
  }

  private static ObjectNode field(ObjectNode avsc, String name) {
    for (var f : fields(avsc)) {
      if (f.get("name").asText().equals(name)) {
        return (ObjectNode) f;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  private static Schema parse(ObjectNode avsc) {
    return new Schema.Parser().parse(avsc.toString());
  }
}
