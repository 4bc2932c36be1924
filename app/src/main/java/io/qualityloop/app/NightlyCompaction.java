package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeCompactor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The service's nightly compaction of the lake ({@code service.compact-at}, in {@code time.zone}).
 * Live, the lake job leaves a small Parquet file per checkpoint with new rows, in every table: a
 * complaint entered every few minutes makes hundreds a day, which every warehouse refresh lists and
 * a full build opens. Every partition of more than one file is rewritten into one ({@link
 * LakeCompactor}), the current month's too: a file that lands in it later is merged the next night.
 * {@code qualityloop compact} from cron does the same for closed partitions without the service.
 */
final class NightlyCompaction {
  private NightlyCompaction() {}

  /** The time of day it runs, or empty when {@code service.compact-at} is empty (never). */
  static Optional<LocalTime> at(QualityLoopConfig config) {
    String at = config.get("service.compact-at").strip();
    if (at.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(at));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "service.compact-at: '" + at + "' is not a time of day such as 03:00 (empty: never)");
    }
  }

  /** How long from {@code now} until the next {@code at}: later today, else tomorrow. */
  static Duration untilNext(ZonedDateTime now, LocalTime at) {
    ZonedDateTime next = now.with(at);
    if (!next.isAfter(now)) {
      next = now.plusDays(1).with(at);
    }
    return Duration.between(now, next);
  }

  /** Compacts every partition of more than one file, open ones too; says what it did. */
  static String run(QualityLoopConfig config) {
    long start = System.nanoTime();
    LakeCompactor compactor =
        CompactCommand.compactor(
            config,
            Duration.ofMinutes(Long.parseLong(config.get("lake.compaction.grace-minutes"))));
    List<LakeCompactor.TableResult> results = compactor.compact(LocalDate.MAX);
    int partitions = results.stream().mapToInt(LakeCompactor.TableResult::partitions).sum();
    int before = results.stream().mapToInt(LakeCompactor.TableResult::filesBefore).sum();
    int after = results.stream().mapToInt(LakeCompactor.TableResult::filesAfter).sum();
    return String.format(
        "Lake compacted: %,d partitions, %,d files into %,d (%.1f s)",
        partitions, before, after, (System.nanoTime() - start) / 1e9);
  }
}
