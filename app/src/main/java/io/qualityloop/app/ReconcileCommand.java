package io.qualityloop.app;

import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop reconcile}: proves, per topic, partition and offset range, that every input
 * record is in exactly one of its lake table, quarantine or duplicates, and prints the difference
 * (expected: zero; exit code 3 otherwise). Offsets come from the Kafka cluster when one is
 * configured, else from the ranges the last demo or ingest recorded (the in-process broker runs only
 * while a command does).
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Check that every Kafka record is in its table, in quarantine or a counted duplicate.")
final class ReconcileCommand implements Callable<Integer> {
  static final String RANGES_FILE = "kafka-ranges.json";

  @ParentCommand private QualityLoopCommand parent;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    KafkaRanges ranges;
    if (!config.useEmbeddedKafka()) {
      ranges = KafkaRanges.read(config.kafkaBootstrapServers(), config.topics().values());
    } else {
      Path recorded = config.outDir().resolve(RANGES_FILE);
      if (!Files.exists(recorded)) {
        return parent.failure("no Kafka to compare with: set kafka.bootstrap.servers, or run the demo or an ingest first (they record their offsets in "
            + recorded + ").");
      }
      ranges = KafkaRanges.load(recorded);
    }
    try (Warehouse warehouse = Warehouse.build(config.lakeRoot(), null, ModelCatalog.shipped())) {
      return print(Reconciliation.check(config.topics(), ranges, warehouse), parent.out());
    }
  }

  /** Prints each line and the verdict; returns the exit code (0, or 3 on a difference). */
  static int print(List<Reconciliation.Line> lines, PrintStream out) {
    long difference = 0;
    for (Reconciliation.Line line : lines) {
      out.println(line.describe());
      difference += line.difference();
    }
    out.println(difference == 0 ? "Reconciliation: every record accounted for (difference 0)."
        : "Reconciliation: DIFFERENCE " + difference + " (records missing or landed twice).");
    return difference == 0 ? 0 : 3;
  }
}
