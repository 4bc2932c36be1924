package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class EventDateBucketAssignerTest {
  private static final Schema SCHEMA =
      SchemaBuilder.record("row").fields().requiredLong("occurred_at").endRecord();

  @Test
  void aRowGoesToItsDayOrToTheFirstOfItsMonth() {
    // 2026-07-31 23:59:59.999999 local wall-clock time, as microseconds since the epoch.
    GenericData.Record row = new GenericData.Record(SCHEMA);
    row.put(
        "occurred_at",
        LocalDateTime.of(2026, 7, 31, 23, 59, 59, 999_999_000).toEpochSecond(ZoneOffset.UTC)
                * 1_000_000L
            + 999_999);
    assertThat(new EventDateBucketAssigner("occurred_at", ChronoUnit.DAYS).getBucketId(row, null))
        .isEqualTo("dt=2026-07-31");
    assertThat(new EventDateBucketAssigner("occurred_at", ChronoUnit.MONTHS).getBucketId(row, null))
        .isEqualTo("dt=2026-07-01");
    // A microsecond later it is August.
    row.put("occurred_at", (Long) row.get("occurred_at") + 1);
    assertThat(new EventDateBucketAssigner("occurred_at", ChronoUnit.MONTHS).getBucketId(row, null))
        .isEqualTo("dt=2026-08-01");
  }

  @Test
  void partitionsAreDaysOrMonthsOnly() {
    assertThatThrownBy(() -> new EventDateBucketAssigner("occurred_at", ChronoUnit.WEEKS))
        .hasMessageContaining("days or months");
  }
}
