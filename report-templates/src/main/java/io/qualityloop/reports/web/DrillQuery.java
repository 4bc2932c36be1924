package io.qualityloop.reports.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drill-down position: the path chosen so far (level = value, in order), the filters and the
 * reader's scope, turned into a WHERE clause over {@code fct_complaint_drill}. Column names come
 * only from the whitelist {@link #LEVELS} and the fixed filters; every value is a bound parameter.
 */
public final class DrillQuery {
  /** The drill path, top to bottom. */
  public static final List<String> LEVELS =
      List.of(
          "category",
          "sub_category",
          "root_cause",
          "responsible_department",
          "project_id",
          "building");

  /** The value a path step uses for "not classified" (a null in the data). */
  public static final String NONE = "~";

  private static final List<String> FILTERS =
      List.of("quarter", "project_id", "channel", "severity");

  private final List<String[]> path = new ArrayList<>();
  private final Map<String, String> filters;
  private final Boolean breached;
  private final String scope;

  /**
   * @param pathText "category:product/sub_category:house_quality" (levels in order, from the top)
   * @param filters quarter, project_id, channel, severity (blank or absent: any); tone=negative
   *     keeps the complaints whose text reads negative (a reading filter, never a score of staff)
   * @param breached true or false to keep only complaints that did (not) break a deadline; null:
   *     any
   * @param scope the reader's projects, comma-separated, or null for all
   */
  public DrillQuery(String pathText, Map<String, String> filters, Boolean breached, String scope) {
    if (pathText != null && !pathText.isBlank()) {
      String[] steps = pathText.split("/");
      for (int i = 0; i < steps.length; i++) {
        int colon = steps[i].indexOf(':');
        String level = colon < 0 ? steps[i] : steps[i].substring(0, colon);
        if (i >= LEVELS.size() || !LEVELS.get(i).equals(level)) {
          throw new IllegalArgumentException(
              "drill path step "
                  + (i + 1)
                  + " must be "
                  + (i < LEVELS.size() ? LEVELS.get(i) : "nothing")
                  + ": "
                  + steps[i]);
        }
        path.add(new String[] {level, colon < 0 ? NONE : steps[i].substring(colon + 1)});
      }
    }
    this.filters = filters;
    this.breached = breached;
    this.scope = scope;
  }

  /** The level the next drill step groups by, or null at the bottom (the complaint list). */
  public String nextLevel() {
    return path.size() < LEVELS.size() ? LEVELS.get(path.size()) : null;
  }

  /** The WHERE clause; {@link #parameters()} gives its values in order. */
  public String conditions() {
    List<String> c = new ArrayList<>();
    for (String[] step : path) {
      c.add(step[1].equals(NONE) ? step[0] + " is null" : step[0] + " = ?");
    }
    for (String f : FILTERS) {
      if (present(filters.get(f))) {
        c.add(f + " = ?");
      }
    }
    if (breached != null) {
      c.add("breached = ?");
    }
    if ("negative".equals(filters.get("tone"))) {
      c.add("negative_tone");
    }
    c.add(
        "(cast(? as varchar) is null or list_contains(string_split(cast(? as varchar), ','),"
            + " project_id))");
    return String.join(" and ", c);
  }

  public Object[] parameters() {
    List<Object> p = new ArrayList<>();
    for (String[] step : path) {
      if (!step[1].equals(NONE)) {
        p.add(step[1]);
      }
    }
    for (String f : FILTERS) {
      if (present(filters.get(f))) {
        p.add(filters.get(f).trim());
      }
    }
    if (breached != null) {
      p.add(breached);
    }
    p.add(scope);
    p.add(scope);
    return p.toArray();
  }

  private static boolean present(String v) {
    return v != null && !v.isBlank();
  }
}
