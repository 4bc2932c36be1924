package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.jobs.QualityLoopConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox refusing a file: the reason names the file as it was dropped, once on the console.
 * (Files that import are covered with a real broker by {@code SplitImportITCase}.)
 */
class InboxTest {
  @TempDir Path work;

  @Test
  void aFileLackingTheFormsColumnsFailsWithAReasonNamingItAsDroppedNotItsProcessingPath()
      throws Exception {
    // nothing is published: the file is refused when its headings are read
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Path root = dropped(console, Map.of("来电来访登记表-week49.csv", NO_FORM));

    List<Path> failed;
    try (Stream<Path> files = Files.list(root.resolve("failed"))) {
      failed = files.sorted().toList();
    }
    assertThat(failed).hasSize(2);
    String reason = Files.readString(failed.get(1), StandardCharsets.UTF_8);
    assertThat(failed.get(1).getFileName().toString()).endsWith("来电来访登记表-week49.csv.error.txt");
    assertThat(reason)
        .startsWith("来电来访登记表-week49.csv is not a 来电来访登记表: it has no column for")
        .doesNotContain("processing");
    String said = console.toString(StandardCharsets.UTF_8);
    assertThat(said.lines().filter(l -> l.contains("来电来访登记表-week49.csv")).toList())
        .singleElement()
        .asString()
        .startsWith("inbox: 来电来访登记表-week49.csv failed: 来电来访登记表-week49.csv is not a");
  }

  @Test
  void aFileNamedByNoFormWhoseHeadingsAreNoFormsFailsSayingSoAndAnOldXlsSaysWhy() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Path root =
        dropped(
            console,
            Map.of("export-week49.csv", NO_FORM, "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF}));

    Path failed = root.resolve("failed");
    assertThat(reasonFor(failed, "export-week49.csv"))
        .startsWith(
            "cannot tell which form this is: its name names none and its headings are not those of"
                + " exactly one form; name the file")
        .contains("complaint-events/");
    assertThat(reasonFor(failed, "old.xls"))
        .startsWith("cannot be read: old.xls: the old .xls format is not read;")
        .doesNotContain(work.toString());
  }

  @Test
  void aFileWhoseNameIsTakenInFailedThisSecondKeepsBothAndTheirReasons() throws Exception {
    // Two files of one name ending in the same second (dropped into the inbox and into a form's
    // folder, say) both stamped with that second: the second must not replace the first. The names
    // this file could take in the next 30 seconds are taken first, so the clash is certain.
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Inbox inbox = startedInbox(console);
    Path failed = Files.createDirectories(inbox.root().resolve("failed"));
    ZoneId zone =
        QualityLoopConfig.load(work.resolve("qualityloop.properties"), Map.of(), work).zone();
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-");
    LocalDateTime now = LocalDateTime.now(zone);
    for (int s = 0; s < 30; s++) {
      Path taken = failed.resolve(now.plusSeconds(s).format(stamp) + "week49.csv");
      Files.writeString(taken, "the first file", StandardCharsets.UTF_8);
      Files.writeString(
          taken.resolveSibling(taken.getFileName() + ".error.txt"),
          "the first reason",
          StandardCharsets.UTF_8);
    }
    try {
      Files.write(inbox.root().resolve("week49.csv"), NO_FORM);
      for (int i = 0; i < 150 && inbox.imported() < 1; i++) {
        Thread.sleep(100);
      }
    } finally {
      inbox.close();
    }

    List<Path> numbered;
    try (Stream<Path> files = Files.list(failed)) {
      numbered = files.filter(f -> f.getFileName().toString().contains("-2-week49.csv")).toList();
    }
    assertThat(numbered.stream().map(f -> f.getFileName().toString()))
        .as("the file and its reason, numbered")
        .hasSize(2)
        .anyMatch(n -> n.endsWith("-2-week49.csv"))
        .anyMatch(n -> n.endsWith("-2-week49.csv.error.txt"));
    Path kept = numbered.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().get();
    assertThat(Files.readAllBytes(kept)).isEqualTo(NO_FORM);
    Path first = failed.resolve(kept.getFileName().toString().replace("-2-week49", "-week49"));
    assertThat(Files.readString(first, StandardCharsets.UTF_8)).isEqualTo("the first file");
    assertThat(
            Files.readString(
                first.resolveSibling(first.getFileName() + ".error.txt"), StandardCharsets.UTF_8))
        .isEqualTo("the first reason");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("moved to failed/" + kept.getFileName());
  }

  /** A CSV of no form's headings. */
  private static final byte[] NO_FORM =
      "编号,日期,备注\nR1,2026-12-01,无\n".getBytes(StandardCharsets.UTF_8);

  /**
   * Drops {@code files} into a started inbox, waits up to 15 s for it to have imported (or refused)
   * them all, and stops it; returns its folder.
   */
  private Path dropped(ByteArrayOutputStream console, Map<String, byte[]> files) throws Exception {
    Inbox inbox = startedInbox(console);
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Files.write(inbox.root().resolve(file.getKey()), file.getValue());
      }
      for (int i = 0; i < 150 && inbox.imported() < files.size(); i++) {
        Thread.sleep(100);
      }
    } finally {
      inbox.close();
    }
    return inbox.root();
  }

  private static String reasonFor(Path failed, String dropped) throws Exception {
    try (Stream<Path> files = Files.list(failed)) {
      Path error =
          files
              .filter(f -> f.getFileName().toString().endsWith("-" + dropped + ".error.txt"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(dropped + " did not fail"));
      return Files.readString(error, StandardCharsets.UTF_8);
    }
  }

  /** An inbox started on a work folder with the sample reference data, publishing nowhere. */
  private Inbox startedInbox(ByteArrayOutputStream console) throws Exception {
    return startedInbox(console, "PT0.2S");
  }

  /** As {@link #startedInbox(ByteArrayOutputStream)}, looking every {@code poll}. */
  private Inbox startedInbox(ByteArrayOutputStream console, String poll) throws Exception {
    Path reference = work.resolve("lake/reference");
    Files.createDirectories(reference);
    Files.copy(
        Path.of("..", "examples", "imports", "reference", "projects.csv"),
        reference.resolve("projects.csv"));
    Files.copy(
        Path.of("..", "examples", "imports", "reference", "staff.csv"),
        reference.resolve("staff.csv"));
    Path file = work.resolve("qualityloop.properties");
    Files.writeString(
        file,
        "service.inbox-poll=" + poll + "\nprivacy.pseudonym-key=inbox-test-key-0123456789abcdef\n",
        StandardCharsets.UTF_8);
    QualityLoopConfig config = QualityLoopConfig.load(file, Map.of(), work);
    return new Inbox(config, "127.0.0.1:9", new PrintStream(console, true, StandardCharsets.UTF_8))
        .start();
  }

  @Test
  void aFileWhoseRowsTheJobsHadNotCommittedAtAStopStillAwaitsThemAfterTheNextStart()
      throws Exception {
    Path root = work.resolve("inbox");
    String topic = "ql.complaint-events.v1";
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    Inbox.Awaiting before =
        new Inbox.Awaiting(
            root.resolve("done/20261204-171223-客户投诉单-更正.csv"),
            topic,
            Map.of(p0, 19L, p1, 5L),
            Map.of(p0, 20L, p1, 5L));
    Path pending =
        Files.createDirectories(root.resolve("processing/awaiting-jobs"))
            .resolve("20261204-171223-客户投诉单-更正.csv.properties");
    before.write(pending);
    Files.writeString(pending.resolveSibling("garbled.properties"), "from.x=1\n");

    // no look within the test: the note waits for Kafka, which is nowhere here
    Inbox inbox = startedInbox(new ByteArrayOutputStream(), "PT1H");
    try {
      assertThat(inbox.awaiting()).containsExactly(before);
      assertThat(pending).as("kept until the note is written").exists();
      assertThat(pending.resolveSibling("garbled.properties"))
          .as("unreadable: dropped, logged")
          .doesNotExist();
      assertThat(Inbox.hasWork(root, true)).as("waiting is not work to import").isFalse();
    } finally {
      inbox.close();
    }
  }

  @Test
  void hasWorkWhileAFileWaitsToBeTakenOrIsLeftInProcessingNotForDoneOrFailedOnes()
      throws Exception {
    Path inbox = work.resolve("inbox");
    assertThat(Inbox.hasWork(inbox, true)).as("no inbox yet").isFalse();
    Files.createDirectories(inbox.resolve("done"));
    Files.createDirectories(inbox.resolve("failed"));
    Files.writeString(inbox.resolve("done/20261203-101010-客户投诉单.csv"), "x");
    Files.writeString(inbox.resolve("failed/20261203-101010-x.csv"), "x");
    Files.writeString(inbox.resolve("客户投诉单.csv.part"), "being copied");
    assertThat(Inbox.hasWork(inbox, true))
        .as("only done, failed and a file being copied")
        .isFalse();

    Path dropped = Files.writeString(inbox.resolve("客户投诉单-2.csv"), "x");
    assertThat(Inbox.hasWork(inbox, true)).as("dropped, not taken yet").isTrue();
    Files.delete(dropped);

    Path inStreamFolder =
        Files.writeString(
            Files.createDirectories(inbox.resolve("complaint-events")).resolve("week49.csv"), "x");
    assertThat(Inbox.hasWork(inbox, true)).as("dropped into a form's folder").isTrue();
    Files.delete(inStreamFolder);

    Path processing = Files.createDirectories(inbox.resolve("processing/complaint-events"));
    Files.writeString(processing.resolve("客户投诉单-2.csv.rejects.csv"), "x");
    assertThat(Inbox.hasWork(inbox, true)).as("only a rejects file").isFalse();
    Files.writeString(processing.resolve("客户投诉单-2.csv"), "x");
    assertThat(Inbox.hasWork(inbox, true)).as("left in processing by a kill").isTrue();
    assertThat(Inbox.hasWork(inbox, false))
        .as("once the leftovers were imported again, processing/ holds only what is being imported")
        .isFalse();
  }
}
