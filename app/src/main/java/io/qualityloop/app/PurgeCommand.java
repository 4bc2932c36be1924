package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakePurge;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop purge --before 2023-01-01 [--confirm]}: destroys the lake partitions that
 * ended by that day and are past their table's retention ({@link LakeRetention}), writing a
 * destruction record for each ({@link LakePurge}). Without {@code --confirm} it only shows what
 * would go and what its retention keeps.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description =
        "Destroy lake partitions older than a date and past their table's retention (a dry run"
            + " unless --confirm).")
final class PurgeCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(
      names = "--before",
      required = true,
      description = "Destroy partitions whose day or month ended by this day, e.g. 2023-01-01.")
  private LocalDate before;

  @Option(names = "--confirm", description = "Destroy them; without it nothing is deleted.")
  private boolean confirm;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    Path lake = config.lakeRoot();
    LakePurge purge =
        new LakePurge(
            lake,
            config.lakePartitionUnit(),
            LakeRetention.of(config),
            config.zone(),
            Clock.systemUTC());
    LakePurge.Plan plan = purge.plan(before);
    var out = parent.out();
    if (plan.destroy().isEmpty()) {
      out.println("Nothing to destroy before " + before + " in " + lake + ".");
    } else if (!confirm) {
      out.println("Dry run, nothing deleted. With --confirm these partitions are destroyed:");
      table(out, plan.destroy());
    } else {
      List<LakePurge.Partition> done = purge.purge(plan, System.getProperty("user.name"));
      out.println("Destroyed:");
      table(out, done);
      out.println(
          "Recorded in " + purge.recordFile() + "; run `warehouse build` to refresh lake.sql.");
    }
    if (!plan.kept().isEmpty()) {
      out.println("Kept, older than " + before + " but within their table's retention:");
      plan.kept()
          .forEach(
              p ->
                  out.println(
                      "  "
                          + line(p)
                          + "   retention "
                          + p.retention()
                          + ", destroyable from "
                          + p.destroyableFrom()));
    }
    return 0;
  }

  private static void table(PrintStream out, List<LakePurge.Partition> partitions) {
    out.printf("  %-22s %-10s %6s %12s%n", "table", "partition", "files", "rows");
    partitions.forEach(p -> out.println("  " + line(p)));
    out.printf(
        "Total: %,d partitions, %,d files, %,d rows.%n",
        partitions.size(),
        partitions.stream().mapToInt(LakePurge.Partition::files).sum(),
        partitions.stream().mapToLong(LakePurge.Partition::rows).sum());
  }

  private static String line(LakePurge.Partition p) {
    return String.format("%-22s %-10s %6d %,12d", p.table(), p.dt(), p.files(), p.rows());
  }
}
