package io.qualityloop.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qualityloop.events.privacy.TextScrubber;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one rule for rows leaving QualityLoop as CSV or JSON ({@code query}, {@code metrics}, {@code
 * export}): numbers and booleans stay numbers and booleans (in CSV written plainly, so a negative
 * change reads {@code -0.0086}); text is neutralised against formula injection in CSV ({@link
 * TextScrubber#defuseFormula}); times read {@code yyyy-MM-dd HH:mm:ss}.
 */
public final class Tabular {
  /**
   * The JSON writer of every command: ISO dates, pretty-printed. Made at first use: finding the
   * modules costs a command that writes no JSON (a query printing a table) about a tenth of a
   * second.
   */
  public static ObjectMapper json() {
    return JsonHolder.MAPPER;
  }

  private static final class JsonHolder {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Tabular() {}

  /** Writes a header of {@code columns} and one record per row (RFC 4180, CRLF). */
  public static void csv(List<String> columns, List<Map<String, Object>> rows, Appendable out)
      throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
    csv.printRecord(columns);
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>(columns.size());
      for (String column : columns) {
        cells.add(csvCell(row.get(column)));
      }
      csv.printRecord(cells);
    }
    csv.flush();
  }

  /** A CSV cell: empty for null, a number as a number, text neutralised. */
  public static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return TextScrubber.defuseFormula(text(v));
  }

  /**
   * The rows with every value a JSON scalar: numbers, booleans and null as they are, the rest as
   * text.
   */
  public static List<Map<String, Object>> jsonRows(List<Map<String, Object>> rows) {
    List<Map<String, Object>> plain = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new LinkedHashMap<>();
      row.forEach(
          (k, v) ->
              copy.put(k, v instanceof Number || v instanceof Boolean || v == null ? v : text(v)));
      plain.add(copy);
    }
    return plain;
  }

  /**
   * A value as text: times as {@code yyyy-MM-dd HH:mm:ss}, SQL arrays as {@code [a, b]}, the rest
   * as they print.
   */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().format(TIME);
    }
    if (v instanceof LocalDateTime t) {
      return t.format(TIME);
    }
    if (v instanceof Array a) {
      try {
        return Arrays.toString((Object[]) a.getArray());
      } catch (SQLException e) {
        return v.toString();
      }
    }
    return v.toString();
  }
}
