package io.qualityloop.app;

import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop reconcile}: proves, per topic, partition and offset range, that every input
 * record is in exactly one of its lake table, quarantine or duplicates, and prints the difference
 * (expected: zero; exit code 3 otherwise). Offsets come from the Kafka cluster when one is
 * configured or the service of this working directory runs ({@code up}: then once its jobs have
 * committed every record), else from the ranges the last demo, ingest or service recorded.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Check that every Kafka record is in its table, in quarantine or a counted duplicate.")
final class ReconcileCommand implements Callable<Integer> {
  static final String RANGES_FILE = "kafka-ranges.json";

  @ParentCommand private QualityLoopCommand parent;

  @Override
  public Integer call() throws InterruptedException {
    QualityLoopConfig config = parent.config();
    KafkaRanges ranges;
    Optional<String> service =
        config.useEmbeddedKafka() ? RunningService.bootstrapServers(config) : Optional.empty();
    if (service.isPresent()) {
      // The service's jobs may still be reading the latest records: wait until its group has
      // committed them.
      ranges = KafkaRanges.read(config.kafkaClients(service.get()), config.topics().values());
      Map<TopicPartition, Long> ends = new HashMap<>();
      config.topics().values().forEach(topic -> ends.putAll(ranges.endOffsets(topic)));
      parent
          .out()
          .println(
              "The service runs ("
                  + service.get()
                  + "): waiting until its jobs have committed every record published ...");
      KafkaRanges.awaitCommitted(
          config.kafkaClients(service.get()),
          config.consumerGroup(),
          ends,
          () -> {
            if (RunningService.find(config).isEmpty()) {
              throw new IllegalStateException(
                  "the service stopped while reconcile waited for it; run reconcile again after the"
                      + " next `up`");
            }
          });
    } else if (!config.useEmbeddedKafka()) {
      ranges = KafkaRanges.read(config.kafkaClients(), config.topics().values());
    } else {
      Path recorded = config.outDir().resolve(RANGES_FILE);
      if (!Files.exists(recorded)) {
        return parent.failure(
            "no Kafka to compare with: set kafka.bootstrap.servers, or run the demo or an ingest"
                + " first (they record their offsets in "
                + recorded
                + ").");
      }
      ranges = KafkaRanges.load(recorded);
    }
    List<Reconciliation.Line> lines = check(config, ranges, parent.err());
    // A checkpoint commits the Kafka offsets and the lake files in the same breath, not in one
    // step:
    // while the service runs, a file may land a moment after its offsets.
    for (int attempt = 0; service.isPresent() && difference(lines) != 0 && attempt < 5; attempt++) {
      Thread.sleep(2_000);
      lines = check(config, ranges, parent.err());
    }
    return print(lines, parent.out());
  }

  /** Counts the lake's rows on the warehouse file (rebuilt first when the lake changed). */
  static List<Reconciliation.Line> check(
      QualityLoopConfig config, KafkaRanges ranges, PrintStream err) {
    try (Warehouse warehouse = WarehouseAccess.open(config, AsOf.NOW, ProjectScope.ALL, err)) {
      return Reconciliation.check(config.topics(), ranges, warehouse);
    }
  }

  private static long difference(List<Reconciliation.Line> lines) {
    return lines.stream().mapToLong(Reconciliation.Line::difference).sum();
  }

  /** Prints each line and the verdict; returns the exit code (0, or 3 on a difference). */
  static int print(List<Reconciliation.Line> lines, PrintStream out) {
    long difference = 0;
    for (Reconciliation.Line line : lines) {
      out.println(line.describe());
      difference += line.difference();
    }
    out.println(
        difference == 0
            ? "Reconciliation: every record accounted for (difference 0)."
            : "Reconciliation: DIFFERENCE " + difference + " (records missing or landed twice).");
    return difference == 0 ? 0 : 3;
  }
}
