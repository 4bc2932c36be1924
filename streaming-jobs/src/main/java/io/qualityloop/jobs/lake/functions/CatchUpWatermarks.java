package io.qualityloop.jobs.lake.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for records that passed the door: while records flow, the newest event
 * time less the allowed out-of-orderness (as Flink's bounded out-of-orderness); once no record has
 * come for {@code idle} of wall-clock time, the newest event time itself, since everything
 * published so far has been read and waiting for stragglers only delays the facts and warnings of
 * the latest steps, and the subtask is marked idle, so that it holds back no other subtask that
 * read later events (when every subtask is idle, Flink passes the greatest of their watermarks
 * on). A subtask that has read nothing is idle. A record makes it active again.
 *
 * <p>Time is still the events' own: the watermark never runs ahead of the newest event, so a
 * replay of the same records judges every clock as before, and a complaint split across imports
 * is judged as if imported at once (the later steps come after the earlier import's newest event).
 * What the wall clock decides (a deadline passing with no further step) is the lifecycle's
 * processing-time timers' business, not the watermark's.
 */
public final class CatchUpWatermarks<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private final long idleMillis;
  private long newest = Long.MIN_VALUE;
  private long lastRecordNanos;
  private boolean idle;

  public CatchUpWatermarks(Duration outOfOrderness, Duration idle) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    this.idleMillis = idle.toMillis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    newest = Math.max(newest, eventTimestamp);
    lastRecordNanos = System.nanoTime();
    if (idle) {
      idle = false;
      output.markActive();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (newest == Long.MIN_VALUE) {
      markIdle(output);
      return;
    }
    boolean caughtUp = (System.nanoTime() - lastRecordNanos) / 1_000_000L >= idleMillis;
    if (caughtUp) {
      output.emitWatermark(new Watermark(newest));
      markIdle(output);
    } else {
      output.emitWatermark(new Watermark(newest - outOfOrdernessMillis - 1));
    }
  }

  private void markIdle(WatermarkOutput output) {
    if (!idle) {
      idle = true;
      output.markIdle();
    }
  }
}
