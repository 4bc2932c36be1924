package io.qualityloop.app;

import java.time.Duration;

/**
 * When the service's scheduler may write the reports that are due: every {@code interval}, but only
 * once the streaming jobs have read and committed everything published at two checks in a row (a
 * minute apart), so no import is being published or read. A period is delivered once ({@code
 * out/outbox/.schedule-state.properties}): written during the first import into a new service, the
 * quarter's report said "no data this quarter" and the real one was never delivered. A check that
 * finds imports at work is tried again at the next tick, not an interval later.
 */
final class ReportsWhenQuiet {
  private final long intervalNanos;
  private boolean quietBefore;
  private long lastRun;
  private boolean ranOnce;

  ReportsWhenQuiet(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the reports run at this tick: {@code caughtUp} as the streaming jobs tell it now. */
  boolean due(boolean caughtUp, long nowNanos) {
    boolean quiet = caughtUp && quietBefore;
    quietBefore = caughtUp;
    if (!quiet || (ranOnce && nowNanos - lastRun < intervalNanos)) {
      return false;
    }
    ranOnce = true;
    lastRun = nowNanos;
    return true;
  }
}
