package io.qualityloop.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.LakeTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One contract per stream: the JSON Schema producers publish against is the source of truth; the
 * Java record, the lake's Avro schema ({@code lake/<table>.avsc}) and the warehouse's source
 * declaration ({@code warehouse/models/sources/<table>.sql}) must agree with it. Each failure names
 * the stream, the field and the two declarations that disagree.
 *
 * <p>The negative cases at the end change one declaration in memory and show that each check
 * reports it.
 */
class ContractAgreementTest {
  /** Surefire runs in the module's directory. */
  private static final Path WAREHOUSE_SOURCES = Path.of("../warehouse/models/sources");

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theRecordAgreesWithTheJsonSchema(EventStream stream) {
    List<String> problems =
        ContractChecks.recordAgainstSchema(
            stream.tableName(), stream.schemaResource(), jsonSchema(stream), stream.recordType());
    problems.addAll(
        ContractChecks.versionAgainstSchema(
            stream.tableName(), stream.schemaResource(), jsonSchema(stream), stream.recordType()));

    assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theLakeSchemaAgreesWithTheJsonSchema(EventStream stream) {
    List<String> problems =
        ContractChecks.avroAgainstSchema(
            stream.tableName(),
            stream.schemaResource(),
            jsonSchema(stream),
            avscName(stream),
            LakeTable.of(stream).schema());

    assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EventStream.class)
  void theWarehouseSourceAgreesWithTheLakeSchema(EventStream stream) {
    List<String> problems =
        ContractChecks.sqlAgainstAvro(
            stream.tableName(),
            avscName(stream),
            LakeTable.of(stream).schema(),
            sqlName(stream),
            ContractChecks.parseCreateTable(sql(stream)));

    assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
  }

  // ---------------------------------------------------------------- each check can fail

  /**
   * A record that drifted from complaint-event.v1: a component renamed, two retyped, a primitive
   * for an optional field, another enum.
   */
  record DriftedComplaint(
      String eventId,
      int schemaVersion,
      OffsetDateTime occurredAt,
      String complaintId,
      String eventType,
      String channel,
      String projectId,
      String building,
      String unit,
      String room,
      String functionalArea,
      String part,
      String problemType,
      boolean publicArea,
      String householdId,
      String staffId,
      String category,
      String subCategory,
      String rootCause,
      String buildingComponent,
      String responsibleDepartment,
      Severity severity,
      String intent,
      String workOrderType,
      List<String> trades,
      String repairCostYuan,
      String description,
      String reasonText,
      String extendedUntil,
      Boolean customerSignedOff,
      String roomPseudonym) {
    static final int SCHEMA_VERSION = 1;
  }

  /** Misses MAJOR and has one the schema does not know. */
  enum Severity {
    NORMAL,
    CRITICAL
  }

  @Test
  void aRecordThatDriftedFromTheSchemaIsReported() {
    EventStream stream = EventStream.COMPLAINT_EVENTS;
    List<String> problems =
        ContractChecks.recordAgainstSchema(
            stream.tableName(),
            stream.schemaResource(),
            jsonSchema(stream),
            DriftedComplaint.class);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "complaint_events.reason: JSON Schema"
                            + " schemas/complaint-event.v1.schema.json declares it, record"
                            + " DriftedComplaint has no component"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "complaint_events.reason_text: record DriftedComplaint has the component"
                            + " reasonText, JSON Schema"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.repair_cost_yuan: JSON Schema")
                    .contains("record DriftedComplaint has java.lang.String repairCostYuan")
                    .endsWith("a number is a BigDecimal, Double or Float"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.public_area:")
                    .endsWith(
                        "a primitive component cannot be missing, so the property must be"
                            + " required"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.severity:")
                    .contains(
                        "the enum's constants [NORMAL, CRITICAL] differ from the schema's enum"
                            + " [NORMAL, MAJOR]"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.extended_until:")
                    .endsWith("a date-time is an OffsetDateTime"));
    assertThat(problems).hasSize(6);
  }

  @Test
  void aSchemaThatDriftedFromTheRecordIsReported() {
    EventStream stream = EventStream.SERVICE_INTERACTIONS;
    ObjectNode schema = jsonSchema(stream).deepCopy();
    ObjectNode properties = (ObjectNode) schema.get("properties");
    ObjectNode kind = (ObjectNode) properties.get("kind");
    kind.remove("enum");
    kind.put("type", "string"); // the record's enum is no longer what the schema says
    ((ObjectNode) properties.get("promise_kept")).put("type", "string"); // Boolean in the record
    ((ObjectNode) properties.get("schema_version")).put("const", 2); // the record says 1
    ((ArrayNode) schema.get("required")).add("summary"); // required, yet it allows null
    ObjectNode promisedReplyAt = (ObjectNode) properties.get("promised_reply_at");
    promisedReplyAt.remove("format"); // a date-time lost its format
    promisedReplyAt.put("type", "string");

    List<String> problems =
        ContractChecks.recordAgainstSchema(
            stream.tableName(), stream.schemaResource(), schema, stream.recordType());
    problems.addAll(
        ContractChecks.versionAgainstSchema(
            stream.tableName(), stream.schemaResource(), schema, stream.recordType()));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("service_interactions.kind:")
                    .endsWith("are not in the schema, which takes any string"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("service_interactions.promise_kept:")
                    .endsWith("a string is a String or an enum"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("service_interactions.summary: JSON Schema")
                    .endsWith(
                        "requires it but also allows null, so record ServiceInteraction's summary"
                            + " can be missing"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("service_interactions.promised_reply_at:")
                    .contains(
                        "says optional string, but record ServiceInteraction has"
                            + " java.time.OffsetDateTime promisedReplyAt")
                    .endsWith("a string is a String or an enum"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "service_interactions.schema_version: JSON Schema"
                            + " schemas/service-interaction.v1.schema.json fixes 2, record"
                            + " ServiceInteraction's SCHEMA_VERSION is 1"));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("fixes 2 but its file name names another version"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "fixes 2 but its $id is"
                            + " https://qualityloop.io/schemas/service-interaction.v1"));
    assertThat(problems).hasSize(7);
  }

  @Test
  void aLakeSchemaThatDriftedIsReported() {
    EventStream stream = EventStream.COMPLAINT_EVENTS;
    ObjectNode avsc = (ObjectNode) readTree(LakeTable.of(stream).schemaJson());
    ArrayNode fields = (ArrayNode) avsc.get("fields");
    for (int i = fields.size() - 1; i >= 0; i--) {
      ObjectNode f = (ObjectNode) fields.get(i);
      switch (f.get("name").asText()) {
        case "part" -> fields.remove(i); // missing
        case "channel" -> f.put("type", "string").remove("default"); // optional but not nullable
        case "project_id" ->
            f.putNull("default")
                .set(
                    "type",
                    EventCodec.mapper()
                        .createArrayNode()
                        .add("null")
                        .add("string")); // required, nullable
        case "public_area" ->
            ((ArrayNode) f.get("type"))
                .set(1, EventCodec.mapper().getNodeFactory().textNode("string"));
        case "occurred_at" ->
            ((ObjectNode) f.get("type")).put("logicalType", "timestamp-micros"); // not local time
        case "building" -> f.remove("default"); // nullable without default
        case "src_offset" -> f.put("type", "int");
        default -> {}
      }
    }
    fields.addObject().put("name", "legacy_code").put("type", "string"); // extra

    List<String> problems =
        ContractChecks.avroAgainstSchema(
            stream.tableName(),
            stream.schemaResource(),
            jsonSchema(stream),
            "lake/complaint_events.avsc",
            new Schema.Parser().setValidateDefaults(false).parse(avsc.toString()));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "complaint_events.part: JSON Schema schemas/complaint-event.v1.schema.json"
                            + " declares it, lake/complaint_events.avsc has no such field"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "complaint_events.legacy_code: lake/complaint_events.avsc has the field"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.channel:")
                    .endsWith("an optional property must be nullable in the lake"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.project_id:")
                    .endsWith("a required property must not be nullable in the lake"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.public_area:")
                    .endsWith("a boolean is an Avro boolean"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.occurred_at:")
                    .endsWith("a date-time is a long with logicalType local-timestamp-micros"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.building:")
                    .endsWith("a nullable field must have the default null"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "complaint_events.src_offset: the lake's provenance is a non-null long"));
    assertThat(problems).hasSize(8);
  }

  @Test
  void aNumberTheDecimalCannotHoldIsReported() {
    EventStream stream = EventStream.COMPLAINT_EVENTS;
    ObjectNode schema = jsonSchema(stream).deepCopy();
    ((ObjectNode) schema.get("properties").get("repair_cost_yuan"))
        .put("maximum", new BigDecimal("10000000000"));

    List<String> problems =
        ContractChecks.avroAgainstSchema(
            stream.tableName(),
            stream.schemaResource(),
            schema,
            avscName(stream),
            LakeTable.of(stream).schema());

    assertThat(problems)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("complaint_events.repair_cost_yuan: JSON Schema")
                    .contains("lake/complaint_events.avsc")
                    .endsWith("below 10000000000 in absolute value; it allows [0, 10000000000]"));
  }

  @Test
  void aWarehouseSourceThatDriftedIsReported() {
    EventStream stream = EventStream.SERVICE_INTERACTIONS;
    String drifted =
        sql(stream)
            .replace(
                "create table service_interactions",
                "create table service_interaction") // another table
            .replace("rings_before_answer integer", "rings_before_answer bigint") // retyped
            .replace("promise_kept boolean, ", "") // missing
            .replace(" dt date", " dt date, loaded_by varchar"); // extra

    List<String> problems =
        ContractChecks.sqlAgainstAvro(
            stream.tableName(),
            avscName(stream),
            LakeTable.of(stream).schema(),
            sqlName(stream),
            ContractChecks.parseCreateTable(drifted));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "service_interactions: warehouse/models/sources/service_interactions.sql creates the"
                + " table service_interaction, the lake table (lake/service_interactions.avsc) is"
                + " service_interactions",
            "service_interactions.promise_kept: lake/service_interactions.avsc has it,"
                + " warehouse/models/sources/service_interactions.sql has no such column",
            "service_interactions.loaded_by: warehouse/models/sources/service_interactions.sql has"
                + " the column, lake/service_interactions.avsc has no such field",
            "service_interactions.rings_before_answer: lake/service_interactions.avsc has"
                + " [\"null\",\"int\"], read as DuckDB integer, but"
                + " warehouse/models/sources/service_interactions.sql declares bigint");
  }

  @Test
  void aWarehouseSourceInAnotherOrderOrWithoutDtIsReported() {
    EventStream stream = EventStream.CALLBACK_SURVEYS;
    String swapped =
        sql(stream)
            .replace(
                "survey_type varchar, channel varchar", "channel varchar, survey_type varchar");
    String withoutDt = sql(stream).replaceAll(",\\s*dt date", "");

    assertThat(
            ContractChecks.sqlAgainstAvro(
                stream.tableName(),
                avscName(stream),
                LakeTable.of(stream).schema(),
                sqlName(stream),
                ContractChecks.parseCreateTable(swapped)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "callback_surveys.survey_type: lake/callback_surveys.avsc has it as column"
                            + " 4, warehouse/models/sources/callback_surveys.sql has channel"
                            + " there"));
    assertThat(
            ContractChecks.sqlAgainstAvro(
                stream.tableName(),
                avscName(stream),
                LakeTable.of(stream).schema(),
                sqlName(stream),
                ContractChecks.parseCreateTable(withoutDt)))
        .containsExactly(
            "callback_surveys.dt: the lake's partitioning (dt) has it,"
                + " warehouse/models/sources/callback_surveys.sql has no such column");
  }

  @Test
  void theSqlParserReadsDecimalsArraysAndComments() {
    ContractChecks.Table table =
        ContractChecks.parseCreateTable(
            """
            -- a comment, with a comma (and parentheses)
            create table t (
              a decimal(12, 2), b VARCHAR[], -- trailing, comment
              c int, d numeric( 5 ,1 ),
              dt date
            )
            """);

    assertThat(table.name()).isEqualTo("t");
    assertThat(table.columns())
        .containsExactly(
            new ContractChecks.Column("a", "decimal(12,2)"),
            new ContractChecks.Column("b", "varchar[]"),
            new ContractChecks.Column("c", "integer"),
            new ContractChecks.Column("d", "decimal(5,1)"),
            new ContractChecks.Column("dt", "date"));
  }

  // ---------------------------------------------------------------- the declarations

  private static JsonNode jsonSchema(EventStream stream) {
    try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
      assertThat(in).as("the JSON Schema of " + stream + " on the classpath").isNotNull();
      return EventCodec.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return EventCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String avscName(EventStream stream) {
    return "lake/" + stream.tableName() + ".avsc";
  }

  private static String sqlName(EventStream stream) {
    return "warehouse/models/sources/" + stream.tableName() + ".sql";
  }

  private static String sql(EventStream stream) {
    Path file = WAREHOUSE_SOURCES.resolve(stream.tableName() + ".sql");
    assertThat(file)
        .as(
            "the warehouse's source declaration of "
                + stream
                + " (run from the streaming-jobs module)")
        .exists();
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
