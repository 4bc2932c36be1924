package io.qualityloop.jobs.lake;

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
 * @param partitionUnit the lake's partitions: {@code dt=} a day ({@link ChronoUnit#DAYS}) or the first
 *     of a month ({@link ChronoUnit#MONTHS}, the default)
 * @param idleCatchUp when no record has come for this long, event time catches up with the newest
 *     event read ({@link io.qualityloop.jobs.lake.functions.CatchUpWatermarks}); null for a job whose
 *     input ends (its end moves event time on)
 */
public record LakeJobSettings(
    String lakeRoot, ZoneId zone, Duration maxOutOfOrderness, Duration checkpointInterval, int parallelism, ChronoUnit partitionUnit,
    Duration idleCatchUp) {

  public LakeJobSettings(String lakeRoot, ZoneId zone, Duration maxOutOfOrderness, Duration checkpointInterval, int parallelism,
      ChronoUnit partitionUnit) {
    this(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, partitionUnit, null);
  }

  public LakeJobSettings(String lakeRoot, ZoneId zone, Duration maxOutOfOrderness, Duration checkpointInterval, int parallelism) {
    this(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, ChronoUnit.MONTHS);
  }

  /** These settings for a job that reads without end: event time catches up after {@code idle} without records. */
  public LakeJobSettings withIdleCatchUp(Duration idle) {
    return new LakeJobSettings(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, partitionUnit, idle);
  }
}
