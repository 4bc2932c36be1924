package io.qualityloop.jobs.complaints.sla;

import io.qualityloop.events.LifecycleEventType;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * One time limit: a clock that starts at the first of {@code startEvents} in a complaint cycle and
 * stops at the first of {@code stopEvents} after it, allowed {@code limit} of {@code clock} time,
 * for complaints matching {@code appliesWhen}.
 */
public record SlaRule(
    String ruleId,
    String nameZh,
    Set<LifecycleEventType> startEvents,
    Set<LifecycleEventType> stopEvents,
    double limit,
    ClockType clock,
    RuleCondition appliesWhen)
    implements Serializable {

  /** The limit as an amount of this rule's clock time, for a clock started at {@code start}. */
  public Duration limitAmount(WorkingTime time, LocalDateTime start) {
    return switch (clock) {
      case CALENDAR_HOURS, WORKING_HOURS -> Duration.ofSeconds(Math.round(limit * 3600));
      case WORKING_DAYS ->
          Duration.ofSeconds(
              Math.round(limit * time.workingDayLength(start.toLocalDate()).toSeconds()));
    };
  }

  /** Moves along this rule's clock. */
  public LocalDateTime advance(WorkingTime time, LocalDateTime from, Duration amount) {
    return clock == ClockType.CALENDAR_HOURS ? from.plus(amount) : time.advance(from, amount);
  }

  /** Clock time between two moments. */
  public Duration elapsed(WorkingTime time, LocalDateTime from, LocalDateTime to) {
    if (clock == ClockType.CALENDAR_HOURS) {
      return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
    return time.elapsed(from, to);
  }
}
