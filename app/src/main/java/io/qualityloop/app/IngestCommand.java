package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.ingestion.importer.FileImporter;
import io.qualityloop.ingestion.importer.ImportSummary;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop ingest complaint-events 客户投诉单.csv}: imports a file of a company form. Rows are
 * validated and pseudonymised at the door and published to the stream's topic; rejected rows go to
 * {@code <file>.rejects.csv} with their line and reason. With a Kafka cluster configured the
 * running jobs take it from there; while the service of this working directory runs ({@code
 * qualityloop up}) the rows go to its broker and the command waits until its jobs have them in the
 * lake; otherwise, on the embedded default, the command runs the jobs itself until the rows are in
 * the lake, resuming the streaming state of the run before, and reconciles.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Import a CSV (UTF-8 or GBK) or .xlsx file of a company form.")
final class IngestCommand implements Callable<Integer> {
  private static final Logger LOG = LogManager.getLogger(IngestCommand.class);

  enum StreamName {
    service_interactions(EventStream.SERVICE_INTERACTIONS),
    complaint_events(EventStream.COMPLAINT_EVENTS),
    callback_surveys(EventStream.CALLBACK_SURVEYS);

    final EventStream stream;

    StreamName(EventStream stream) {
      this.stream = stream;
    }

    static StreamName parse(String text) {
      return valueOf(text.replace('-', '_'));
    }
  }

  @ParentCommand private QualityLoopCommand parent;

  @Parameters(
      arity = "1..2",
      paramLabel = "[<stream>] <file>",
      hideParamSyntax = true,
      description =
          "The form's stream, service-interactions (来电来访登记表), complaint-events (客户投诉单, 投诉台账)"
              + " or callback-surveys (客户满意度调查表), then the file: .csv or .xlsx. Without the"
              + " stream, the file's name or its headings tell the form, as in the inbox.")
  private List<String> arguments;

  @Option(
      names = "--encoding",
      defaultValue = "auto",
      description =
          "CSV encoding: auto (UTF-8, else GB18030), UTF-8, GBK or GB18030. Default:"
              + " ${DEFAULT-VALUE}.")
  private String encoding;

  @Option(
      names = "--mapping",
      description =
          "Mapping of the form's headings to the contract (default: the shipped one for the"
              + " stream).")
  private Path mapping;

  @Option(
      names = "--reference",
      description =
          "A folder with the company's projects.csv and staff.csv, copied into the lake's reference"
              + " data first (needed once; format: events/reference/README.md).")
  private Path referenceDir;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    String stream = arguments.size() == 2 ? arguments.get(0) : null;
    Path file = Path.of(arguments.get(arguments.size() - 1));
    if (stream == null && FormImport.isStreamName(arguments.get(0))) {
      return parent.usageError(
          "name the file to import: qualityloop ingest " + arguments.get(0) + " <file>");
    }
    EventStream eventStream = null;
    if (stream != null) {
      try {
        eventStream = StreamName.parse(stream).stream;
      } catch (IllegalArgumentException e) {
        return parent.usageError(
            "unknown stream '"
                + stream
                + "': use service-interactions, complaint-events or callback-surveys.");
      }
    }
    if (!Files.isRegularFile(file)) {
      return parent.usageError("no such file: " + file);
    }
    if (eventStream == null) {
      Optional<EventStream> told;
      try {
        told = FormImport.toldBy(file);
      } catch (IOException | RuntimeException e) {
        return parent.usageError("cannot import: " + e.getMessage());
      }
      if (told.isEmpty()) {
        return parent.usageError(
            "cannot tell which form "
                + file
                + " is: its name names none and its headings are not those of exactly one form;"
                + " name the stream: qualityloop ingest complaint-events "
                + file
                + " (or service-interactions, callback-surveys)");
      }
      eventStream = told.get();
      parent
          .out()
          .println(
              file.getFileName()
                  + ": "
                  + FormImport.streamName(eventStream)
                  + ", told by the file's "
                  + (FormImport.streamOf(file.getFileName().toString()).isPresent()
                      ? "name"
                      : "headings"));
    }
    Optional<String> missing = FormImport.prepareReference(config, referenceDir);
    if (missing.isPresent()) {
      return parent.usageError(missing.get());
    }
    String topic = config.topics().get(eventStream);
    Optional<String> service =
        config.useEmbeddedKafka() ? RunningService.bootstrapServers(config) : Optional.empty();
    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = config.kafkaBootstrapServers();
      if (service.isPresent()) {
        bootstrap = service.get();
      } else if (config.useEmbeddedKafka()) {
        broker = LocalKafka.start(config, false);
        bootstrap = broker.bootstrapServers();
      }
      // where this import's records start: what the lake job flags among them is said at the end
      // (with jobs to wait for: the running service's or this command's own)
      Map<TopicPartition, Long> before =
          service.isPresent() || broker != null
              ? ConflictingResends.endOffsets(config, bootstrap, topic)
              : null;
      ImportSummary summary;
      // one importer for the progress bar's total and the import: the reference data and the
      // form's headings are read once
      FileImporter importer = FormImport.importer(config, eventStream, file, mapping);
      try (ProgressBar bar =
          Progress.bar(
              "importing " + file.getFileName(),
              importer.rowsIn(file, encoding),
              "rows",
              parent.out())) {
        summary =
            FormImport.publish(
                config,
                eventStream,
                importer,
                file,
                encoding,
                bootstrap,
                service.isPresent(),
                bar::stepBy,
                () -> {});
      } catch (FileImporter.ImportException e) {
        return parent.failure("cannot import: " + e.getMessage());
      }
      parent.out().println(summary.describe());
      if (service.isPresent()) {
        parent
            .out()
            .println(
                "Published to the running service ("
                    + bootstrap
                    + "); waiting until its jobs have the rows in the lake ...");
        KafkaRanges ranges = KafkaRanges.read(config.kafkaClients(bootstrap), List.of(topic));
        KafkaRanges.awaitCommitted(
            config.kafkaClients(bootstrap),
            config.consumerGroup(),
            ranges.endOffsets(topic),
            () -> {
              if (RunningService.find(config).isEmpty()) {
                throw new IllegalStateException(
                    "the service stopped before the rows were in the lake; they are in Kafka and"
                        + " the next `up` takes them");
              }
            });
        parent
            .out()
            .println(
                "In the lake "
                    + config.lakeRoot()
                    + "; the drill-down shows them at its next refresh.");
        printConflictingResends(config, topic, before, ranges.endOffsets(topic));
        return 0;
      }
      if (broker == null) {
        parent
            .out()
            .println(
                "Published to "
                    + topic
                    + " at "
                    + bootstrap
                    + "; the running jobs take it from there.");
        return 0;
      }
      parent
          .out()
          .println(
              "Running the jobs on the in-process broker until the rows are in the lake "
                  + config.lakeRoot()
                  + " ...");
      JobExecutionResult result = LakeJobRunner.runBounded(config, bootstrap);
      parent.out().printf("Jobs finished in %.1f s.%n", result.getNetRuntime() / 1000.0);
      KafkaRanges ranges =
          KafkaRanges.read(config.kafkaClients(bootstrap), config.topics().values());
      ranges.write(config.outDir().resolve(ReconcileCommand.RANGES_FILE));
      printConflictingResends(config, topic, before, ranges.endOffsets(topic));
      // on the warehouse file, which a report or query after the import then finds current
      return ReconcileCommand.print(
          ReconcileCommand.check(config, ranges, parent.err()), parent.out());
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * Names the rows of this import that corrected a landed row under its event id: not applied. The
   * rows are in the lake either way: a lake that cannot be read here is said in one line and
   * logged, and the import still succeeds.
   */
  private void printConflictingResends(
      QualityLoopConfig config,
      String topic,
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> to) {
    if (from == null) {
      parent
          .out()
          .println(
              "Could not tell this import's records in Kafka: rows sent again under old ids with"
                  + " other content are not named here; the reports list them.");
      return;
    }
    String line;
    try {
      line =
          ConflictingResends.describe(
              ConflictingResends.eventIds(config.lakeRoot(), topic, from, to));
    } catch (RuntimeException e) {
      LOG.warn("cannot look for corrections sent under old event ids", e);
      line =
          "Could not look for rows sent again under old event ids with other content ("
              + e.getMessage()
              + "); the reports list them.";
    }
    if (!line.isEmpty()) {
      parent.out().println(line);
    }
  }
}
