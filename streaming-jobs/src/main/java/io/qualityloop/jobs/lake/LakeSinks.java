package io.qualityloop.jobs.lake;

import io.qualityloop.jobs.lake.io.ParquetLakeSink;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;

/** The production sinks: Parquet under the lake root, partitioned by event date (quarantine: by arrival date). */
public final class LakeSinks {
  private LakeSinks() {}

  public static Function<LakeTable, Sink<GenericRecord>> parquet(String lakeRoot) {
    return table -> ParquetLakeSink.forTable(
        lakeRoot, table, table.name().equals(LakeTable.QUARANTINE) ? "received_at" : LakeIngestJob.TIME_COLUMN);
  }
}
