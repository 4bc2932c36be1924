package io.qualityloop.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The period an executive report covers, and how its queries are called: one quarter (compared with
 * the quarter before and the same quarter a year before), or a calendar year through its last
 * quarter with data (compared with the same quarters of the year before).
 *
 * @param kind the template folder of its own queries and labels: {@code quarterly} or {@code
 *     annual}
 * @param label {@code 2026Q3} or {@code 2026}
 * @param from the first quarter of the period
 * @param through the last quarter of the period (of a year to date: the last with data)
 * @param baseFrom the first quarter of the period it is compared with
 * @param baseThrough the last quarter of that period
 */
public record ReportPeriod(
    String kind,
    String label,
    Quarter from,
    Quarter through,
    Quarter baseFrom,
    Quarter baseThrough) {
  public static final String QUARTERLY = "quarterly";
  public static final String ANNUAL = "annual";

  public static ReportPeriod quarter(Quarter quarter) {
    return new ReportPeriod(
        QUARTERLY, quarter.toString(), quarter, quarter, quarter.previous(), quarter.previous());
  }

  /** The year {@code year} through {@code through} (Q4 for a whole year). */
  public static ReportPeriod year(int year, int throughQuarter) {
    return new ReportPeriod(
        ANNUAL,
        String.valueOf(year),
        new Quarter(year, 1),
        new Quarter(year, throughQuarter),
        new Quarter(year - 1, 1),
        new Quarter(year - 1, throughQuarter));
  }

  public boolean annual() {
    return kind.equals(ANNUAL);
  }

  /** Parameters of the KPI query: the quarter, the one before and a year before; or the year. */
  Object[] kpiParameters() {
    return annual()
        ? new Object[] {label}
        : new Object[] {
          through.toString(),
          through.previous().toString(),
          through.sameQuarterLastYear().toString()
        };
  }

  /** Parameters of a query over the period: its first and last quarter. */
  Object[] periodParameters() {
    return new Object[] {from.toString(), through.toString()};
  }

  /** Parameters of a query over the period beside its comparison period. */
  Object[] comparisonParameters() {
    return new Object[] {
      from.toString(), through.toString(), baseFrom.toString(), baseThrough.toString()
    };
  }

  /** The months of the satisfaction trend: the 12 to the quarter's end, or the year's 12. */
  List<String> trendMonths() {
    if (!annual()) {
      return through.trailingMonths(12);
    }
    List<String> months = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      months.add(String.format("%d-%02d", from.year(), m));
    }
    return months;
  }
}
