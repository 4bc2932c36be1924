package io.qualityloop.app;

import io.qualityloop.reports.Tabular;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints query results as an aligned text table, CSV or JSON (one document), the cells as {@link
 * Tabular} writes them: text neutralised against formula injection, numbers as numbers.
 */
final class ResultPrinter {
  enum Format {
    table,
    csv,
    json
  }

  private ResultPrinter() {}

  static void print(List<Map<String, Object>> rows, Format format, PrintStream out) {
    switch (format) {
      case table -> table(rows, out);
      case csv -> csv(rows, out);
      case json -> json(rows, out);
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
  }

  private static void table(List<Map<String, Object>> rows, PrintStream out) {
    if (rows.isEmpty()) {
      out.println("(no rows)");
      return;
    }
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = displayWidth(columns.get(c));
      for (Map<String, Object> row : rows) {
        widths[c] = Math.max(widths[c], displayWidth(text(row.get(columns.get(c)))));
      }
    }
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      line.append(c == 0 ? "" : "  ").append(pad(columns.get(c), widths[c]));
    }
    out.println(line.toString().stripTrailing());
    for (Map<String, Object> row : rows) {
      line.setLength(0);
      for (int c = 0; c < columns.size(); c++) {
        line.append(c == 0 ? "" : "  ").append(pad(text(row.get(columns.get(c))), widths[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static void csv(List<Map<String, Object>> rows, PrintStream out) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      Tabular.csv(new ArrayList<>(rows.get(0).keySet()), rows, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(List<Map<String, Object>> rows, PrintStream out) {
    document(Tabular.jsonRows(rows), out);
  }

  /** Prints {@code document} as one JSON document. */
  static void document(Object document, PrintStream out) {
    try {
      out.println(Tabular.json().writeValueAsString(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Object v) {
    return Tabular.text(v);
  }

  /** Pads to a display width, counting CJK characters as two columns. */
  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - displayWidth(s)));
  }

  private static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += s.charAt(i) >= 0x2E80 ? 2 : 1;
    }
    return w;
  }
}
