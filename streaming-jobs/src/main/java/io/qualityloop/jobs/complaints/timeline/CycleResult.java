package io.qualityloop.jobs.complaints.timeline;

import io.qualityloop.events.LifecycleEventType;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One cycle of a complaint: from receipt (or a reopen) to the close (or the next reopen).
 *
 * @param milestones first time of each lifecycle step in this cycle
 * @param staff who performed the first of each step
 * @param endedByReopen the complaint was reopened after this cycle (explicitly or by a second
 *     resolve)
 * @param explicitReopen this cycle began with a REOPENED event (false for an inferred reopen)
 */
public record CycleResult(
    int cycle,
    LocalDateTime startedAt,
    Map<LifecycleEventType, LocalDateTime> milestones,
    Map<LifecycleEventType, String> staff,
    List<Pause> pauses,
    boolean endedByReopen,
    boolean explicitReopen,
    List<ClockResult> clocks) {

  public LocalDateTime at(LifecycleEventType type) {
    return milestones.get(type);
  }

  /** Closed, or superseded by a reopen: nothing more will happen in this cycle. */
  public boolean ended() {
    return endedByReopen || milestones.containsKey(LifecycleEventType.CLOSED);
  }

  public LocalDateTime endedAt(LocalDateTime nextCycleStart) {
    return endedByReopen ? nextCycleStart : at(LifecycleEventType.CLOSED);
  }

  public Duration pausedTime() {
    Duration d = Duration.ZERO;
    for (Pause p : pauses) {
      if (p.end() != null) {
        d = d.plus(Duration.between(p.start(), p.end()));
      }
    }
    return d;
  }
}
