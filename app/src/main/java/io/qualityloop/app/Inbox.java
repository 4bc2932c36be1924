package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.ingestion.importer.FileImporter;
import io.qualityloop.ingestion.importer.FormMapping;
import io.qualityloop.ingestion.importer.ImportSummary;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The service's inbox folder ({@code service.inbox-dir}). A file of a company form dropped there is
 * imported as {@code ingest} would import it: its form is told by its folder ({@code
 * inbox/complaint-events/}, {@code inbox/service-interactions/}, {@code inbox/callback-surveys/})
 * or by the form's name in the file name (客户投诉单, 来电来访登记表, 客户满意度调查表). A file is taken once its size
 * and time stay the same for one look (so a copy still being written waits), moved to {@code
 * processing/} while its rows are published, then to {@code done/} with its rejects beside it, or
 * to {@code failed/} with {@code <name>.error.txt} saying why. Once the service's jobs have its
 * rows, the rows it sent again under the event id of a row imported before, with other content
 * (corrections not applied), are named in {@code done/<name>.not-applied.txt}; until then the
 * file's Kafka range waits in {@code processing/awaiting-jobs/}, so that a stop or a kill before
 * the jobs have its rows only delays the note to the next start. A file still in {@code
 * processing/} when the service starts was cut off by a kill and is imported again: rows already
 * published come back with the same event ids and are counted as duplicates at the door.
 */
final class Inbox implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(Inbox.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-");
  private static final List<String> WORK_FOLDERS = List.of("processing", "done", "failed");

  private final QualityLoopConfig config;
  private final String bootstrapServers;
  private final PrintStream out;
  private final Path root;
  private final Map<Path, String> lastSeen = new HashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "inbox");
            t.setDaemon(true);
            return t;
          });
  private volatile int imported;
  private volatile boolean leftoversImported;

  /**
   * Files imported whose rows the service's jobs may not have committed yet, until they have: then
   * the rows they sent under a landed event id with other content (corrections not applied) are
   * named beside the file in {@code done/}.
   */
  private final List<Awaiting> awaiting = new CopyOnWriteArrayList<>();

  /** A file in {@code done/} and where its rows are in Kafka: {@code from} to {@code to}. */
  record Awaiting(
      Path done, String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {

    /** Written to {@code file}, replacing it whole, to be read by {@link #read}. */
    void write(Path file) throws IOException {
      Properties p = new Properties();
      p.setProperty("done", done.getFileName().toString());
      p.setProperty("topic", topic);
      from.forEach((tp, offset) -> p.setProperty("from." + tp.partition(), offset.toString()));
      to.forEach((tp, offset) -> p.setProperty("to." + tp.partition(), offset.toString()));
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "a file in done/ whose rows the service's jobs had not committed yet");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What {@link #write} wrote to {@code file}, of a file in {@code doneDir}. */
    static Awaiting read(Path file, Path doneDir) throws IOException {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      String topic = p.getProperty("topic");
      String done = p.getProperty("done");
      if (topic == null || done == null) {
        throw new IOException(file + " names no topic or no file");
      }
      Map<TopicPartition, Long> from = new HashMap<>();
      Map<TopicPartition, Long> to = new HashMap<>();
      for (String key : p.stringPropertyNames()) {
        String[] side = key.split("\\.", 2);
        if (side.length == 2 && (side[0].equals("from") || side[0].equals("to"))) {
          try {
            TopicPartition tp = new TopicPartition(topic, Integer.parseInt(side[1]));
            (side[0].equals("from") ? from : to).put(tp, Long.parseLong(p.getProperty(key)));
          } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " is not a partition and an offset", e);
          }
        }
      }
      return new Awaiting(doneDir.resolve(done), topic, from, to);
    }
  }

  Inbox(QualityLoopConfig config, String bootstrapServers, PrintStream out) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.out = out;
    this.root = config.inboxDir();
  }

  Path root() {
    return root;
  }

  /**
   * Creates the folders, takes up the notes the run before still owed, imports again what a killed
   * service left in {@code processing/}, then looks every {@code service.inbox-poll}.
   */
  Inbox start() throws IOException {
    for (String folder : WORK_FOLDERS) {
      Files.createDirectories(root.resolve(folder));
    }
    for (EventStream stream : FormMapping.FORM_STREAMS) {
      Files.createDirectories(root.resolve(FormImport.streamName(stream)));
    }
    // files of the run before whose rows its jobs had not committed (read before the leftovers
    // below are imported again and wait too)
    for (Path pending : files(awaitingDir())) {
      try {
        awaiting.add(Awaiting.read(pending, root.resolve("done")));
      } catch (IOException e) {
        LOG.warn(
            "inbox: {} cannot be read; its file gets no note of corrections not applied",
            pending,
            e);
        try {
          Files.deleteIfExists(pending);
        } catch (IOException notDeleted) {
          LOG.warn("inbox: cannot delete {}", pending, notDeleted);
        }
      }
    }
    for (EventStream stream : FormMapping.FORM_STREAMS) {
      for (Path left : files(root.resolve("processing").resolve(FormImport.streamName(stream)))) {
        out.println(
            "inbox: "
                + left.getFileName()
                + " was being imported when the service stopped; importing it again");
        importFile(left, stream);
      }
    }
    leftoversImported = true;
    long poll =
        config
            .parse("service.inbox-poll", Duration::parse, "an ISO-8601 duration such as PT2S")
            .toMillis();
    poller.scheduleWithFixedDelay(this::look, poll, poll, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Whether the inbox holds a file still to import: dropped and not taken yet, or, until {@link
   * #start()} has imported them again, left in {@code processing/} by a service killed while
   * importing it. The service's event time waits for them ({@link io.qualityloop.jobs.ServiceJob}).
   */
  boolean hasWork() {
    return hasWork(root, !leftoversImported);
  }

  /**
   * As {@link #hasWork()}, for the inbox at {@code root}; {@code processing/} too if {@code left}.
   */
  static boolean hasWork(Path root, boolean left) {
    List<Path> folders = new ArrayList<>(List.of(root));
    for (EventStream stream : FormMapping.FORM_STREAMS) {
      folders.add(root.resolve(FormImport.streamName(stream)));
      if (left) {
        folders.add(root.resolve("processing").resolve(FormImport.streamName(stream)));
      }
    }
    return folders.stream().anyMatch(folder -> !files(folder).isEmpty());
  }

  /** Files imported since the start (done or failed). */
  int imported() {
    return imported;
  }

  private void look() {
    sayCorrectionsNotApplied();
    try {
      for (Path file : files(root)) {
        take(file, Optional.empty());
      }
      for (EventStream stream : FormMapping.FORM_STREAMS) {
        for (Path file : files(root.resolve(FormImport.streamName(stream)))) {
          take(file, Optional.of(stream));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("inbox: cannot look at {}", root, e);
      out.println("inbox: cannot look at " + root + ": " + e.getMessage());
    }
  }

  /** Imports {@code file} once it has stayed the same since the last look. */
  private void take(Path file, Optional<EventStream> named) {
    String seen = sizeAndTime(file);
    if (seen == null || !seen.equals(lastSeen.put(file, seen))) {
      return;
    }
    lastSeen.remove(file);
    Optional<EventStream> stream = named;
    if (stream.isEmpty()) {
      // not in a form's folder: its name or its headings tell
      String unreadable = null;
      try {
        stream = FormImport.toldBy(file);
      } catch (IOException | RuntimeException e) {
        unreadable = asDropped(String.valueOf(e.getMessage()), file);
      }
      if (stream.isEmpty()) {
        fail(
            file,
            unreadable != null
                ? "cannot be read: " + unreadable
                : "cannot tell which form this is: its name names none and its headings are not"
                    + " those of exactly one form; name the file after the form (客户投诉单,"
                    + " 来电来访登记表, 客户满意度调查表) or put it into "
                    + root.relativize(
                        root.resolve(FormImport.streamName(EventStream.COMPLAINT_EVENTS)))
                    + "/ (or service-interactions/, callback-surveys/)");
        imported++;
        return;
      }
    }
    Path processing =
        root.resolve("processing")
            .resolve(FormImport.streamName(stream.get()))
            .resolve(file.getFileName());
    try {
      Files.createDirectories(processing.getParent());
      Files.move(file, processing, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      out.println(
          "inbox: cannot move " + file + " to " + processing.getParent() + ": " + e.getMessage());
      return;
    }
    importFile(processing, stream.get());
  }

  private void importFile(Path file, EventStream stream) {
    String name = file.getFileName().toString();
    try {
      Optional<String> missing = FormImport.prepareReference(config, null);
      if (missing.isPresent()) {
        fail(file, missing.get());
        return;
      }
      String topic = config.topics().get(stream);
      // where its rows start in Kafka, read once its headings are fine and a row is to be sent
      AtomicReference<Map<TopicPartition, Long>> from = new AtomicReference<>();
      ImportSummary summary =
          FormImport.publish(
              config,
              stream,
              FormImport.importer(config, stream, file, null),
              file,
              "auto",
              bootstrapServers,
              true,
              n -> {},
              () -> from.set(ConflictingResends.endOffsets(config, bootstrapServers, topic)));
      Path done = moveTo(file, "done");
      Path rejects = FileImporter.rejectsFileOf(file);
      if (Files.exists(rejects)) {
        Files.move(
            rejects,
            done.resolveSibling(done.getFileName() + ".rejects.csv"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      out.println(
          "inbox: "
              + name
              + ": "
              + summary.read()
              + " rows read, "
              + summary.published()
              + " published, "
              + summary.rejected()
              + " rejected; moved to "
              + root.relativize(done));
      if (from.get() != null) {
        Map<TopicPartition, Long> to =
            ConflictingResends.endOffsets(config, bootstrapServers, topic);
        if (to != null) {
          Awaiting a = new Awaiting(done, topic, from.get(), to);
          remember(a);
          awaiting.add(a);
        }
      }
    } catch (FileImporter.ImportException e) {
      // the file's fault (no known form, a missing column), said on the console by fail(): the log
      // file keeps it, the console does not show it twice
      LOG.warn("inbox: cannot import {}: {}", file, e.getMessage());
      fail(file, asDropped(e.getMessage(), file));
    } catch (RuntimeException e) {
      LOG.error("inbox: cannot import {}", file, e);
      fail(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (IOException e) {
      fail(file, e.toString());
    } finally {
      imported++;
    }
  }

  /**
   * For each file imported whose rows the service's jobs have now committed: the rows it sent again
   * under the event id of a landed row with other content ({@link ConflictingResends}), in {@code
   * <file>.not-applied.txt} beside it in {@code done/} and on the console; nothing when there are
   * none. What cannot be read is logged and left to the reports, which list these rows too.
   */
  private void sayCorrectionsNotApplied() {
    if (awaiting.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(config.kafkaClients(bootstrapServers).properties())) {
      for (Awaiting a : awaiting) {
        try {
          if (!KafkaRanges.isCommitted(admin, config.consumerGroup(), a.to())) {
            continue;
          }
          forget(a);
          String line =
              ConflictingResends.describe(
                  ConflictingResends.eventIds(config.lakeRoot(), a.topic(), a.from(), a.to()));
          if (!line.isEmpty()) {
            Path note = a.done().resolveSibling(a.done().getFileName() + ".not-applied.txt");
            Files.writeString(note, line + System.lineSeparator(), StandardCharsets.UTF_8);
            out.println("inbox: " + a.done().getFileName() + ": " + line);
          }
        } catch (ExecutionException | IOException | RuntimeException e) {
          // once: the reports list these rows too
          forget(a);
          LOG.warn("inbox: cannot look for corrections not applied in {}", a.done(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("inbox: cannot look for corrections not applied", e);
    }
  }

  /** Where the files imported but not yet committed by the service's jobs wait, one file each. */
  private Path awaitingDir() {
    return root.resolve("processing").resolve("awaiting-jobs");
  }

  private Path pendingFile(Awaiting a) {
    return awaitingDir().resolve(a.done().getFileName() + ".properties");
  }

  /**
   * {@code a} waits in the next run too, if this one stops first; if that cannot be written, in
   * this run only (logged: the reports list the rows all the same).
   */
  private void remember(Awaiting a) {
    try {
      Files.createDirectories(awaitingDir());
      a.write(pendingFile(a));
    } catch (IOException e) {
      LOG.warn("inbox: cannot write {}", pendingFile(a), e);
    }
  }

  /** {@code a} no longer waits, in this run nor in the next. */
  private void forget(Awaiting a) {
    awaiting.remove(a);
    try {
      Files.deleteIfExists(pendingFile(a));
    } catch (IOException e) {
      LOG.warn("inbox: cannot delete {}", pendingFile(a), e);
    }
  }

  /** The files imported whose rows the service's jobs had not committed at the last look. */
  List<Awaiting> awaiting() {
    return List.copyOf(awaiting);
  }

  /**
   * {@code message} naming the file by the name it was dropped with, not by its path in {@code
   * processing/}, where it no longer is.
   */
  private static String asDropped(String message, Path processing) {
    return message.replace(processing.toString(), processing.getFileName().toString());
  }

  private void fail(Path file, String reason) {
    try {
      Path failed = moveTo(file, "failed");
      Files.writeString(
          failed.resolveSibling(failed.getFileName() + ".error.txt"),
          reason + System.lineSeparator(),
          StandardCharsets.UTF_8);
      out.println(
          "inbox: "
              + file.getFileName()
              + " failed: "
              + reason
              + "; moved to "
              + root.relativize(failed));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " to " + root.resolve("failed"), e);
    }
  }

  /**
   * Moves {@code file} into {@code folder}, its name prefixed with the time, so that files of the
   * same name never collide: a second file of that name moved in the same second gets the prefix
   * and a number ({@code 20261204-171223-2-<name>}), and never replaces the first, nor its rejects
   * or error beside it.
   */
  private Path moveTo(Path file, String folder) throws IOException {
    Path dir = root.resolve(folder);
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now(config.zone()).format(STAMP);
    for (int n = 1; ; n++) {
      Path target = dir.resolve(stamp + (n == 1 ? "" : n + "-") + file.getFileName());
      try {
        return Files.move(file, target); // fails, rather than replaces, when the name is taken
      } catch (FileAlreadyExistsException e) {
        // the next number
      }
    }
  }

  /**
   * The regular files directly in {@code dir} that are not being written by a program that marks
   * them so.
   */
  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".")
                    && !n.startsWith("~$")
                    && !n.endsWith(".tmp")
                    && !n.endsWith(".part")
                    && !n.endsWith(".rejects.csv");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String sizeAndTime(Path file) {
    try {
      return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    poller.shutdown();
    poller.awaitTermination(30, TimeUnit.SECONDS);
  }
}
