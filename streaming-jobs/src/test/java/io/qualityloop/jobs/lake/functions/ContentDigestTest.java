package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
  private static final Schema SCHEMA =
      SchemaBuilder.record("row")
          .fields()
          .requiredString("event_id")
          .requiredInt("schema_version")
          .requiredLong("occurred_at")
          .optionalString("description")
          .requiredInt("src_partition")
          .requiredLong("src_offset")
          .requiredLong("landed_at")
          .endRecord();

  private static GenericData.Record row(
      long occurredAt, Object description, int partition, long offset, long landedAt) {
    GenericData.Record row = new GenericData.Record(SCHEMA);
    row.put("event_id", "C1-09");
    row.put("schema_version", 1);
    row.put("occurred_at", occurredAt);
    row.put("description", description);
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
  void anEmptyColumnDiffersFromTheTextNull() {
    assertThat(ContentDigest.of(row(100L, null, 0, 11, 5_000L)))
        .isNotEqualTo(ContentDigest.of(row(100L, "null", 0, 11, 5_000L)));
  }
}
