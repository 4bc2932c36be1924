package io.qualityloop.ingestion.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

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
   * A reader for {@code file} by its extension: .xlsx, else CSV in {@code encoding} ("auto": UTF-8
   * or GB18030).
   */
  static TableReader open(Path file, String encoding) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")) {
      return XlsxTableReader.open(file);
    }
    if (name.endsWith(".xls")) {
      throw new IOException(
          file + ": the old .xls format is not read; save the sheet as .xlsx or CSV");
    }
    return CsvTableReader.open(file, encoding);
  }
}
