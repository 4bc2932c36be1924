package io.qualityloop.jobs.lake.functions;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.LakeTable;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A Java record as a row of a lake table and back, field by field, without a JSON tree between: a
 * column takes the component of the same name in snake_case ({@code occurredAt} → {@code
 * occurred_at}, as the JSON contract names it). Timestamps with an offset become wall-clock time in
 * the company's zone (the business works, and reports, in local time) and come back at the zone's
 * offset; local date-times are stored as they are; money becomes the column's decimal. Columns
 * named {@code src_*} (and {@code landed_at} when the record has no such component) are provenance
 * that the door fills in from Kafka.
 *
 * <p>The mapping is worked out once, when first used, and checked against the schema then: a column
 * without a component, or a component of a type the column cannot hold, is an error that names
 * both, not a silent null.
 */
public final class LakeRowMapping<T extends Record> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final String schemaJson;
  private final ZoneId zone;
  private transient Schema schema;
  private transient Column[] columns;
  private transient MethodHandle constructor;
  private transient int[] constructorColumns;
  private transient Class<?>[] componentTypes;

  /** The rows of a stream's lake table and its contract's record. */
  @SuppressWarnings("unchecked")
  public static LakeRowMapping<Record> forStream(EventStream stream, ZoneId zone) {
    return new LakeRowMapping<>(
        (Class<Record>) (Class<?>) stream.recordType(), LakeTable.of(stream).schema(), zone);
  }

  public LakeRowMapping(Class<T> type, Schema schema, ZoneId zone) {
    this.type = type;
    this.schemaJson = schema.toString();
    this.zone = zone;
  }

  public Schema schema() {
    prepare();
    return schema;
  }

  /** {@code event} as a row of the table; provenance columns are left for the caller. */
  public GenericData.Record toRow(T record) {
    prepare();
    GenericData.Record row = new GenericData.Record(schema);
    for (Column c : columns) {
      if (c.accessor == null) {
        continue;
      }
      Object value;
      try {
        value = c.accessor.invoke(record);
      } catch (Throwable t) {
        throw new IllegalStateException("cannot read " + c.name + " of " + type.getSimpleName(), t);
      }
      if (value == null) {
        if (!c.nullable) {
          throw new IllegalArgumentException("required field " + c.name + " is missing");
        }
        continue;
      }
      row.put(c.position, toColumn(c, value));
    }
    return row;
  }

  /**
   * The record a row of the table holds (the inverse of {@link #toRow}; provenance is not part of
   * it).
   */
  @SuppressWarnings("unchecked")
  public T fromRow(GenericRecord row) {
    prepare();
    Object[] args = new Object[constructorColumns.length];
    for (int i = 0; i < args.length; i++) {
      Column c = columns[constructorColumns[i]];
      Object raw = row.get(c.position);
      args[i] =
          raw == null ? defaultValue(componentTypes[i]) : fromColumn(c, componentTypes[i], raw);
    }
    try {
      return (T) constructor.invokeWithArguments(args);
    } catch (Throwable t) {
      throw new IllegalStateException(
          "cannot build a " + type.getSimpleName() + " from a row of " + schema.getName(), t);
    }
  }

  private Object toColumn(Column c, Object value) {
    switch (c.kind) {
      case STRING:
        return value instanceof Enum<?> e ? e.name() : value.toString();
      case INT:
        return ((Number) value).intValue();
      case LONG:
        return ((Number) value).longValue();
      case DOUBLE:
        return ((Number) value).doubleValue();
      case BOOLEAN:
        return value;
      case TIMESTAMP:
        if (value instanceof OffsetDateTime t) {
          return LakeRowConverter.micros(t.atZoneSameInstant(zone).toLocalDateTime());
        }
        return LakeRowConverter.micros((LocalDateTime) value);
      case DECIMAL:
        BigDecimal scaled = ((BigDecimal) value).setScale(c.scale, RoundingMode.HALF_UP);
        return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
      case STRING_ARRAY:
        List<String> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          items.add(item.toString());
        }
        return new GenericData.Array<>(c.schema, items);
      default:
        throw new IllegalStateException("unsupported column " + c.name);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object fromColumn(Column c, Class<?> target, Object raw) {
    switch (c.kind) {
      case STRING:
        String text = raw.toString();
        if (target.isEnum()) {
          return Enum.valueOf((Class<Enum>) target, text);
        }
        return target == LocalDate.class ? LocalDate.parse(text) : text;
      case INT:
      case LONG:
      case DOUBLE:
        Number n = (Number) raw;
        if (target == int.class || target == Integer.class) {
          return n.intValue();
        }
        if (target == long.class || target == Long.class) {
          return n.longValue();
        }
        return n.doubleValue();
      case BOOLEAN:
        return raw;
      case TIMESTAMP:
        LocalDateTime local = LakeRowConverter.localDateTime((Long) raw);
        return target == OffsetDateTime.class ? local.atZone(zone).toOffsetDateTime() : local;
      case DECIMAL:
        ByteBuffer bytes = ((ByteBuffer) raw).duplicate();
        byte[] unscaled = new byte[bytes.remaining()];
        bytes.get(unscaled);
        return new BigDecimal(new BigInteger(unscaled), c.scale);
      case STRING_ARRAY:
        List<String> items = new ArrayList<>();
        for (Object item : (Collection<?>) raw) {
          items.add(item.toString());
        }
        return List.copyOf(items);
      default:
        throw new IllegalStateException("unsupported column " + c.name);
    }
  }

  private static Object defaultValue(Class<?> target) {
    if (target == int.class) {
      return 0;
    }
    if (target == long.class) {
      return 0L;
    }
    if (target == double.class) {
      return 0.0;
    }
    if (target == boolean.class) {
      return false;
    }
    return null;
  }

  private void prepare() {
    if (columns != null) {
      return;
    }
    schema = new Schema.Parser().parse(schemaJson);
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      components.put(snakeCase(rc.getName()), rc);
    }
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    List<Column> cols = new ArrayList<>();
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (Schema.Field field : schema.getFields()) {
      RecordComponent rc = components.get(field.name());
      boolean provenance = field.name().startsWith("src_") || field.name().equals("landed_at");
      if (rc == null && !provenance) {
        throw new IllegalStateException(
            "column "
                + field.name()
                + " of lake table "
                + schema.getName()
                + " has no component in "
                + type.getName());
      }
      Schema fieldType = nonNull(field.schema());
      Column c =
          new Column(
              field.name(),
              field.pos(),
              fieldType,
              fieldType != field.schema(),
              kind(field.name(), fieldType));
      if (rc != null) {
        try {
          c.accessor = lookup.unreflect(rc.getAccessor());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(
              "cannot read component " + rc.getName() + " of " + type.getName(), e);
        }
        checkType(c, rc);
      }
      byName.put(field.name(), cols.size());
      cols.add(c);
    }
    RecordComponent[] rcs = type.getRecordComponents();
    constructorColumns = new int[rcs.length];
    componentTypes = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      Integer column = byName.get(snakeCase(rcs[i].getName()));
      if (column == null) {
        // Only a table that holds every component can be read back into the record.
        constructorColumns = null;
        break;
      }
      constructorColumns[i] = column;
      componentTypes[i] = rcs[i].getType();
    }
    if (constructorColumns != null) {
      try {
        Constructor<T> canonical = type.getDeclaredConstructor(componentTypes);
        constructor = lookup.unreflectConstructor(canonical);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no canonical constructor of " + type.getName(), e);
      }
    }
    columns = cols.toArray(new Column[0]);
  }

  private void checkType(Column c, RecordComponent rc) {
    Class<?> t = rc.getType();
    boolean ok =
        switch (c.kind) {
          case STRING -> t == String.class || t.isEnum() || t == LocalDate.class;
          case INT, LONG, DOUBLE ->
              t.isPrimitive() && t != boolean.class || Number.class.isAssignableFrom(t);
          case BOOLEAN -> t == boolean.class || t == Boolean.class;
          case TIMESTAMP -> t == OffsetDateTime.class || t == LocalDateTime.class;
          case DECIMAL -> t == BigDecimal.class;
          case STRING_ARRAY ->
              Collection.class.isAssignableFrom(t) && stringElements(rc.getGenericType());
        };
    if (!ok) {
      throw new IllegalStateException(
          "column "
              + c.name
              + " of lake table "
              + schema.getName()
              + " ("
              + c.kind
              + ") cannot hold component "
              + rc.getName()
              + " of "
              + type.getName()
              + " ("
              + rc.getGenericType().getTypeName()
              + ")");
    }
  }

  private static boolean stringElements(Type generic) {
    return generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class;
  }

  private static Kind kind(String name, Schema type) {
    LogicalType logical = type.getLogicalType();
    switch (type.getType()) {
      case STRING:
        return Kind.STRING;
      case INT:
        return Kind.INT;
      case LONG:
        return logical instanceof LogicalTypes.LocalTimestampMicros ? Kind.TIMESTAMP : Kind.LONG;
      case DOUBLE:
        return Kind.DOUBLE;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case BYTES:
        if (logical instanceof LogicalTypes.Decimal) {
          return Kind.DECIMAL;
        }
        break;
      case ARRAY:
        if (type.getElementType().getType() == Schema.Type.STRING) {
          return Kind.STRING_ARRAY;
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException("unsupported column type " + type + " of " + name);
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    throw new IllegalArgumentException("union without a non-null branch: " + schema);
  }

  private enum Kind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP,
    DECIMAL,
    STRING_ARRAY
  }

  private static final class Column {
    final String name;
    final int position;
    final Schema schema;
    final boolean nullable;
    final Kind kind;
    final int scale;
    MethodHandle accessor;

    Column(String name, int position, Schema schema, boolean nullable, Kind kind) {
      this.name = name;
      this.position = position;
      this.schema = schema;
      this.nullable = nullable;
      this.kind = kind;
      this.scale = schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d.getScale() : 0;
    }
  }
}
