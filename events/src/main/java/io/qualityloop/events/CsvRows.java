package io.qualityloop.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the small reference CSV files (UTF-8, one header row, comma-separated, no quoting) row by
 * row. A bad header or row is an error naming the file and the line.
 */
public final class CsvRows {
  /** What to do with the columns of one data row; any exception it throws is reported with the line. */
  @FunctionalInterface
  public interface RowHandler {
    void accept(String[] columns) throws Exception;
  }

  private CsvRows() {}

  public static void read(InputStream csv, String fileName, String expectedHeader, RowHandler handler) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.startsWith(expectedHeader)) {
      throw new IOException(fileName + ": expected the header " + expectedHeader);
    }
    String line;
    int lineNo = 1;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        handler.accept(line.split(",", -1));
      } catch (Exception e) {
        throw new IOException(fileName + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
  }
}
