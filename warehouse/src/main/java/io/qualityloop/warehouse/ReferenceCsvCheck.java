package io.qualityloop.warehouse;

import io.qualityloop.events.CsvRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one line which line of a company-edited reference CSV file stops DuckDB: a file that is
 * not valid CSV (an unclosed quote), found with the parser the door uses ({@link CsvRows}), or a
 * row DuckDB cannot convert (a number written "1,420"), read from DuckDB's error. DuckDB's own
 * messages for these run to thirty lines ("Error when sniffing file ...", the reader's settings)
 * and, for the first, name no line.
 */
final class ReferenceCsvCheck {
  private static final Pattern CSV_ERROR = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern FILE = Pattern.compile("(?m)^\\s*file = (.+)$");

  private ReferenceCsvCheck() {}

  /**
   * The file, line and reason of a DuckDB CSV error ({@code CSV Error on Line: N}, then the line,
   * the reason and some twenty lines of reader settings) in one line, or empty if {@code failure}
   * is no such error.
   */
  static Optional<String> rowDuckDbRejected(Exception failure) {
    String message = String.valueOf(failure.getMessage());
    Matcher line = CSV_ERROR.matcher(message);
    Matcher file = FILE.matcher(message);
    if (!line.find() || !file.find()) {
      return Optional.empty();
    }
    List<String> lines = message.lines().map(String::strip).toList();
    String reason =
        lines.stream()
            .filter(l -> l.startsWith("Error when converting column"))
            .findFirst()
            .orElseGet(
                () -> {
                  // the line after "Original Line: ..." says what is wrong
                  int original = -1;
                  for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("Original Line:")) {
                      original = i;
                    }
                  }
                  return original >= 0 && original + 1 < lines.size()
                      ? lines.get(original + 1)
                      : "DuckDB cannot read this row";
                });
    return Optional.of(file.group(1).strip() + " line " + line.group(1) + ": " + reason);
  }

  /**
   * What is wrong with {@code file} as CSV, naming it and the line: not valid CSV, or a row with
   * filled cells past the header; empty if neither.
   */
  static Optional<String> problem(Path file) {
    if (!file.getFileName().toString().endsWith(".csv") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return CsvRows.rows(in, file.toString()).stream()
          .filter(r -> r.filledPastHeader() > 0)
          .findFirst()
          .map(
              r ->
                  file
                      + " line "
                      + r.line()
                      + ": "
                      + (r.filledPastHeader() == 1 ? "a cell" : r.filledPastHeader() + " cells")
                      + " past the header's last column: a cell holding a comma without quotes"
                      + " around it?");
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }
}
