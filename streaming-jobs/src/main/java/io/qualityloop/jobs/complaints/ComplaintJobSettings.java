package io.qualityloop.jobs.complaints;

import java.time.Duration;
import java.time.Instant;

/**
 * How the complaint lifecycle job runs.
 *
 * @param warningShare share of a limit used when the WARNING alert fires (default 0.8)
 * @param retentionAfterClose how long a closed complaint's state is kept for late events
 * @param alertHorizon WARNING and BREACH of clocks still running are not raised for moments after
 *     this instant (null: no horizon). A bounded run sets it to the end of its data or to its start
 *     time: when its input ends, time does not really jump to the end of all time.
 * @param retentionWhileOpen how long (event time) the state of a complaint that never closes is
 *     kept after its latest event; then it is cleared and counted, and an event arriving later
 *     starts the complaint afresh
 * @param liveAlerts WARNING and BREACH are also raised when the wall clock reaches their moment,
 *     with no further event (processing-time timers); a replay of history has no such moments ahead
 * @param horizonFollowsWallClock the horizon is the job's start ({@code sla.alert-horizon=now}): a
 *     live job's event-time judgments raise the moments up to the wall clock, so a step read after
 *     its moments passed since the start (a daily import into a service started days ago) is still
 *     warned and breached. False for a horizon given as a date-time (the demo's history).
 */
public record ComplaintJobSettings(
    double warningShare,
    Duration retentionAfterClose,
    Instant alertHorizon,
    Duration retentionWhileOpen,
    boolean liveAlerts,
    boolean horizonFollowsWallClock) {
  /** The default {@link #retentionWhileOpen}: a year without any step. */
  public static final Duration DEFAULT_RETENTION_WHILE_OPEN = Duration.ofDays(365);

  public ComplaintJobSettings {
    if (retentionWhileOpen == null
        || retentionWhileOpen.isNegative()
        || retentionWhileOpen.isZero()) {
      throw new IllegalArgumentException(
          "the retention of open complaints must be positive, was " + retentionWhileOpen);
    }
  }

  public ComplaintJobSettings(
      double warningShare,
      Duration retentionAfterClose,
      Instant alertHorizon,
      Duration retentionWhileOpen,
      boolean liveAlerts) {
    this(warningShare, retentionAfterClose, alertHorizon, retentionWhileOpen, liveAlerts, false);
  }

  public ComplaintJobSettings(
      double warningShare, Duration retentionAfterClose, Instant alertHorizon) {
    this(warningShare, retentionAfterClose, alertHorizon, DEFAULT_RETENTION_WHILE_OPEN, true);
  }

  public ComplaintJobSettings(double warningShare, Duration retentionAfterClose) {
    this(warningShare, retentionAfterClose, null);
  }
}
