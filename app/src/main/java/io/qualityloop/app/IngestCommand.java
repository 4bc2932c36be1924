package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.ingestion.importer.FileImporter;
import io.qualityloop.ingestion.importer.FormMapping;
import io.qualityloop.ingestion.importer.ImportSummary;
import io.qualityloop.ingestion.importer.TableReader;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.PseudonymKeys;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.ingestion.kafka.EventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop ingest complaint-events 客户投诉单.csv}: imports a file of a company form. Rows
 * are validated and pseudonymised at the door and published to the stream's topic; rejected rows
 * go to {@code <file>.rejects.csv} with their line and reason. With a Kafka cluster configured the
 * running jobs take it from there; on the embedded default the command runs the jobs itself until
 * the rows are in the lake, and reconciles.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Import a CSV (UTF-8 or GBK) or .xlsx file of a company form.")
final class IngestCommand implements Callable<Integer> {
  enum StreamName {
    service_interactions(EventStream.SERVICE_INTERACTIONS), complaint_events(EventStream.COMPLAINT_EVENTS),
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

  @Parameters(index = "0", description = "service-interactions (来电来访登记表), complaint-events (客户投诉单) or callback-surveys (客户满意度调查表).")
  private String stream;

  @Parameters(index = "1", description = "The file: .csv or .xlsx.")
  private Path file;

  @Option(names = "--encoding", defaultValue = "auto", description = "CSV encoding: auto (UTF-8, else GB18030), UTF-8, GBK or GB18030. Default: ${DEFAULT-VALUE}.")
  private String encoding;

  @Option(names = "--mapping", description = "Mapping of the form's headings to the contract (default: the shipped one for the stream).")
  private Path mapping;

  @Option(names = "--reference", description = "A folder with the company's projects.csv and staff.csv, copied into the lake's reference data first"
      + " (needed once; format: events/reference/README.md).")
  private Path referenceDir;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    StreamName name;
    try {
      name = StreamName.parse(stream);
    } catch (IllegalArgumentException e) {
      return parent.usageError("unknown stream '" + stream + "': use service-interactions, complaint-events or callback-surveys.");
    }
    if (!Files.isRegularFile(file)) {
      return parent.usageError("no such file: " + file);
    }
    Path reference = config.lakeRoot().resolve("reference");
    ReferenceData.copyStaticFiles(reference);
    if (referenceDir != null) {
      // Read first, so a bad line is reported with its file and line before anything is replaced.
      ReferenceData.writeProjects(reference.resolve(ReferenceData.PROJECTS_FILE), ReferenceData.readProjects(referenceDir.resolve(ReferenceData.PROJECTS_FILE)));
      ReferenceData.writeStaff(reference.resolve(ReferenceData.STAFF_FILE), ReferenceData.readStaff(referenceDir.resolve(ReferenceData.STAFF_FILE)));
    }
    for (String required : List.of(ReferenceData.PROJECTS_FILE, ReferenceData.STAFF_FILE)) {
      if (!Files.exists(reference.resolve(required))) {
        return parent.usageError("the lake has no " + required + " (the company's projects and staff, to flag unknown ids and build the warehouse):"
            + " pass --reference FOLDER with projects.csv and staff.csv, e.g. --reference examples/imports/reference.");
      }
    }
    var policy = LakeJobRunner.ingestPolicy(config, reference);
    FileImporter importer = new FileImporter(name.stream, mapping != null ? FormMapping.read(mapping) : FormMapping.shipped(name.stream),
        new EventValidator(name.stream, policy.rules()), PseudonymKeys.pseudonymizer(config), config.zone(), Clock.systemUTC());
    String topic = config.topics().get(name.stream);

    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = config.kafkaBootstrapServers();
      if (config.useEmbeddedKafka()) {
        broker = LocalKafka.start(config, false);
        bootstrap = broker.bootstrapServers();
      }
      ImportSummary summary;
      try (EventPublisher publisher = new EventPublisher(bootstrap, Map.of());
          ProgressBar bar = Progress.bar("importing " + file.getFileName(), rowsIn(file), "rows", parent.out())) {
        summary = importer.run(file, encoding, e -> publisher.publish(topic, name.stream, e), bar::stepBy);
        publisher.flush();
      } catch (FileImporter.ImportException e) {
        return parent.failure("cannot import: " + e.getMessage());
      }
      parent.out().println(summary.describe());
      if (broker == null) {
        parent.out().println("Published to " + topic + " at " + bootstrap + "; the running jobs take it from there.");
        return 0;
      }
      parent.out().println("Running the jobs on the in-process broker until the rows are in the lake " + config.lakeRoot() + " ...");
      JobExecutionResult result = LakeJobRunner.runBounded(config, bootstrap);
      parent.out().printf("Jobs finished in %.1f s.%n", result.getNetRuntime() / 1000.0);
      KafkaRanges ranges = KafkaRanges.read(bootstrap, config.topics().values());
      ranges.write(config.outDir().resolve(ReconcileCommand.RANGES_FILE));
      try (Warehouse warehouse = Warehouse.build(config.lakeRoot(), null, ModelCatalog.shipped())) {
        return ReconcileCommand.print(Reconciliation.check(config.topics(), ranges, warehouse), parent.out());
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** The number of data rows, for the progress bar (-1 when the file cannot be read: the import then says why). */
  private long rowsIn(Path file) {
    try {
      long[] rows = {0};
      TableReader.open(file, encoding).forEachRow(r -> rows[0]++);
      return rows[0];
    } catch (Exception e) {
      return -1;
    }
  }
}
