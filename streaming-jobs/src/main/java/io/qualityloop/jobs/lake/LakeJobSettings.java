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
 */
public record LakeJobSettings(
    String lakeRoot, ZoneId zone, Duration maxOutOfOrderness, Duration checkpointInterval, int parallelism, ChronoUnit partitionUnit) {

  public LakeJobSettings(String lakeRoot, ZoneId zone, Duration maxOutOfOrderness, Duration checkpointInterval, int parallelism) {
    this(lakeRoot, zone, maxOutOfOrderness, checkpointInterval, parallelism, ChronoUnit.MONTHS);
  }
}
