package io.qualityloop.reports;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The warning shown when the lake has data in years the working calendar does not cover (rows of
 * model {@code calendar_coverage} with {@code covered = false}): their working time was computed
 * without holidays and make-up days. Label {@code calendar.uncovered}: {0} the years, {1} the
 * calendar's last year.
 */
public final class CalendarWarning {
  private CalendarWarning() {}

  /**
   * The sentence for {@code uncovered} (rows of year, last_covered_year), or null when there is
   * none.
   */
  public static String of(List<Map<String, Object>> uncovered, Map<String, String> t) {
    if (uncovered.isEmpty()) {
      return null;
    }
    String years =
        uncovered.stream()
            .map(r -> String.valueOf(r.get("year")))
            .collect(Collectors.joining(", "));
    Object last = uncovered.get(0).get("last_covered_year");
    return MessageFormat.format(
        t.get("calendar.uncovered"), years, last == null ? "–" : String.valueOf(last));
  }
}
