package io.qualityloop.jobs.lake.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedEventTimesTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static final Schema ROW =
      SchemaBuilder.record("row")
          .fields()
          .requiredString("event_id")
          .name("occurred_at")
          .type(LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
          .noDefault()
          .endRecord();

  @TempDir Path lake;

  @Test
  void theNewestCommittedEventOfEachTableComesFromItsNewestPartitionWithACommittedFile()
      throws Exception {
    Path events = lake.resolve("complaint_events");
    write(events.resolve("dt=2026-08-01/part-a-0.parquet"), "2026-08-31T23:59", "2026-08-03T08:00");
    write(
        events.resolve("dt=2026-09-01/part-a-1.parquet"),
        "2026-09-02T09:00",
        "2026-09-20T10:00:30",
        "2026-09-05T17:00");
    write(events.resolve("dt=2026-09-01/part-b-1.parquet"), "2026-09-19T08:00");
    // newer, but still in progress (not committed by a checkpoint): not read
    write(events.resolve("dt=2026-12-01/.part-a-2.parquet.inprogress.0"), "2026-12-04T09:00");
    Path surveys = lake.resolve("callback_surveys");
    Files.createDirectories(surveys.resolve("dt=2026-10-01"));

    Map<String, Long> newest =
        CommittedEventTimes.read(
            lake.toString(),
            List.of("complaint_events", "callback_surveys", "service_interactions"),
            "occurred_at",
            SHANGHAI);

    // 2026-09-20 10:00:30 in Shanghai (UTC+8) is 02:00:30 UTC
    long expected =
        LocalDateTime.of(2026, 9, 20, 2, 0, 30).toInstant(ZoneOffset.UTC).toEpochMilli();
    assertThat(newest).containsExactly(Map.entry("complaint_events", expected));
    assertThat(
            CommittedEventTimes.read(
                lake.toUri().toString(), List.of("complaint_events"), "occurred_at", SHANGHAI))
        .as("the lake as a file: URI")
        .containsEntry("complaint_events", expected);
    assertThat(
            CommittedEventTimes.read(
                "s3://bucket/lake", List.of("complaint_events"), "occurred_at", SHANGHAI))
        .as("not a local folder: not read")
        .isEmpty();
  }

  private static void write(Path file, String... times) throws Exception {
    Files.createDirectories(file.getParent());
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new Configuration(false))
            .withSchema(ROW)
            .withDataModel(GenericData.get())
            .build()) {
      int n = 0;
      for (String time : times) {
        LocalDateTime at = LocalDateTime.parse(time);
        GenericRecord row = new GenericData.Record(ROW);
        row.put("event_id", "e" + n++);
        row.put("occurred_at", ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), at));
        writer.write(row);
      }
    }
  }
}
