package io.qualityloop.reports;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact table beside the KPI tiles (issue 21 item 8): NPS, calls answered within three rings,
 * promised replies kept, callbacks within one working day and the cost of poor quality, each with
 * what it is counted over, its target where the reference files hold one, its status against it and
 * its change on the comparison period. Rows come from {@code
 * quarterly/queries/procedure_measures.sql}.
 */
final class ProcedureMeasures {
  static final String QUERY = "procedure_measures.sql";

  private ProcedureMeasures() {}

  /** One row per measure of the query, in its order, formatted for the report's language. */
  static List<Map<String, Object>> rows(
      List<Map<String, Object>> measures, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String none = "–";
    for (Map<String, Object> r : measures) {
      String measure = (String) r.get("measure");
      String unit = (String) r.get("unit");
      Double value = asDouble(r.get("value"));
      Double base = asDouble(r.get("base_value"));
      Double target = asDouble(r.get("target"));
      boolean money = "yuan".equals(unit);
      Map<String, Object> row = new HashMap<>();
      row.put("measure", measure);
      row.put("name", t.get("measures." + measure));
      row.put(
          "value",
          money
              ? (value == null ? none : KpiFormat.amount(value, language))
              : KpiFormat.value(unit, value, none));
      long cases = ((Number) r.get("cases")).longValue();
      row.put(
          "basis",
          MessageFormat.format(
              t.get("measures.basis." + measure),
              String.format(Locale.ROOT, "%,d", cases),
              String.format(Locale.ROOT, "%,d", ((Number) r.get("audited")).longValue()),
              r.get("audit_over_yuan") == null
                  ? none
                  : KpiFormat.amount(asDouble(r.get("audit_over_yuan")), language)));
      row.put(
          "target",
          target == null
              ? t.get("measures.noTarget")
              : money ? KpiFormat.amount(target, language) : KpiFormat.value(unit, target, none));
      String status =
          value == null || target == null
              ? "none"
              : KpiFormat.status((String) r.get("direction"), value, target);
      row.put("status", status);
      row.put("statusLabel", "none".equals(status) ? none : t.get("status." + status));
      row.put(
          "change",
          money
              ? amountDelta(value, base, language, none)
              : KpiFormat.delta(unit, value, base, t.get("unit.pp"), none));
      rows.add(row);
    }
    return rows;
  }

  private static String amountDelta(
      Double value, Double base, ReportLanguage language, String none) {
    if (value == null || base == null) {
      return none;
    }
    double d = value - base;
    return d == 0 ? "0" : (d > 0 ? "+" : "-") + KpiFormat.amount(Math.abs(d), language);
  }

  private static Double asDouble(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
