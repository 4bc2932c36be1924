package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.ingestion.importer.FileImporter;
import io.qualityloop.ingestion.importer.FormMapping;
import io.qualityloop.ingestion.importer.ImportSummary;
import io.qualityloop.ingestion.kafka.EventPublisher;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.PseudonymKeys;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One import of a company form's file, as {@code ingest} and the service's inbox do it: rows
 * validated against the company's reference data and pseudonymised at the door, published to the
 * stream's topic, rejects beside the file with their line and reason.
 */
final class FormImport {
  private static final Logger LOG = LogManager.getLogger(FormImport.class);

  /** How long an import to the running service waits for it to hold event time. */
  static final Duration HOLD_WAIT = Duration.ofSeconds(30);

  private FormImport() {}

  /** Whether {@code text} is a stream's name as the commands take it (complaint-events). */
  static boolean isStreamName(String text) {
    try {
      IngestCommand.StreamName.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The stream of a form, by its name as the commands take it (complaint-events) or by the form's
   * Chinese name found in a file name (客户投诉单.csv, 2026-W36-客户投诉单.xlsx; 投诉台账.xlsx, the complaint
   * ledger, is complaint-events too and takes the ledger's mapping).
   */
  static Optional<EventStream> streamOf(String name) {
    try {
      return Optional.of(IngestCommand.StreamName.parse(name).stream);
    } catch (IllegalArgumentException e) {
      // not a stream's name: perhaps a form's
    }
    if (name.contains("客户投诉单") || name.contains("投诉台账")) {
      return Optional.of(EventStream.COMPLAINT_EVENTS);
    }
    if (name.contains("来电来访登记表")) {
      return Optional.of(EventStream.SERVICE_INTERACTIONS);
    }
    if (name.contains("客户满意度调查表")) {
      return Optional.of(EventStream.CALLBACK_SURVEYS);
    }
    return Optional.empty();
  }

  /**
   * The stream {@code file} feeds, told by a form's name in the file's name ({@link #streamOf}),
   * else by its headings (an export named by date); empty when neither says.
   *
   * @throws IOException when the file cannot be read (an old .xls, no workbook)
   */
  static Optional<EventStream> toldBy(Path file) throws IOException {
    Optional<EventStream> named = streamOf(file.getFileName().toString());
    if (named.isPresent()) {
      return named;
    }
    return FormMapping.recognise(file, "auto").map(FormMapping.Form::stream);
  }

  /**
   * {@code stream}'s name as the commands take it and the inbox names its folder: complaint-events.
   */
  static String streamName(EventStream stream) {
    return stream.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Installs the company's projects and staff from {@code referenceDir} (when given) beside the
   * shipped reference files; empty when both are there, else what is missing, as a sentence.
   */
  static Optional<String> prepareReference(QualityLoopConfig config, Path referenceDir) {
    Path reference = config.lakeRoot().resolve("reference");
    ReferenceData.copyStaticFiles(reference);
    if (referenceDir != null) {
      // Read first, so a bad line is reported with its file and line before anything is replaced.
      ReferenceData.writeProjects(
          reference.resolve(ReferenceData.PROJECTS_FILE),
          ReferenceData.readProjects(referenceDir.resolve(ReferenceData.PROJECTS_FILE)));
      ReferenceData.writeStaff(
          reference.resolve(ReferenceData.STAFF_FILE),
          ReferenceData.readStaff(referenceDir.resolve(ReferenceData.STAFF_FILE)));
    }
    for (String required : List.of(ReferenceData.PROJECTS_FILE, ReferenceData.STAFF_FILE)) {
      if (!Files.exists(reference.resolve(required))) {
        return Optional.of(
            "the lake has no "
                + required
                + " (the company's projects and staff, to flag unknown ids and build the"
                + " warehouse): pass --reference FOLDER with projects.csv and staff.csv, e.g."
                + " --reference examples/imports/reference.");
      }
    }
    return Optional.empty();
  }

  /**
   * Reads {@code file} with {@code importer} ({@link #importer}) and publishes its valid rows to
   * the stream's topic at {@code bootstrapServers}, holding a lease in {@link ImportsPublishing}
   * until every row is acknowledged. To the running service ({@code toService}), it publishes once
   * the service holds event time for it (at most {@link #HOLD_WAIT} later). {@code beforeFirstRow}
   * runs once, when the file's headings are fine and its first valid row is about to be published
   * (not at all for a file with none).
   */
  static ImportSummary publish(
      QualityLoopConfig config,
      EventStream stream,
      FileImporter importer,
      Path file,
      String encoding,
      String bootstrapServers,
      boolean toService,
      LongConsumer progress,
      Runnable beforeFirstRow)
      throws FileImporter.ImportException {
    String topic = config.topics().get(stream);
    try (ImportsPublishing.Lease lease =
            ImportsPublishing.begin(ImportsPublishing.folder(config), file.toString());
        EventPublisher publisher =
            new EventPublisher(config.kafkaClients(bootstrapServers), Map.of())) {
      AtomicBoolean first = new AtomicBoolean(true);
      ImportSummary summary =
          importer.run(
              file,
              encoding,
              e -> {
                if (first.getAndSet(false)) { // the file's headings are fine
                  beforeFirstRow.run();
                  if (toService) {
                    awaitHeld(lease, file);
                  }
                }
                publisher.publish(topic, stream, e);
              },
              progress);
      publisher.flush();
      return summary;
    }
  }

  /**
   * The importer of {@code file} into {@code stream}: the mapping given, else the shipped one for
   * the file; validated against the lake's reference data (read now).
   */
  static FileImporter importer(
      QualityLoopConfig config, EventStream stream, Path file, Path mapping) {
    var policy = LakeJobRunner.ingestPolicy(config, config.lakeRoot().resolve("reference"));
    return new FileImporter(
        stream,
        mapping != null ? FormMapping.read(mapping) : FormMapping.shippedFor(stream, file),
        new EventValidator(stream, policy.rules()),
        PseudonymKeys.pseudonymizer(config),
        config.zone(),
        Clock.systemUTC());
  }

  private static void awaitHeld(ImportsPublishing.Lease lease, Path file) {
    try {
      if (!lease.awaitHeld(HOLD_WAIT)) {
        LOG.warn(
            "the running service did not hold event time for {} within {}; publishing anyway",
            file,
            HOLD_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before publishing " + file, e);
    }
  }
}
