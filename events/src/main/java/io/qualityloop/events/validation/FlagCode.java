package io.qualityloop.events.validation;

/** Something worth knowing about a record that still lands in its table. */
public enum FlagCode {
  /** The project id is not in reference/projects.csv. */
  UNKNOWN_PROJECT,
  /** The staff id is not in reference/staff.csv. */
  UNKNOWN_STAFF,
  /** Arrived after the watermark had passed its time by more than the allowed lateness. */
  LATE
}
