package io.qualityloop.warehouse;

import io.qualityloop.events.CsvRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the line of a company-edited reference CSV file that makes DuckDB fail to read it (an
 * unclosed quote, a stray character), with the parser the door uses ({@link CsvRows}). DuckDB's own
 * message for such a file ("Error when sniffing file ... It was not possible to automatically
 * detect the CSV parsing dialect", with its candidates) names neither the line nor what to do.
 */
final class ReferenceCsvCheck {
  private ReferenceCsvCheck() {}

  /** What is wrong with {@code file} as CSV, naming it and the line, or empty if it parses. */
  static Optional<String> problem(Path file) {
    if (!file.getFileName().toString().endsWith(".csv") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      CsvRows.rows(in, file.toString());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }
}
