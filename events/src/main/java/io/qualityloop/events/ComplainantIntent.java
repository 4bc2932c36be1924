package io.qualityloop.events;

/**
 * What the complainant wants: a fix for a clear problem (解决问题型), to vent (发泄型), or something better
 * than promised (期望型). It steers the handling.
 */
public enum ComplainantIntent {
  PROBLEM_SOLVING,
  VENTING,
  EXPECTATION
}
