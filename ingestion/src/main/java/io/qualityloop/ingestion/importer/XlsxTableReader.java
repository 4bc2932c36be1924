package io.qualityloop.ingestion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first sheet of an .xlsx workbook, streamed with fastexcel-reader (small and fast, no Apache
 * POI). Cells are read as the text Excel shows; a formula cell gives its last computed value, never
 * its formula. Cells merged down over data rows are read on every row they span ({@link
 * MergedCells}, read apart: fastexcel-reader does not expose them).
 */
final class XlsxTableReader implements TableReader {
  private static final Logger LOG = LoggerFactory.getLogger(XlsxTableReader.class);

  private final Path file;
  private final List<String> headings;

  /** The sheet's row number (1-based) of the headings: the data follows it. */
  private final int headingRowNum;

  private XlsxTableReader(Path file, List<String> headings, int headingRowNum) {
    this.file = file;
    this.headings = headings;
    this.headingRowNum = headingRowNum;
  }

  static XlsxTableReader open(Path file, Predicate<List<String>> isHeadingRow) throws IOException {
    List<List<String>> first = new ArrayList<>();
    List<Integer> rowNums = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        ReadableWorkbook wb = workbook(file, in)) {
      Sheet sheet = wb.getFirstSheet();
      try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
        rows.limit(MOST_ROWS_ABOVE_HEADINGS + 1)
            .forEach(
                r -> {
                  List<String> cells = new ArrayList<>();
                  r.forEach(c -> cells.add(text(c).trim()));
                  first.add(cells);
                  rowNums.add(r.getRowNum());
                });
      }
    }
    int heading = TableReader.headingRow(first, isHeadingRow);
    if (heading < 0) {
      throw new IOException(file + " is empty: no heading row on its first sheet");
    }
    return new XlsxTableReader(file, first.get(heading), rowNums.get(heading));
  }

  /**
   * The workbook in {@code in}, or an error that says what the file is not: an empty file, an old
   * .xls or a CSV renamed .xlsx is no zip of sheets, and the reader's own message ("Error reading
   * Zip content") tells a user nothing.
   */
  private static ReadableWorkbook workbook(Path file, InputStream in) throws IOException {
    try {
      // with each cell's number format, which tells a date typed into a cell from a number
      return new ReadableWorkbook(in, new ReadingOptions(true, false));
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
      case NUMBER ->
          isDateFormat(cell.getDataFormatId(), cell.getDataFormatString())
              ? dateText(cell, cell.getDataFormatString())
              : cell.asNumber().stripTrailingZeros().toPlainString();
      case BOOLEAN -> String.valueOf(cell.asBoolean());
      default -> cell.getText();
    };
  }

  /**
   * A date or time typed into a cell, which Excel keeps as a day number (46266.385 for 2026-09-01
   * 09:15) and shows through the cell's format, as the importer reads dates: {@code 2026-09-01
   * 09:15:00}, or {@code 2026-09-01} when the format shows no time of day.
   */
  private static String dateText(Cell cell, String format) {
    LocalDateTime at = cell.asDate();
    String shown = withoutLiterals(format == null ? "" : format);
    boolean time = shown.contains("h") || shown.contains("s");
    return time ? at.format(DATE_TIME) : at.toLocalDate().toString();
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * Whether a number format shows a date or a time: one of Excel's built-in date formats (14-22,
   * and 27-36 and 50-58 of the Chinese, Japanese and Korean editions, 45-47 for times), or a custom
   * format with a year, day or hour token outside its quoted text and brackets ({@code
   * yyyy"年"m"月"d"日"}, {@code yyyy/m/d h:mm}).
   */
  static boolean isDateFormat(Integer id, String format) {
    if (id != null
        && ((id >= 14 && id <= 22)
            || (id >= 27 && id <= 36)
            || (id >= 45 && id <= 47)
            || (id >= 50 && id <= 58))) {
      return true;
    }
    if (format == null) {
      return false;
    }
    String shown = withoutLiterals(format);
    return shown.contains("y") || shown.contains("d") || shown.contains("h");
  }

  /**
   * A number format without its quoted text, escaped characters and bracketed parts, lower case.
   */
  private static String withoutLiterals(String format) {
    return format
        .replaceAll("\"[^\"]*\"", "")
        .replaceAll("\\\\.", "")
        .replaceAll("\\[[^\\]]*\\]", "")
        .toLowerCase(Locale.ROOT);
  }

  @Override
  public List<String> headings() {
    return headings;
  }

  @Override
  public void forEachRow(Consumer<Row> action) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        ReadableWorkbook wb = workbook(file, in)) {
      Sheet sheet = wb.getFirstSheet();
      MergedDown merged = new MergedDown(mergedCells(file, sheet.getId()), headingRowNum);
      try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
        rows.filter(r -> r.getRowNum() > headingRowNum)
            .forEach(
                r -> {
                  List<String> cells = new ArrayList<>();
                  for (int i = 0; i < Math.max(r.getCellCount(), headings.size()); i++) {
                    cells.add(i < r.getCellCount() ? text(r.getCell(i)).trim() : "");
                  }
                  // a row of empty cells is no row, also inside a merged region
                  if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                    merged.fill(r.getRowNum(), cells);
                    action.accept(new Row(r.getRowNum(), cells));
                  }
                });
      }
    }
  }

  /**
   * The sheet's merged cells; none, with a warning, when they cannot be read (the rows are then
   * read as fastexcel-reader gives them: a workbook it reads is never refused for its merges).
   */
  private static List<MergedCells.Region> mergedCells(Path file, String sheetId) {
    try {
      return MergedCells.of(file, sheetId);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{}: its merged cells cannot be read, rows read without them: {}", file, e.toString());
      return List.of();
    }
  }

  /**
   * Cells merged over several data rows, read as the form means them: the value Excel keeps in the
   * region's top-left cell is the value of the region's first column on every row it spans. A
   * region's other columns stay empty (a value spanning columns belongs to its first), and a region
   * starting at or above the headings is a heading, not data. Rows come in order, so only the
   * regions spanning the current row are looked at.
   */
  private static final class MergedDown {
    private final List<MergedCells.Region> waiting;
    private final List<MergedCells.Region> spanning = new ArrayList<>();
    private final Map<MergedCells.Region, String> values = new HashMap<>();
    private int next;

    MergedDown(List<MergedCells.Region> all, int headingRowNum) {
      this.waiting =
          all.stream()
              .filter(g -> g.spansRows() && g.firstRow() > headingRowNum)
              .sorted(Comparator.comparingInt(MergedCells.Region::firstRow))
              .toList();
    }

    void fill(int rowNum, List<String> cells) {
      while (next < waiting.size() && waiting.get(next).firstRow() <= rowNum) {
        spanning.add(waiting.get(next++));
      }
      spanning.removeIf(g -> g.lastRow() < rowNum);
      for (MergedCells.Region g : spanning) {
        if (rowNum == g.firstRow()) {
          values.put(g, g.firstColumn() < cells.size() ? cells.get(g.firstColumn()) : "");
        } else if (g.firstColumn() < cells.size() && cells.get(g.firstColumn()).isEmpty()) {
          cells.set(g.firstColumn(), values.getOrDefault(g, ""));
        }
      }
    }
  }
}
