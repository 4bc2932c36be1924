package io.qualityloop.jobs.lake.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns an event, as the JSON tree of its contract, into a lake row of the table's Avro schema:
 * same field names; timestamps become wall-clock time in the company's time zone (the business
 * works, and reports, in local time); money becomes decimal. Fields named {@code src_*} are
 * provenance and set by the caller.
 */
public final class LakeRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String LANDED_AT = "landed_at";

  private final ZoneId zone;

  public LakeRowConverter(ZoneId zone) {
    this.zone = zone;
  }

  public GenericRecord convert(JsonNode event, Schema schema) {
    GenericData.Record row = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      if (field.name().startsWith("src_") || (field.name().equals(LANDED_AT) && !event.has(LANDED_AT))) {
        continue; // where and when the record was read: the door fills these in from Kafka
      }
      JsonNode node = event.get(field.name());
      Schema type = nonNull(field.schema());
      if (node == null || node.isNull()) {
        if (type == field.schema()) {
          throw new IllegalArgumentException("required field " + field.name() + " is missing");
        }
        continue;
      }
      row.put(field.name(), value(field.name(), node, type));
    }
    return row;
  }

  /** Microseconds since the epoch of the wall-clock time in the company's zone. */
  public long localMicros(OffsetDateTime instant) {
    return micros(instant.atZoneSameInstant(zone).toLocalDateTime());
  }

  /** Microseconds since the epoch of the wall-clock time in the company's zone at {@code epochMillis}. */
  public long localMicrosOfEpochMillis(long epochMillis) {
    return micros(LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), zone));
  }

  private static long micros(LocalDateTime local) {
    return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1_000;
  }

  /** A lake row's local-timestamp-micros column read back as the wall-clock time it stands for (the inverse of the above). */
  public static LocalDateTime localDateTime(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  private static boolean hasOffset(String isoDateTime) {
    int t = isoDateTime.indexOf('T');
    return isoDateTime.endsWith("Z") || isoDateTime.indexOf('+', t) > 0 || isoDateTime.indexOf('-', t) > 0;
  }

  private Object value(String name, JsonNode node, Schema type) {
    LogicalType logical = type.getLogicalType();
    switch (type.getType()) {
      case STRING:
        return node.asText();
      case INT:
        requireNumber(name, node);
        return node.intValue();
      case LONG:
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
          String text = node.asText();
          // With an offset: an instant, shown in the company's zone. Without: already wall-clock time there.
          return hasOffset(text) ? localMicros(OffsetDateTime.parse(text)) : micros(LocalDateTime.parse(text));
        }
        requireNumber(name, node);
        return node.longValue();
      case BOOLEAN:
        return node.booleanValue();
      case DOUBLE:
        requireNumber(name, node);
        return node.doubleValue();
      case BYTES:
        if (logical instanceof LogicalTypes.Decimal decimal) {
          requireNumber(name, node);
          BigDecimal value = node.decimalValue().setScale(decimal.getScale(), RoundingMode.HALF_UP);
          return ByteBuffer.wrap(value.unscaledValue().toByteArray());
        }
        throw new IllegalArgumentException("unsupported bytes column " + name);
      case ARRAY:
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(item.asText()));
        return new GenericData.Array<>(type, items);
      default:
        throw new IllegalArgumentException("unsupported column type " + type.getType() + " of " + name);
    }
  }

  private static void requireNumber(String name, JsonNode node) {
    if (!node.isNumber()) {
      throw new IllegalArgumentException(name + " must be a number, was " + node);
    }
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
}
