package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeCompactor;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop compact [--closed-before 2026-10-01] [--grace-minutes 10]}: rewrites each
 * closed day partition of the lake into one file sorted by project and time (see {@link
 * LakeCompactor}); safe to run while the jobs write and readers read, e.g. nightly from cron.
 */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = "Compact closed day partitions of the lake into one sorted Parquet file each.")
final class CompactCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(
      names = "--closed-before",
      description =
          "Compact partitions whose day or month ended by this day (default: today minus"
              + " lake.compaction.closed-after-days).")
  private LocalDate closedBefore;

  @Option(
      names = "--grace-minutes",
      description =
          "Keep replaced files this long for readers that listed them (default:"
              + " lake.compaction.grace-minutes).")
  private Integer graceMinutes;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    LocalDate before =
        closedBefore != null
            ? closedBefore
            : LocalDate.now(config.zone())
                .minusDays(Long.parseLong(config.get("lake.compaction.closed-after-days")));
    Duration grace =
        Duration.ofMinutes(
            graceMinutes != null
                ? graceMinutes
                : Long.parseLong(config.get("lake.compaction.grace-minutes")));
    long start = System.nanoTime();
    List<LakeCompactor.TableResult> results = compactor(config, grace).compact(before);
    parent.out().println("Compacted partitions that ended by " + before + ":");
    results.forEach(r -> parent.out().println("  " + describe(r)));
    parent
        .out()
        .printf(
            "Took %.1f s. %s%n",
            (System.nanoTime() - start) / 1e9,
            grace.isZero()
                ? "Replaced files deleted."
                : "Replaced files stay "
                    + grace.toMinutes()
                    + " min after their switch; a run after that deletes them.");
    return 0;
  }

  static LakeCompactor compactor(QualityLoopConfig config, Duration grace) {
    return new LakeCompactor(
        config.lakeRoot(),
        config.lakePartitionUnit(),
        Integer.parseInt(config.get("lake.compaction.row-group-rows")),
        grace,
        Clock.systemUTC());
  }

  static String describe(LakeCompactor.TableResult r) {
    return String.format(
        "%-22s %,6d partitions: %,7d files -> %,6d, %.1f MiB -> %.1f MiB, %,d rows",
        r.table(),
        r.partitions(),
        r.filesBefore(),
        r.filesAfter(),
        r.bytesBefore() / 1048576.0,
        r.bytesAfter() / 1048576.0,
        r.rows());
  }
}
