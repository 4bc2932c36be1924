package io.qualityloop.events.validation;

/** Something worth knowing about a record that still lands in its table. */
public enum FlagCode {
  /** The project id is not in reference/projects.csv. */
  UNKNOWN_PROJECT,
  /** The staff id is not in reference/staff.csv. */
  UNKNOWN_STAFF,
  /**
   * The building component is not in reference/building_components.csv (the warehouse shows it as
   * unknown, 未知).
   */
  UNKNOWN_COMPONENT,
  /**
   * The category, or the category and sub-category together, is not in
   * reference/complaint_taxonomy.csv.
   */
  UNKNOWN_CATEGORY,
  /** The root cause is not in reference/root_causes.csv. */
  UNKNOWN_ROOT_CAUSE,
  /** The responsible department is not in reference/departments.csv. */
  UNKNOWN_DEPARTMENT,
  /** Arrived after the watermark had passed its time by more than the allowed lateness. */
  LATE,
  /**
   * Sent again with the event id of a record that already landed, but with other content (a row
   * corrected in a form and imported again under its old 事件编号): like any copy of a landed event id
   * it is a duplicate and the first copy stays; the flag says the difference was not applied. A
   * correction needs an event id of its own.
   */
  CONFLICTING_RESEND
}
