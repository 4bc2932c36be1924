package io.qualityloop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qualityloop.events.privacy.TextScrubber;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints query results as an aligned text table, CSV (formula injection neutralised) or JSON. */
final class ResultPrinter {
  enum Format { table, csv, json }

  private ResultPrinter() {}

  static void print(List<Map<String, Object>> rows, Format format, PrintStream out) {
    switch (format) {
      case table -> table(rows, out);
      case csv -> csv(rows, out);
      case json -> json(rows, out);
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
    try {
      CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
      if (!rows.isEmpty()) {
        csv.printRecord(rows.get(0).keySet());
      }
      for (Map<String, Object> row : rows) {
        List<String> cells = new ArrayList<>();
        row.values().forEach(v -> cells.add(v == null ? "" : TextScrubber.defuseFormula(text(v))));
        csv.printRecord(cells);
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(List<Map<String, Object>> rows, PrintStream out) {
    try {
      ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
      List<Map<String, Object>> plain = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k, v instanceof Number || v instanceof Boolean || v == null ? v : text(v)));
        plain.add(copy);
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(plain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof java.sql.Array a) {
      try {
        return java.util.Arrays.toString((Object[]) a.getArray());
      } catch (java.sql.SQLException e) {
        return v.toString();
      }
    }
    return v.toString();
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
