package io.qualityloop.jobs.lake.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for records that passed the door: the newest event time less the allowed
 * out-of-orderness, as Flink's bounded out-of-orderness; a subtask that has had no record for
 * {@code idle} is marked idle so that it holds nobody back, and a record makes it active again.
 *
 * <p>When the run has read everything it set out to read ({@link CatchUpSignal}, released by the
 * runner once the consumer group has committed the topics' end offsets), waiting for stragglers
 * only delays the facts and warnings of the latest steps: the watermark then catches up with the
 * newest event and the subtask steps aside (idle; when every subtask is idle Flink passes the
 * greatest of their watermarks on). Time stays the events' own: the watermark never runs ahead of
 * the newest event, and the catch-up depends on what was read, not on how fast, so a replay of the
 * same records judges every clock the same way.
 *
 * <p>A release covers what was published before its check ({@link CatchUpSignal.Release}): a
 * generator that has read a record since then (a file imported just after the check, whose older
 * steps may still be unread on another partition) waits for stragglers as usual until a later
 * release covers it, so no subtask's watermark passes steps another has not read.
 *
 * <p>A job that resumes the state of a run before starts without a watermark: at a release the
 * watermark catches up with at least the newest event of its stream that the run before had read
 * ({@link CatchUpSignal#resuming}), also when this subtask has read nothing since.
 *
 * <p>While an import holds the signal ({@link CatchUpSignal#holdForImport()}) event time stands
 * still: the subtask emits no watermark, stays active also after a minute without records, and one
 * that stepped aside becomes active again, so the combined watermark neither rises on another
 * partition's newest event nor on this one stepping aside. The import's steps are then all read
 * before any clock is judged on them. The idle time counts again from the hold's end.
 */
public final class DoorWatermarks<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private final long idleMillis;
  private final CatchUpSignal catchUp;
  private long newest = Long.MIN_VALUE;

  /** The newest event of the stream the resumed state had read; MIN_VALUE: none. */
  private final long resumedNewest;

  private long lastRecordNanos = System.nanoTime();

  /** When an import hold was last seen: the idle time counts from its end too. */
  private long heldNanos = lastRecordNanos;

  private boolean readAny;
  private boolean idle;

  /** The release this generator last told the signal it caught up with. */
  private CatchUpSignal.Release acknowledged;

  public DoorWatermarks(Duration outOfOrderness, Duration idle, CatchUpSignal catchUp) {
    this(outOfOrderness, idle, catchUp, null);
  }

  /**
   * Watermarks of {@code stream} (its lake table's name), which catch up at a release with at least
   * the newest event of the stream that the state the job resumed had read.
   */
  public DoorWatermarks(
      Duration outOfOrderness, Duration idle, CatchUpSignal catchUp, String stream) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    this.idleMillis = idle.toMillis();
    this.catchUp = catchUp;
    this.resumedNewest =
        catchUp == null || stream == null ? Long.MIN_VALUE : catchUp.resumedNewest(stream);
    if (catchUp != null) {
      catchUp.watchedBy();
    }
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    newest = Math.max(newest, eventTimestamp);
    lastRecordNanos = System.nanoTime();
    readAny = true;
    if (idle) {
      idle = false;
      output.markActive();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long importHold = catchUp == null ? 0 : catchUp.importHold();
    if (importHold != 0) {
      // Event time stands still: no watermark above the last one, so no clock is judged until the
      // import's rows are read (an active subtask whose watermark is below the combined one does
      // not hold Flink's combined watermark back; one that emits nothing does not move it).
      if (idle) {
        idle = false;
        output.markActive();
      }
      heldNanos = System.nanoTime();
      catchUp.report(this, importHold);
      return;
    }
    if (catchUp != null) {
      catchUp.report(this, 0);
    }
    CatchUpSignal.Release release = catchUp == null ? null : catchUp.current();
    if (release != null && (!readAny || release.covers(lastRecordNanos))) {
      long caughtUp = Math.max(newest, resumedNewest);
      if (caughtUp != Long.MIN_VALUE) {
        output.emitWatermark(new Watermark(caughtUp));
      }
      markIdle(output);
      if (!release.equals(acknowledged)) {
        acknowledged = release;
        catchUp.caughtUp(release);
      }
      return;
    }
    if (newest != Long.MIN_VALUE) {
      output.emitWatermark(new Watermark(newest - outOfOrdernessMillis - 1));
    }
    long now = System.nanoTime();
    if (Math.min(now - lastRecordNanos, now - heldNanos) / 1_000_000L >= idleMillis) {
      markIdle(output);
    }
  }

  private void markIdle(WatermarkOutput output) {
    if (!idle) {
      idle = true;
      output.markIdle();
    }
  }
}
