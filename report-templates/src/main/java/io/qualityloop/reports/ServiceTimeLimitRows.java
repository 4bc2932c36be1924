package io.qualityloop.reports;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of the report's table of contact time limits (query {@code service_time_limits.sql}):
 * the general service response and its goal, after-sales questions responded to and solved, each
 * with its limit in hours, the contacts measured, those on time and the rate.
 */
final class ServiceTimeLimitRows {
  private ServiceTimeLimitRows() {}

  static List<Map<String, Object>> of(List<Map<String, Object>> limits, Map<String, String> t) {
    String noData = t.get("kpi.noData");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : limits) {
      Number measured = (Number) r.get("measured");
      Number met = (Number) r.get("met");
      Number hours = (Number) r.get("hours");
      Map<String, Object> row = new HashMap<>();
      row.put("limitId", r.get("limit_id"));
      row.put("name", t.get("serviceLimits." + r.get("limit_id")));
      row.put(
          "hours",
          hours == null
              ? noData
              : NumberFormat.getInstance(Locale.ROOT).format(hours.doubleValue()));
      row.put("measured", measured == null ? 0 : measured.longValue());
      row.put("met", met == null ? 0 : met.longValue());
      row.put(
          "rate",
          measured == null || measured.longValue() == 0 || met == null
              ? noData
              : KpiFormat.value("share", met.doubleValue() / measured.doubleValue(), noData));
      rows.add(row);
    }
    return rows;
  }
}
