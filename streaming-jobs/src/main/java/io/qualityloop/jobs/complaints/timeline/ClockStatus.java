package io.qualityloop.jobs.complaints.timeline;

/** Where an SLA clock stands at a moment. */
public enum ClockStatus {
  RUNNING,
  PAUSED,
  /** Running, with at least the warning share of its limit used. */
  WARNING,
  /** Running past its deadline. */
  BREACHED,
  /** Stopped on time. */
  MET,
  /** Stopped after its deadline. */
  MISSED;

  public boolean stopped() {
    return this == MET || this == MISSED;
  }
}
