package io.qualityloop.ingestion.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads a table file row by row: its headings, then each row with the line (or sheet row) it came
 * from.
 */
public interface TableReader {
  /** One data row; {@code line} is its 1-based line in the file (row number in a sheet). */
  record Row(long line, List<String> cells) {}

  List<String> headings();

  void forEachRow(Consumer<Row> action) throws IOException;

  /**
   * The most rows above the heading row a form may have: a title (客户投诉单), a line such as 填表单位 /
   * 填表日期, blank lines.
   */
  int MOST_ROWS_ABOVE_HEADINGS = 10;

  /**
   * A reader for {@code file} by its extension: .xlsx, else CSV in {@code encoding} ("auto": UTF-8
   * or GB18030), whose heading row is its first row.
   */
  static TableReader open(Path file, String encoding) throws IOException {
    return open(file, encoding, row -> true);
  }

  /**
   * As {@link #open(Path, String)}, the heading row being the first of the first {@value
   * #MOST_ROWS_ABOVE_HEADINGS} rows with a filled cell that {@code isHeadingRow} accepts (the rows
   * above it are a form's title lines, never data), else the first row with a filled cell.
   */
  static TableReader open(Path file, String encoding, Predicate<List<String>> isHeadingRow)
      throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")) {
      return XlsxTableReader.open(file, isHeadingRow);
    }
    if (name.endsWith(".xls")) {
      throw new IOException(
          file + ": the old .xls format is not read; save the sheet as .xlsx or CSV");
    }
    return CsvTableReader.open(file, encoding, isHeadingRow);
  }

  /**
   * The index among {@code rows} (the first rows of a file, each its cells) of its heading row: the
   * first with a filled cell that {@code isHeadingRow} accepts, else the first with a filled cell;
   * -1 when no row has one.
   */
  static int headingRow(List<List<String>> rows, Predicate<List<String>> isHeadingRow) {
    int first = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).stream().allMatch(c -> c == null || c.isBlank())) {
        continue;
      }
      if (first < 0) {
        first = i;
      }
      if (isHeadingRow.test(rows.get(i))) {
        return i;
      }
    }
    return first;
  }
}
