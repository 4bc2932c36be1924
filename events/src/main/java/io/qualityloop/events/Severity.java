package io.qualityloop.events;

/** Normal complaint, or major complaint (重大投诉) that goes to the general manager at once. */
public enum Severity {
  NORMAL,
  MAJOR
}
