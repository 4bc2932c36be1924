package io.qualityloop.reports;

import java.util.Locale;

/**
 * How a KPI value and its change read, by the KPI's unit: points (满意度指数 88.2, change +1.4), shares
 * (92.3%, change in percentage points), rates per 1,000 households (2.67).
 */
final class KpiFormat {
  private KpiFormat() {}

  /**
   * An amount of money in the reader's conventions: in Chinese, 10,000 and more in 万 (52.44万), less
   * with thousands separators (8,500); in English always with separators (524,434).
   */
  static String amount(double yuan, ReportLanguage language) {
    if (language == ReportLanguage.ZH_CN && Math.abs(yuan) >= 10_000) {
      return String.format(Locale.ROOT, "%.2f万", yuan / 10_000);
    }
    return String.format(Locale.ROOT, "%,.0f", yuan);
  }

  static String value(String unit, Double value, String noData) {
    if (value == null) {
      return noData;
    }
    return switch (unit) {
      case "share" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
      case "per_1000" -> String.format(Locale.ROOT, "%.2f", value);
      default -> String.format(Locale.ROOT, "%.1f", value);
    };
  }

  static String delta(
      String unit, Double value, Double base, String percentagePoints, String noData) {
    if (value == null || base == null) {
      return noData;
    }
    double d = value - base;
    // A change that rounds to zero reads "0.0", never "-0.0" or "+0.0".
    return switch (unit) {
      case "share" -> signed(d * 100, 1) + " " + percentagePoints;
      case "per_1000" -> signed(d, 2);
      default -> signed(d, 1);
    };
  }

  private static String signed(double d, int decimals) {
    double rounded = Math.round(d * Math.pow(10, decimals)) / Math.pow(10, decimals);
    if (rounded == 0) {
      return String.format(Locale.ROOT, "%." + decimals + "f", 0.0);
    }
    return String.format(Locale.ROOT, "%+." + decimals + "f", rounded);
  }

  /**
   * good = meets the target; watch = misses it by at most 5% of the target; bad = misses by more.
   */
  static String status(String direction, double value, double target) {
    boolean higherIsBetter = "higher_is_better".equals(direction);
    double shortfall = higherIsBetter ? target - value : value - target;
    if (shortfall <= 0) {
      return "good";
    }
    return shortfall <= Math.abs(target) * 0.05 ? "watch" : "bad";
  }
}
