package io.qualityloop.ingestion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * The first sheet of an .xlsx workbook, streamed with fastexcel-reader (small and fast, no Apache
 * POI). Cells are read as the text Excel shows; a formula cell gives its last computed value, never
 * its formula.
 */
final class XlsxTableReader implements TableReader {
  private final Path file;
  private final List<String> headings;

  private XlsxTableReader(Path file, List<String> headings) {
    this.file = file;
    this.headings = headings;
  }

  static XlsxTableReader open(Path file) throws IOException {
    List<String> headings = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        ReadableWorkbook wb = workbook(file, in)) {
      Sheet sheet = wb.getFirstSheet();
      try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
        rows.findFirst().ifPresent(r -> r.forEach(c -> headings.add(text(c).trim())));
      }
    }
    if (headings.isEmpty()) {
      throw new IOException(file + " is empty: no heading row on its first sheet");
    }
    return new XlsxTableReader(file, headings);
  }

  /**
   * The workbook in {@code in}, or an error that says what the file is not: an empty file, an old
   * .xls or a CSV renamed .xlsx is no zip of sheets, and the reader's own message ("Error reading
   * Zip content") tells a user nothing.
   */
  private static ReadableWorkbook workbook(Path file, InputStream in) throws IOException {
    try {
      return new ReadableWorkbook(in);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          file
              + " is not an Excel workbook (.xlsx)"
              + (Files.size(file) == 0 ? ": the file is empty" : "")
              + ": save it from Excel as \"Excel Workbook (*.xlsx)\" (an .xls or a renamed CSV"
              + " cannot be read)",
          e);
    }
  }

  private static String text(Cell cell) {
    if (cell == null || cell.getRawValue() == null) {
      return "";
    }
    return switch (cell.getType()) {
      case NUMBER -> cell.asNumber().stripTrailingZeros().toPlainString();
      case BOOLEAN -> String.valueOf(cell.asBoolean());
      default -> cell.getText();
    };
  }

  @Override
  public List<String> headings() {
    return headings;
  }

  @Override
  public void forEachRow(Consumer<Row> action) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        ReadableWorkbook wb = workbook(file, in);
        Stream<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().openStream()) {
      rows.skip(1)
          .forEach(
              r -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < Math.max(r.getCellCount(), headings.size()); i++) {
                  cells.add(i < r.getCellCount() ? text(r.getCell(i)).trim() : "");
                }
                if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                  action.accept(new Row(r.getRowNum(), cells));
                }
              });
    }
  }
}
