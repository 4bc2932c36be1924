package io.qualityloop.jobs.lake;

import io.qualityloop.jobs.lake.functions.CatchUpSignal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How the lake job runs.
 *
 * @param lakeRoot root folder (or filesystem URI) of the lake
 * @param zone the company's time zone: lake timestamps and date partitions are wall-clock there
 * @param maxOutOfOrderness how far behind the newest event an event may arrive and still be on time
 * @param checkpointInterval files become visible at each completed checkpoint
 * @param partitionUnit the lake's partitions: {@code dt=} a day ({@link ChronoUnit#DAYS}) or the
 *     first of a month ({@link ChronoUnit#MONTHS}, the default)
 * @param catchUp released when the run has read everything it set out to read, so event time may
 *     catch up with the newest event ({@link io.qualityloop.jobs.lake.functions.DoorWatermarks});
 *     null for a job whose input ends (its end moves event time on) or that runs without end
 */
public record LakeJobSettings(
    String lakeRoot,
    ZoneId zone,
    Duration maxOutOfOrderness,
    Duration checkpointInterval,
    int parallelism,
    ChronoUnit partitionUnit,
    CatchUpSignal catchUp) {

  public LakeJobSettings(
      String lakeRoot,
      ZoneId zone,
      Duration maxOutOfOrderness,
      Duration checkpointInterval,
      int parallelism,
      ChronoUnit partitionUnit) {
    this(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, partitionUnit, null);
  }

  public LakeJobSettings(
      String lakeRoot,
      ZoneId zone,
      Duration maxOutOfOrderness,
      Duration checkpointInterval,
      int parallelism) {
    this(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, ChronoUnit.MONTHS);
  }

  /** These settings with event time catching up when {@code signal} is released. */
  public LakeJobSettings withCatchUp(CatchUpSignal signal) {
    return new LakeJobSettings(
        lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, partitionUnit, signal);
  }
}
