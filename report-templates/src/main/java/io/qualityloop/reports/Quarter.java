package io.qualityloop.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written as the warehouse writes it: {@code 2026Q3}. */
public record Quarter(int year, int number) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

  public Quarter {
    if (number < 1 || number > 4) {
      throw new IllegalArgumentException("a quarter is numbered 1 to 4, not " + number);
    }
  }

  public static Quarter parse(String text) {
    Matcher m = FORMAT.matcher(text.trim().toUpperCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a quarter: '" + text + "' (expected e.g. 2026Q3)");
    }
    return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public static Quarter of(LocalDate day) {
    return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  public Quarter previous() {
    return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
  }

  public Quarter sameQuarterLastYear() {
    return new Quarter(year - 1, number);
  }

  public YearMonth firstMonth() {
    return YearMonth.of(year, (number - 1) * 3 + 1);
  }

  public YearMonth lastMonth() {
    return firstMonth().plusMonths(2);
  }

  /**
   * The {@code count} months ending with this quarter's last month, oldest first, as {@code
   * YYYY-MM}.
   */
  public List<String> trailingMonths(int count) {
    List<String> months = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      months.add(lastMonth().minusMonths(i).toString());
    }
    return months;
  }

  @Override
  public String toString() {
    return year + "Q" + number;
  }
}
