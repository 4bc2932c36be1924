package io.qualityloop.reports.web;

/**
 * What a user of the drill-down may open (DOMAIN.md privacy): executives see aggregates only,
 * quality managers go down to single complaints and staff scorecards, planners see the lessons.
 */
public enum Role {
  EXECUTIVE,
  QUALITY_MANAGER,
  PLANNER;

  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(text.trim().replace('-', '_'))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "': executive, quality_manager or planner");
  }

  public boolean seesAggregates() {
    return this != PLANNER;
  }

  public boolean seesComplaints() {
    return this == QUALITY_MANAGER;
  }

  public boolean seesLessons() {
    return true;
  }
}
