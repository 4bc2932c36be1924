package io.qualityloop.app;

import java.time.Duration;

/**
 * When the service's scheduler may write the reports that are due: every {@code interval}, but only
 * once the imports are settled at two checks in a row (a minute apart): no import publishing or
 * waiting in the inbox, and what they published read and committed ({@code
 * ServiceJob.importsSettled()}). A period is delivered once ({@code
 * out/outbox/.schedule-state.properties}): written during the first import into a new service, the
 * quarter's report said "no data this quarter" and the real one was never delivered. Rows published
 * straight to the topics (the live demo's feed) do not hold the reports back: under a steady feed
 * everything published is rarely read and committed at one check. A check that finds imports at
 * work is tried again at the next tick, not an interval later.
 */
final class ReportsWhenQuiet {
  private final long intervalNanos;
  private boolean quietBefore;
  private long lastRun;
  private boolean ranOnce;

  ReportsWhenQuiet(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the reports run at this tick: {@code importsSettled} as the service tells it now. */
  boolean due(boolean importsSettled, long nowNanos) {
    boolean quiet = importsSettled && quietBefore;
    quietBefore = importsSettled;
    if (!quiet || (ranOnce && nowNanos - lastRun < intervalNanos)) {
      return false;
    }
    ranOnce = true;
    lastRun = nowNanos;
    return true;
  }
}
