package io.qualityloop.jobs.lake;

import io.qualityloop.jobs.lake.io.ParquetLakeSink;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The production sinks: Parquet under the lake root, partitioned by event date (quarantine: by
 * arrival date).
 */
public final class LakeSinks {
  private LakeSinks() {}

  /** The column whose local date names a row's partition. */
  static String timeColumn(String table) {
    return switch (table) {
      case LakeTable.QUARANTINE -> "received_at";
      case "duplicates" -> "detected_at";
      case "record_flags" -> "flagged_at";
      case "sla_events" -> "alert_at";
      case "complaint_facts" -> "ended_at";
      case "complaint_sla" -> "started_at";
      case "complaint_snapshots" -> "snapshot_at";
      case "complaint_text" -> "occurred_at";
      case "text_alerts" -> "alert_at";
      default -> LakeIngestJob.TIME_COLUMN;
    };
  }

  /** Parquet sinks with month partitions. */
  public static Function<LakeTable, Sink<GenericRecord>> parquet(String lakeRoot) {
    return parquet(lakeRoot, ChronoUnit.MONTHS);
  }

  /** Parquet sinks partitioned by day or by month ({@code dt=} the first of the month). */
  public static Function<LakeTable, Sink<GenericRecord>> parquet(
      String lakeRoot, ChronoUnit partitionUnit) {
    return table ->
        ParquetLakeSink.forTable(lakeRoot, table, timeColumn(table.name()), partitionUnit);
  }
}
