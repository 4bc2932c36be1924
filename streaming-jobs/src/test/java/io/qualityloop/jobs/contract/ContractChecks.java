package io.qualityloop.jobs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import io.qualityloop.events.EventCodec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Checks that the declarations of one event stream agree with its JSON Schema, the single source of
 * truth: the Java record, the lake's Avro schema and the warehouse's source table. Every check
 * returns the disagreements it found, each naming the stream, the field and the two declarations;
 * an empty list means they agree.
 */
final class ContractChecks {
  /** Columns the lake adds to every event: where and when the record was read. */
  static final List<String> PROVENANCE = List.of("src_partition", "src_offset", "landed_at");

  /** The column the warehouse's source declaration adds after the lake's: the partition date. */
  static final String PARTITION_COLUMN = "dt";

  private ContractChecks() {}

  // ---------------------------------------------------------------- the JSON Schema, read once

  /** One property of the JSON Schema, reduced to what the other declarations must agree with. */
  record Property(
      String name,
      boolean required,
      String type,
      boolean nullable,
      List<String> enumValues,
      String format,
      String itemType,
      BigDecimal minimum,
      BigDecimal maximum) {

    String describe() {
      String t = type;
      if (format != null) {
        t += " (format " + format + ")";
      }
      if (enumValues != null) {
        t += " enum " + enumValues;
      }
      if (itemType != null) {
        t += " of " + itemType;
      }
      return (required ? "required " : "optional ") + t + (nullable ? " or null" : "");
    }
  }

  /**
   * The properties of a JSON Schema, in declaration order; a property the checks cannot read
   * becomes a problem.
   */
  static Map<String, Property> properties(
      String stream, String schemaName, JsonNode schema, List<String> problems) {
    Set<String> required = new LinkedHashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    Map<String, Property> properties = new LinkedHashMap<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              String name = e.getKey();
              JsonNode p = e.getValue();
              Set<String> types = new LinkedHashSet<>();
              if (p.has("type")) {
                if (p.get("type").isArray()) {
                  p.get("type").forEach(t -> types.add(t.asText()));
                } else {
                  types.add(p.get("type").asText());
                }
              } else if (p.has("enum")) {
                p.get("enum").forEach(v -> types.add(jsonTypeOf(v)));
              } else if (p.has("const")) {
                types.add(jsonTypeOf(p.get("const")));
              }
              List<String> enumValues = null;
              boolean enumAllowsNull = true;
              if (p.has("enum")) {
                enumValues = new ArrayList<>();
                enumAllowsNull = false;
                for (JsonNode v : p.get("enum")) {
                  if (v.isNull()) {
                    enumAllowsNull = true;
                  } else {
                    enumValues.add(v.asText());
                  }
                }
              }
              boolean nullable =
                  types.remove("null")
                      && enumAllowsNull
                      && !(p.has("const") && !p.get("const").isNull());
              if (types.size() != 1) {
                problems.add(
                    String.format(
                        "%s.%s: JSON Schema %s declares the types %s; the lake and the warehouse"
                            + " can only hold one type (or null)",
                        stream, name, schemaName, types));
                return;
              }
              String type = types.iterator().next();
              String itemType = null;
              if (type.equals("array")) {
                itemType = p.path("items").path("type").asText("(none)");
              }
              properties.put(
                  name,
                  new Property(
                      name,
                      required.contains(name),
                      type,
                      nullable,
                      enumValues,
                      p.has("format") ? p.get("format").asText() : null,
                      itemType,
                      bound(p, "minimum", "exclusiveMinimum"),
                      bound(p, "maximum", "exclusiveMaximum")));
            });
    for (String r : required) {
      if (!properties.containsKey(r) && !schema.path("properties").has(r)) {
        problems.add(
            String.format(
                "%s.%s: JSON Schema %s requires a property it does not declare",
                stream, r, schemaName));
      }
    }
    return properties;
  }

  private static BigDecimal bound(JsonNode p, String inclusive, String exclusive) {
    if (p.path(inclusive).isNumber()) {
      return p.get(inclusive).decimalValue();
    }
    return p.path(exclusive).isNumber() ? p.get(exclusive).decimalValue() : null;
  }

  private static String jsonTypeOf(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return v.isTextual() ? "string" : v.getNodeType().name().toLowerCase();
  }

  // ---------------------------------------------------------------- (a) the Java record

  /**
   * The record's components against the JSON Schema's properties: one-to-one, presence and types.
   */
  static List<String> recordAgainstSchema(
      String stream, String schemaName, JsonNode schema, Class<?> recordType) {
    List<String> problems = new ArrayList<>();
    Map<String, Property> properties = properties(stream, schemaName, schema, problems);
    String recordName = "record " + recordType.getSimpleName();
    PropertyNamingStrategy naming =
        EventCodec.mapper().getSerializationConfig().getPropertyNamingStrategy();
    if (!(naming instanceof PropertyNamingStrategies.NamingBase base)) {
      problems.add(
          stream
              + ": EventCodec's naming strategy "
              + naming
              + " cannot be applied to component names");
      return problems;
    }
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    if (!recordType.isRecord()) {
      problems.add(stream + ": " + recordType.getName() + " is not a record");
      return problems;
    }
    for (RecordComponent c : recordType.getRecordComponents()) {
      components.put(base.translate(c.getName()), c);
    }
    for (String name : properties.keySet()) {
      if (!components.containsKey(name)) {
        problems.add(
            String.format(
                "%s.%s: JSON Schema %s declares it, %s has no component for it",
                stream, name, schemaName, recordName));
      }
    }
    for (Map.Entry<String, RecordComponent> e : components.entrySet()) {
      if (!schema.path("properties").has(e.getKey())) {
        problems.add(
            String.format(
                "%s.%s: %s has the component %s, JSON Schema %s has no such property",
                stream, e.getKey(), recordName, e.getValue().getName(), schemaName));
      }
    }
    for (Property p : properties.values()) {
      RecordComponent c = components.get(p.name());
      if (c == null) {
        continue;
      }
      String where =
          String.format(
              "%s.%s: JSON Schema %s says %s, but %s has %s %s",
              stream,
              p.name(),
              schemaName,
              p.describe(),
              recordName,
              c.getGenericType().getTypeName(),
              c.getName());
      if (p.required() && p.nullable()) {
        problems.add(
            String.format(
                "%s.%s: JSON Schema %s requires it but also allows null, so %s's %s can be missing",
                stream, p.name(), schemaName, recordName, c.getName()));
      }
      if (c.getType().isPrimitive() && !p.required()) {
        problems.add(
            where + ": a primitive component cannot be missing, so the property must be required");
      }
      String mismatch = javaMismatch(p, c);
      if (mismatch != null) {
        problems.add(where + ": " + mismatch);
      }
    }
    return problems;
  }

  private static String javaMismatch(Property p, RecordComponent c) {
    Class<?> raw = c.getType();
    switch (p.type()) {
      case "string":
        if ("date-time".equals(p.format())) {
          return raw == OffsetDateTime.class ? null : "a date-time is an OffsetDateTime";
        }
        if (p.format() != null) {
          return "the format " + p.format() + " has no agreed Java type";
        }
        if (raw == String.class) {
          return null;
        }
        if (raw.isEnum()) {
          List<String> constants =
              Arrays.stream(raw.getEnumConstants()).map(x -> ((Enum<?>) x).name()).toList();
          if (p.enumValues() == null) {
            return "the enum's constants "
                + constants
                + " are not in the schema, which takes any string";
          }
          return new TreeSet<>(constants).equals(new TreeSet<>(p.enumValues()))
              ? null
              : "the enum's constants "
                  + constants
                  + " differ from the schema's enum "
                  + p.enumValues();
        }
        return "a string is a String or an enum";
      case "integer":
        return Set.of(int.class, Integer.class, long.class, Long.class).contains(raw)
            ? null
            : "an integer is an int, Integer, long or Long";
      case "number":
        return Set.of(BigDecimal.class, Double.class, double.class, Float.class, float.class)
                .contains(raw)
            ? null
            : "a number is a BigDecimal, Double or Float";
      case "boolean":
        return raw == Boolean.class || raw == boolean.class ? null : "a boolean is a Boolean";
      case "array":
        if (!"string".equals(p.itemType())) {
          return "only arrays of strings have an agreed Java type";
        }
        return c.getGenericType() instanceof ParameterizedType pt
                && pt.getRawType() == List.class
                && pt.getActualTypeArguments()[0] == String.class
            ? null
            : "an array of strings is a List<String>";
      default:
        return "the JSON type " + p.type() + " has no agreed Java type";
    }
  }

  /**
   * The schema_version the schema fixes, its file name and $id against the record's SCHEMA_VERSION.
   */
  static List<String> versionAgainstSchema(
      String stream, String schemaName, JsonNode schema, Class<?> recordType) {
    List<String> problems = new ArrayList<>();
    JsonNode constant = schema.path("properties").path("schema_version").path("const");
    if (!constant.isIntegralNumber()) {
      problems.add(
          String.format(
              "%s.schema_version: JSON Schema %s does not fix it with a const",
              stream, schemaName));
      return problems;
    }
    int version = constant.intValue();
    try {
      int declared = recordType.getField("SCHEMA_VERSION").getInt(null);
      if (declared != version) {
        problems.add(
            String.format(
                "%s.schema_version: JSON Schema %s fixes %d, record %s's SCHEMA_VERSION is %d",
                stream, schemaName, version, recordType.getSimpleName(), declared));
      }
    } catch (ReflectiveOperationException e) {
      problems.add(
          String.format(
              "%s.schema_version: record %s has no public static SCHEMA_VERSION",
              stream, recordType.getSimpleName()));
    }
    if (!schemaName.endsWith(".v" + version + ".schema.json")) {
      problems.add(
          String.format(
              "%s.schema_version: JSON Schema %s fixes %d but its file name names another version",
              stream, schemaName, version));
    }
    if (!schema.path("$id").asText().endsWith(".v" + version)) {
      problems.add(
          String.format(
              "%s.schema_version: JSON Schema %s fixes %d but its $id is %s",
              stream, schemaName, version, schema.path("$id").asText()));
    }
    return problems;
  }

  // ---------------------------------------------------------------- (b) the lake's Avro schema

  /**
   * The avsc against the JSON Schema: its properties plus the provenance columns, compatible types,
   * nullable exactly when optional.
   */
  static List<String> avroAgainstSchema(
      String stream, String schemaName, JsonNode schema, String avscName, Schema avro) {
    List<String> problems = new ArrayList<>();
    Map<String, Property> properties = properties(stream, schemaName, schema, problems);
    Set<String> expected = new LinkedHashSet<>(properties.keySet());
    expected.addAll(PROVENANCE);
    for (String name : expected) {
      if (avro.getField(name) == null) {
        problems.add(
            String.format(
                "%s.%s: %s declares it, %s has no such field",
                stream,
                name,
                PROVENANCE.contains(name)
                    ? "the lake's provenance (" + String.join(", ", PROVENANCE) + ")"
                    : "JSON Schema " + schemaName,
                avscName));
      }
    }
    for (Schema.Field f : avro.getFields()) {
      if (!expected.contains(f.name())) {
        problems.add(
            String.format(
                "%s.%s: %s has the field, JSON Schema %s has no such property (and it is no"
                    + " provenance column)",
                stream, f.name(), avscName, schemaName));
      }
    }
    for (Property p : properties.values()) {
      Schema.Field f = avro.getField(p.name());
      if (f == null) {
        continue;
      }
      String where =
          String.format(
              "%s.%s: JSON Schema %s says %s, but %s has %s",
              stream, p.name(), schemaName, p.describe(), avscName, f.schema());
      Schema value = nonNull(f.schema());
      if (value == null) {
        problems.add(where + ": a field is one type, or a union of null and one type");
        continue;
      }
      boolean nullable = value != f.schema();
      if (nullable == p.required()) {
        problems.add(
            where
                + (p.required()
                    ? ": a required property must not be nullable in the lake"
                    : ": an optional property must be nullable in the lake"));
      }
      if (nullable && !(f.hasDefaultValue() && f.defaultVal() == JsonProperties.NULL_VALUE)) {
        problems.add(where + ": a nullable field must have the default null");
      }
      String mismatch = avroMismatch(p, value);
      if (mismatch != null) {
        problems.add(where + ": " + mismatch);
      }
    }
    Map<String, String> provenance =
        Map.of("src_partition", "int", "src_offset", "long", "landed_at", "local-timestamp-micros");
    for (String name : PROVENANCE) {
      Schema.Field f = avro.getField(name);
      if (f != null && !provenance.get(name).equals(avroTypeName(f.schema()))) {
        problems.add(
            String.format(
                "%s.%s: the lake's provenance is a non-null %s, %s has %s",
                stream, name, provenance.get(name), avscName, f.schema()));
      }
    }
    return problems;
  }

  private static String avroMismatch(Property p, Schema value) {
    LogicalType logical = value.getLogicalType();
    switch (p.type()) {
      case "string":
        if ("date-time".equals(p.format())) {
          return logical instanceof LogicalTypes.LocalTimestampMicros
              ? null
              : "a date-time is a long with logicalType local-timestamp-micros";
        }
        if (p.format() != null) {
          return "the format " + p.format() + " has no agreed Avro type";
        }
        if (value.getType() == Schema.Type.STRING && logical == null) {
          return null;
        }
        if (value.getType() == Schema.Type.ENUM) {
          return p.enumValues() != null
                  && new TreeSet<>(value.getEnumSymbols()).equals(new TreeSet<>(p.enumValues()))
              ? null
              : "an Avro enum has exactly the schema's enum values";
        }
        return "a string is an Avro string";
      case "integer":
        return logical == null
                && (value.getType() == Schema.Type.INT || value.getType() == Schema.Type.LONG)
            ? null
            : "an integer is an int or a long";
      case "number":
        if (logical instanceof LogicalTypes.Decimal d) {
          // Every number the schema lets through must fit: |x| < 10^(precision - scale).
          BigDecimal limit = BigDecimal.TEN.pow(d.getPrecision() - d.getScale());
          if (p.maximum() == null
              || p.maximum().compareTo(limit) >= 0
              || p.minimum() == null
              || p.minimum().negate().compareTo(limit) >= 0) {
            return "the schema must bound the number (minimum and maximum) to the decimal's range,"
                + " below "
                + limit.toPlainString()
                + " in absolute value; it allows ["
                + (p.minimum() == null ? "-inf" : p.minimum().toPlainString())
                + ", "
                + (p.maximum() == null ? "inf" : p.maximum().toPlainString())
                + "]";
          }
          return null;
        }
        return logical == null
                && (value.getType() == Schema.Type.DOUBLE || value.getType() == Schema.Type.FLOAT)
            ? null
            : "a number is a decimal, double or float";
      case "boolean":
        return value.getType() == Schema.Type.BOOLEAN ? null : "a boolean is an Avro boolean";
      case "array":
        return value.getType() == Schema.Type.ARRAY
                && "string".equals(p.itemType())
                && value.getElementType().getType() == Schema.Type.STRING
            ? null
            : "an array of strings is an Avro array of (non-null) strings";
      default:
        return "the JSON type " + p.type() + " has no agreed Avro type";
    }
  }

  /**
   * The non-null type of a field: itself, the other branch of a [null, X] union, or null for any
   * other union.
   */
  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = schema.getTypes();
    if (branches.size() != 2
        || branches.get(0).getType() != Schema.Type.NULL
        || branches.get(1).getType() == Schema.Type.NULL) {
      return null;
    }
    return branches.get(1);
  }

  private static String avroTypeName(Schema schema) {
    return schema.getLogicalType() != null
        ? schema.getLogicalType().getName()
        : schema.getType().getName();
  }

  // ---------------------------------------------------------------- (c) the warehouse's source
  // declaration

  record Column(String name, String type) {}

  record Table(String name, List<Column> columns) {}

  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "(?is)^\\s*create\\s+table\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*;?\\s*$");

  /** A {@code create table name (column type, ...)} statement; line comments are dropped. */
  static Table parseCreateTable(String sql) {
    String code = sql.replaceAll("--[^\n]*", "");
    Matcher m = CREATE_TABLE.matcher(code);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a single create table statement: " + sql);
    }
    List<Column> columns = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char ch : (m.group(2) + ",").toCharArray()) {
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        String definition = current.toString().trim();
        current.setLength(0);
        if (definition.isEmpty()) {
          continue;
        }
        String[] parts = definition.split("\\s+", 2);
        columns.add(
            new Column(parts[0].toLowerCase(), parts.length < 2 ? "" : normalize(parts[1])));
      } else {
        current.append(ch);
      }
    }
    return new Table(m.group(1).toLowerCase(), columns);
  }

  private static final Map<String, String> SYNONYMS =
      Map.ofEntries(
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("signed", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("long", "bigint"),
          Map.entry("string", "varchar"),
          Map.entry("text", "varchar"),
          Map.entry("char", "varchar"),
          Map.entry("bpchar", "varchar"),
          Map.entry("bool", "boolean"),
          Map.entry("logical", "boolean"),
          Map.entry("float8", "double"),
          Map.entry("float4", "float"),
          Map.entry("real", "float"),
          Map.entry("timestamp without time zone", "timestamp"),
          Map.entry("datetime", "timestamp"));

  /** A DuckDB type in one spelling: lower case, no blanks in parentheses, synonyms resolved. */
  static String normalize(String type) {
    String t =
        type.trim().toLowerCase().replaceAll("\\s+", " ").replaceAll("\\s*([(),\\[\\]])\\s*", "$1");
    String suffix = "";
    while (t.endsWith("[]")) {
      suffix += "[]";
      t = t.substring(0, t.length() - 2);
    }
    t = t.replaceFirst("^numeric\\(", "decimal(");
    return SYNONYMS.getOrDefault(t, t) + suffix;
  }

  /**
   * The DuckDB type a lake column of this Avro type is read as, or null when there is no agreed
   * one.
   */
  static String duckDbType(Schema schema) {
    Schema value = nonNull(schema);
    if (value == null) {
      return null;
    }
    LogicalType logical = value.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros
        || logical instanceof LogicalTypes.LocalTimestampMillis) {
      return "timestamp";
    }
    if (logical instanceof LogicalTypes.Date) {
      return "date";
    }
    if (logical != null) {
      return null;
    }
    switch (value.getType()) {
      case STRING:
      case ENUM:
        return "varchar";
      case INT:
        return "integer";
      case LONG:
        return "bigint";
      case BOOLEAN:
        return "boolean";
      case DOUBLE:
        return "double";
      case FLOAT:
        return "float";
      case ARRAY:
        String item = duckDbType(value.getElementType());
        return item == null ? null : item + "[]";
      default:
        return null;
    }
  }

  /**
   * The SQL declaration against the avsc: the same columns in the same order, then dt; compatible
   * types; the table's name.
   */
  static List<String> sqlAgainstAvro(
      String stream, String avscName, Schema avro, String sqlName, Table table) {
    List<String> problems = new ArrayList<>();
    if (!table.name().equals(stream)) {
      problems.add(
          String.format(
              "%s: %s creates the table %s, the lake table (%s) is %s",
              stream, sqlName, table.name(), avscName, stream));
    }
    List<Column> expected = new ArrayList<>();
    for (Schema.Field f : avro.getFields()) {
      expected.add(new Column(f.name(), duckDbType(f.schema())));
    }
    expected.add(new Column(PARTITION_COLUMN, "date"));
    List<String> expectedNames = expected.stream().map(Column::name).toList();
    List<String> actualNames = table.columns().stream().map(Column::name).toList();
    for (Column c : expected) {
      if (!actualNames.contains(c.name())) {
        problems.add(
            String.format(
                "%s.%s: %s has it, %s has no such column",
                stream,
                c.name(),
                c.name().equals(PARTITION_COLUMN) ? "the lake's partitioning (dt)" : avscName,
                sqlName));
      }
    }
    for (Column c : table.columns()) {
      if (!expectedNames.contains(c.name())) {
        problems.add(
            String.format(
                "%s.%s: %s has the column, %s has no such field",
                stream, c.name(), sqlName, avscName));
      }
    }
    if (new TreeSet<>(expectedNames).equals(new TreeSet<>(actualNames))
        && !expectedNames.equals(actualNames)) {
      for (int i = 0; i < expectedNames.size() && i < actualNames.size(); i++) {
        if (!expectedNames.get(i).equals(actualNames.get(i))) {
          problems.add(
              String.format(
                  "%s.%s: %s has it as column %d, %s has %s there (same columns, other order;"
                      + " expected %s)",
                  stream,
                  expectedNames.get(i),
                  avscName,
                  i + 1,
                  sqlName,
                  actualNames.get(i),
                  expectedNames));
          break;
        }
      }
    }
    for (Column want : expected) {
      for (Column have : table.columns()) {
        if (have.name().equals(want.name())) {
          if (want.type() == null) {
            problems.add(
                String.format(
                    "%s.%s: %s has a type with no agreed DuckDB type: %s",
                    stream, want.name(), avscName, avro.getField(want.name()).schema()));
          } else if (!want.type().equals(have.type())) {
            problems.add(
                String.format(
                    "%s.%s: %s has %s, read as DuckDB %s, but %s declares %s",
                    stream,
                    want.name(),
                    want.name().equals(PARTITION_COLUMN) ? "the lake's partitioning" : avscName,
                    want.name().equals(PARTITION_COLUMN)
                        ? "the date"
                        : avro.getField(want.name()).schema(),
                    want.type(),
                    sqlName,
                    have.type()));
          }
        }
      }
    }
    return problems;
  }
}
