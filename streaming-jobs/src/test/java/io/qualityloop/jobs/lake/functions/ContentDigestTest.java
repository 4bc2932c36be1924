package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
  private static final Schema SCHEMA = schema();

  /** A lake table's row: its content, then {@code added} optional text columns, then its origin. */
  private static Schema schema(String... added) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("row")
            .fields()
            .requiredString("event_id")
            .requiredInt("schema_version")
            .requiredLong("occurred_at")
            .optionalString("description")
            .name("repair_cost_yuan")
            .type(LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES)))
            .noDefault();
    for (String column : added) {
      fields = fields.optionalString(column);
    }
    return fields
        .requiredInt("src_partition")
        .requiredLong("src_offset")
        .requiredLong("landed_at")
        .endRecord();
  }

  private static GenericData.Record row(
      long occurredAt, Object description, int partition, long offset, long landedAt) {
    GenericData.Record row = new GenericData.Record(SCHEMA);
    row.put("event_id", "C1-09");
    row.put("schema_version", 1);
    row.put("occurred_at", occurredAt);
    row.put("description", description);
    row.put(
        "repair_cost_yuan",
        ByteBuffer.wrap(new BigDecimal("1234.00").unscaledValue().toByteArray()));
    row.put("src_partition", partition);
    row.put("src_offset", offset);
    row.put("landed_at", landedAt);
    return row;
  }

  @Test
  void twoCopiesOfTheSameRecordReadAtOtherPositionsAndTimesHaveOneDigest() {
    assertThat(ContentDigest.of(row(100L, "漏水", 0, 11, 5_000L)))
        .isEqualTo(ContentDigest.of(row(100L, new Utf8("漏水"), 1, 42, 9_000L)));
  }

  @Test
  void aCopyUnderANewerContractVersionSaysTheSame() {
    GenericData.Record newer = row(100L, "漏水", 0, 11, 5_000L);
    newer.put("schema_version", 2);
    assertThat(ContentDigest.of(newer)).isEqualTo(ContentDigest.of(row(100L, "漏水", 0, 11, 5_000L)));
  }

  @Test
  void aCorrectedTimeOrTextGivesAnotherDigest() {
    long first = ContentDigest.of(row(100L, "漏水", 0, 11, 5_000L));
    assertThat(ContentDigest.of(row(101L, "漏水", 0, 11, 5_000L))).isNotEqualTo(first);
    assertThat(ContentDigest.of(row(100L, "渗水", 0, 11, 5_000L))).isNotEqualTo(first);
  }

  @Test
  void aCorrectedRepairCostGivesAnotherDigest() {
    GenericData.Record corrected = row(100L, "漏水", 0, 11, 5_000L);
    corrected.put(
        "repair_cost_yuan",
        ByteBuffer.wrap(new BigDecimal("1500.00").unscaledValue().toByteArray()));
    assertThat(ContentDigest.of(corrected))
        .isNotEqualTo(ContentDigest.of(row(100L, "漏水", 0, 11, 5_000L)));
  }

  @Test
  void anEmptyColumnDiffersFromTheTextNull() {
    assertThat(ContentDigest.of(row(100L, null, 0, 11, 5_000L)))
        .isNotEqualTo(ContentDigest.of(row(100L, "null", 0, 11, 5_000L)));
  }

  @Test
  void aColumnAddedToTheTableSinceTheFirstCopyLandedLeavesTheDigestAsItWas() {
    Schema wider = schema("customer_signed_off");
    GenericData.Record narrow = row(100L, "漏水", 0, 11, 5_000L);
    GenericData.Record widened = new GenericData.Record(wider);
    for (Schema.Field f : SCHEMA.getFields()) {
      widened.put(f.name(), narrow.get(f.name()));
    }
    assertThat(ContentDigest.of(widened)).isEqualTo(ContentDigest.of(narrow));
    widened.put("customer_signed_off", "true");
    assertThat(ContentDigest.of(widened)).isNotEqualTo(ContentDigest.of(narrow));
  }
}
