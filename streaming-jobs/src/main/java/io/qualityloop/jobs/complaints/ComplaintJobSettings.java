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
 */
public record ComplaintJobSettings(double warningShare, Duration retentionAfterClose, Instant alertHorizon) {
  public ComplaintJobSettings(double warningShare, Duration retentionAfterClose) {
    this(warningShare, retentionAfterClose, null);
  }
}
