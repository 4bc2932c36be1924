package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class DoorWatermarksTest {
  /** What the generator told Flink: watermark values, "idle" and "active". */
  private static final class Recorded implements WatermarkOutput {
    final List<String> said = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      said.add(String.valueOf(watermark.getTimestamp()));
    }

    @Override
    public void markIdle() {
      said.add("idle");
    }

    @Override
    public void markActive() {
      said.add("active");
    }
  }

  @Test
  void theWatermarkTrailsTheNewestEventByTheAllowedDisorderHoweverLongTheSubtaskWaits()
      throws Exception {
    Recorded out = new Recorded();
    DoorWatermarks<String> g =
        new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofMillis(50), null);
    g.onEvent("a", 10_000, out);
    g.onEvent("b", 12_000, out);
    g.onEvent("c", 11_000, out); // older than the newest: does not move it back
    g.onPeriodicEmit(out);
    Thread.sleep(
        80); // a stall is no reason to judge the newest event's time: no catch-up without the
    // signal
    g.onPeriodicEmit(out);
    assertThat(out.said).containsExactly("10999", "10999", "idle");
    g.onEvent("d", 13_000, out); // a record makes it active again
    g.onPeriodicEmit(out);
    assertThat(out.said).endsWith("active", "11999");
  }

  @Test
  void onceTheRunHasReadEverythingItCatchesUpWithTheNewestEventAndStepsAside() {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> g =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      g.onEvent("a", 10_000, out);
      g.onPeriodicEmit(out);
      releaseAfterwards(signal);
      g.onPeriodicEmit(out);
      assertThat(out.said).containsExactly("8999", "10000", "idle");
      assertThat(CatchUpSignal.local().released()).as("each run its own signal").isFalse();
    }
  }

  @Test
  void aSubtaskThatReadNothingStepsAsideWhenReleased() {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> g =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      g.onPeriodicEmit(out);
      signal.release();
      g.onPeriodicEmit(out);
      assertThat(out.said).containsExactly("idle");
    }
  }

  @Test
  void theRunnerLearnsWhenEveryGeneratorHasEmittedTheCaughtUpWatermark() throws Exception {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> a =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      DoorWatermarks<String> b =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      a.onEvent("x", 10_000, out);
      a.onPeriodicEmit(out);
      b.onPeriodicEmit(out);
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50)))
          .as("not released yet: nobody has caught up")
          .isFalse();
      releaseAfterwards(signal);
      a.onPeriodicEmit(out);
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).as("b has not emitted").isFalse();
      a.onPeriodicEmit(out); // a second emission of the same generator counts once
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isFalse();
      b.onPeriodicEmit(out);
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isTrue();
      assertThat(out.said).containsExactly("8999", "10000", "idle", "10000", "idle");
    }
  }

  /**
   * The service's race: it found everything read, released, and a file was published before the
   * next check. A record read after the check may come before older steps still unread on another
   * partition, so it must not carry the watermark to its own time.
   */
  @Test
  void aRecordReadAfterTheCheckWaitsForStragglersUntilALaterReleaseCoversIt() throws Exception {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> g =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      g.onEvent("part 1", 10_000, out);
      releaseAfterwards(signal);
      g.onPeriodicEmit(out);
      assertThat(out.said).containsExactly("10000", "idle");

      // Published after that check, read while the release still stands.
      g.onEvent("part 2", 50_000, out);
      g.onPeriodicEmit(out);
      assertThat(out.said).containsExactly("10000", "idle", "active", "48999");

      // Read after a check began but before the generator's next emission: not covered either.
      long checkedAt = System.nanoTime();
      g.onEvent("part 3", 60_000, out);
      signal.release(checkedAt);
      g.onPeriodicEmit(out);
      assertThat(out.said).endsWith("58999");
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isFalse();

      // The next check finds it read: caught up.
      releaseAfterwards(signal);
      g.onPeriodicEmit(out);
      assertThat(out.said).endsWith("58999", "60000", "idle");
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isTrue();
    }
  }

  @Test
  void aHoldWithdrawsTheAcknowledgements() throws Exception {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> g =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      signal.release();
      g.onPeriodicEmit(out);
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isTrue();
      signal.hold();
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isFalse();
      signal.release();
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50)))
          .as("a new release needs a new acknowledgement")
          .isFalse();
      g.onPeriodicEmit(out);
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isTrue();
    }
  }

  @Test
  void aSignalNoGeneratorWatchesIsNeverCaughtUp() throws Exception {
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      signal.release();
      assertThat(signal.awaitCaughtUp(Duration.ofMillis(50))).isFalse();
    }
  }

  /** A door subtask's output into channel {@code channel} of {@code valve}. */
  private static WatermarkOutput into(DownstreamValve valve, int channel) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        run(() -> valve.watermark(channel, watermark.getTimestamp()));
      }

      @Override
      public void markIdle() {
        run(() -> valve.idle(channel));
      }

      @Override
      public void markActive() {
        run(() -> valve.active(channel));
      }
    };
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void run(Step step) {
    try {
      step.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void whileAnImportHoldsEventTimeStandsStillTillItsRowsAreReadOnEveryPartition() throws Exception {
    DownstreamValve lifecycle = new DownstreamValve(2);
    WatermarkOutput toA = into(lifecycle, 0);
    WatermarkOutput toB = into(lifecycle, 1);
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> a =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      DoorWatermarks<String> b =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal);
      // the first import, read on both partitions, then caught up: both step aside, and Flink
      // passes the greater of their newest events on
      a.onEvent("A's step", 10_000, toA);
      b.onEvent("B's step", 20_000, toB);
      releaseAfterwards(signal);
      a.onPeriodicEmit(toA);
      b.onPeriodicEmit(toB);
      assertThat(lifecycle.eventTime()).isEqualTo(20_000);

      // the second import: held before it publishes
      signal.holdForImport();
      assertThat(signal.importHoldSeen()).as("no subtask has seen it yet").isFalse();
      a.onPeriodicEmit(toA);
      assertThat(signal.importHoldSeen()).as("one of two has seen it").isFalse();
      b.onPeriodicEmit(toB);
      assertThat(signal.importHoldSeen()).isTrue();
      // B reads its newest step first; A's older step of the same file is not read yet
      b.onEvent("B's newest", 40_000, toB);
      b.onPeriodicEmit(toB);
      a.onPeriodicEmit(toA);
      assertThat(lifecycle.eventTime())
          .as("B's newest step must not judge A's clocks before A's step at 30,000 is read")
          .isEqualTo(20_000);
      a.onEvent("A's older", 30_000, toA);
      // the import has published, its offsets are not committed yet: the service keeps the hold
      a.onPeriodicEmit(toA);
      b.onPeriodicEmit(toB);
      assertThat(lifecycle.eventTime()).isEqualTo(20_000);
      releaseAfterwards(signal); // everything read
      a.onPeriodicEmit(toA);
      b.onPeriodicEmit(toB);
      assertThat(lifecycle.eventTime()).isEqualTo(40_000);
      assertThat(signal.importHold()).isZero();

      // a third import whose rows are read while newer records keep coming: the hold ends without
      // a release, and event time follows the newest step less the allowed disorder again
      signal.holdForImport();
      a.onPeriodicEmit(toA);
      b.onPeriodicEmit(toB);
      b.onEvent("B's next", 50_000, toB);
      b.onPeriodicEmit(toB);
      assertThat(lifecycle.eventTime()).isEqualTo(40_000);
      signal.endImportHold();
      signal.hold();
      a.onPeriodicEmit(toA);
      b.onPeriodicEmit(toB);
      assertThat(lifecycle.eventTime()).isEqualTo(48_999);
    }
  }

  @Test
  void anImportHoldKeepsAQuietSubtaskActiveAndItsIdleTimeCountsFromTheHoldsEnd() throws Exception {
    Recorded out = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.local()) {
      DoorWatermarks<String> g =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofMillis(500), signal);
      g.onEvent("a", 10_000, out);
      signal.release();
      g.onPeriodicEmit(out);
      assertThat(out.said).containsExactly("10000", "idle");

      signal.holdForImport();
      g.onPeriodicEmit(out);
      assertThat(out.said).as("active again, no watermark").endsWith("idle", "active");
      Thread.sleep(600); // longer than the idle time: still active while the import holds
      g.onPeriodicEmit(out);
      assertThat(out.said).endsWith("idle", "active");

      signal.hold(); // a plain hold does not end an import hold
      g.onPeriodicEmit(out);
      assertThat(out.said).endsWith("idle", "active");
      signal.endImportHold(); // the import's rows are read, newer ones are coming
      g.onPeriodicEmit(out);
      assertThat(out.said).as("no idle at once").endsWith("active", "8999");
      Thread.sleep(600);
      g.onPeriodicEmit(out);
      assertThat(out.said).endsWith("8999", "8999", "idle");
    }
  }

  @Test
  void aResumedJobCatchesUpWithTheNewestEventTheRunBeforeHadReadAlsoOnASubtaskThatReadNothing() {
    Recorded idleSince = new Recorded();
    Recorded readOlder = new Recorded();
    Recorded readNewer = new Recorded();
    Recorded otherStream = new Recorded();
    try (CatchUpSignal signal = CatchUpSignal.resuming(Map.of("complaint_events", 50_000L))) {
      DoorWatermarks<String> nothing =
          new DoorWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1), signal, "x");
      DoorWatermarks<String> quiet =
          new DoorWatermarks<>(
              Duration.ofMillis(1_000), Duration.ofHours(1), signal, "complaint_events");
      DoorWatermarks<String> older =
          new DoorWatermarks<>(
              Duration.ofMillis(1_000), Duration.ofHours(1), signal, "complaint_events");
      DoorWatermarks<String> newer =
          new DoorWatermarks<>(
              Duration.ofMillis(1_000), Duration.ofHours(1), signal, "complaint_events");
      older.onEvent("an older step re-read", 30_000, readOlder);
      newer.onEvent("a newer step", 60_000, readNewer);
      // Before a release the resumed time is no watermark: an import may be about to publish older
      // steps, which the run before would not have judged yet either.
      quiet.onPeriodicEmit(idleSince);
      older.onPeriodicEmit(readOlder);
      assertThat(idleSince.said).isEmpty();
      assertThat(readOlder.said).containsExactly("28999");

      signal.holdForImport(); // an import's hold: still nothing
      quiet.onPeriodicEmit(idleSince);
      assertThat(idleSince.said).isEmpty();

      releaseAfterwards(signal);
      quiet.onPeriodicEmit(idleSince);
      older.onPeriodicEmit(readOlder);
      newer.onPeriodicEmit(readNewer);
      nothing.onPeriodicEmit(otherStream);
      assertThat(idleSince.said)
          .as("read nothing since the restore")
          .containsExactly("50000", "idle");
      assertThat(readOlder.said).endsWith("50000", "idle");
      assertThat(readNewer.said).as("its own newest when newer").endsWith("60000", "idle");
      assertThat(otherStream.said).as("a stream the lake had nothing of").containsExactly("idle");
    }
  }

  /**
   * A release whose check began after the records the test fed in: the clock has moved on since (a
   * release covers only records read strictly before its check).
   */
  private static void releaseAfterwards(CatchUpSignal signal) {
    long fed = System.nanoTime();
    while (System.nanoTime() == fed) {
      Thread.onSpinWait();
    }
    signal.release();
  }
}
