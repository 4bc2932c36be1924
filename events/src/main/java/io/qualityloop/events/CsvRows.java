package io.qualityloop.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference CSV files a company edits (often in Excel) row by row with a real CSV parser
 * (Jackson's, RFC 4180: quoted cells with commas, doubled quotes and line breaks), UTF-8 with or
 * without a byte-order mark. A bad header or row is an error naming the file and the line the row
 * starts on; blank lines are skipped.
 *
 * <p>Jackson's CSV module rather than commons-csv: the reference readers ({@link ReferenceData})
 * use it already and it is inside the Flink job jar, where commons-csv would bring a commons-io
 * newer than the one a Flink cluster ships.
 */
public final class CsvRows {
  private static final CsvFactory CSV = new CsvFactory();

  /**
   * What to do with the columns of one data row; any exception it throws is reported with the line.
   */
  @FunctionalInterface
  public interface RowHandler {
    void accept(String[] columns) throws Exception;
  }

  private CsvRows() {}

  /**
   * One data row by column name, with the line it starts on (for messages) and how many of its
   * cells past the header's last column are filled (they are not in {@code values}; a cell with an
   * unquoted comma makes them).
   */
  public record Row(Map<String, String> values, int line, int filledPastHeader) {
    /** The cell of {@code column}, "" when the row has none. */
    public String get(String column) {
      String v = values.get(column);
      return v == null ? "" : v;
    }
  }

  /** A row handler that also receives the row's starting line. */
  @FunctionalInterface
  private interface LineHandler {
    void accept(List<String> cells, int line) throws IOException;
  }

  /**
   * Reads {@code csv}: the header must start with the columns of {@code expectedHeader}
   * (comma-separated), each later row goes to {@code handler}.
   */
  public static void read(
      InputStream csv, String fileName, String expectedHeader, RowHandler handler)
      throws IOException {
    List<String> expected = Arrays.asList(expectedHeader.split(",", -1));
    parse(
        csv,
        fileName,
        header -> {
          if (header.size() < expected.size()
              || !header.subList(0, expected.size()).equals(expected)) {
            throw new IOException(fileName + ": expected the header " + expectedHeader);
          }
        },
        (cells, line) -> {
          try {
            handler.accept(cells.toArray(String[]::new));
          } catch (Exception e) {
            throw new IOException(fileName + " line " + line + ": " + e.getMessage(), e);
          }
        });
  }

  /**
   * Every data row of {@code csv} by the names of its header (cells past the header are dropped).
   */
  public static List<Row> rows(InputStream csv, String fileName) throws IOException {
    List<String> names = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    parse(
        csv,
        fileName,
        names::addAll,
        (cells, line) -> {
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 0; i < Math.min(names.size(), cells.size()); i++) {
            values.put(names.get(i), cells.get(i));
          }
          int past = (int) cells.stream().skip(names.size()).filter(c -> !c.isBlank()).count();
          rows.add(new Row(values, line, past));
        });
    return rows;
  }

  /** A header check that may reject it. */
  @FunctionalInterface
  private interface HeaderCheck {
    void accept(List<String> header) throws IOException;
  }

  private static void parse(InputStream csv, String fileName, HeaderCheck header, LineHandler rows)
      throws IOException {
    // The line the row being read starts on: an unclosed quote is found only at the end of the
    // file, and the row that opened it is the one to correct.
    int rowStart = -1;
    try (CsvParser parser =
        CSV.createParser(
            withoutByteOrderMark(new InputStreamReader(csv, StandardCharsets.UTF_8)))) {
      boolean first = true;
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        rowStart = parser.currentLocation().getLineNr();
        int line = -1;
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          if (line < 0) {
            line =
                parser
                    .currentTokenLocation()
                    .getLineNr(); // the row's first cell: where the row starts
          }
          cells.add(parser.getText());
        }
        if (first) {
          first = false;
          header.accept(cells.stream().map(String::strip).toList());
        } else if (!cells.stream().allMatch(String::isBlank)) {
          rows.accept(cells, line);
        }
      }
      if (first) {
        throw new IOException(fileName + ": the file is empty; it needs a header row");
      }
    } catch (JsonProcessingException e) {
      throw new IOException(
          fileName
              + " line "
              + (rowStart > 0 ? rowStart : e.getLocation().getLineNr())
              + ": not valid CSV: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** The reader past a leading UTF-8 byte-order mark, as Excel writes "CSV UTF-8". */
  public static Reader withoutByteOrderMark(Reader reader) throws IOException {
    BufferedReader buffered = new BufferedReader(reader);
    buffered.mark(1);
    if (buffered.read() != '\ufeff') {
      buffered.reset();
    }
    return buffered;
  }
}
