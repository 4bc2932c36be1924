package io.qualityloop.ingestion.importer;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a heading row, via Apache Commons CSV (quotes, embedded commas and line breaks).
 * Encoding: UTF-8 (with or without BOM), GBK or GB18030 (Chinese Excel saves CSV as GBK); "auto"
 * takes UTF-8 when the whole file decodes as UTF-8, else GB18030 (a superset of GBK).
 */
final class CsvTableReader implements TableReader {
  private final Path file;
  private final Charset charset;
  private final List<String> headings;

  /** The record (0-based, blank lines not counted) of the headings: the data follows it. */
  private final long headingRecord;

  private CsvTableReader(Path file, Charset charset, List<String> headings, long headingRecord) {
    this.file = file;
    this.charset = charset;
    this.headings = headings;
    this.headingRecord = headingRecord;
  }

  static CsvTableReader open(Path file, String encoding, Predicate<List<String>> isHeadingRow)
      throws IOException {
    Charset charset =
        "auto".equalsIgnoreCase(encoding)
            ? detect(file)
            : Charset.forName(encoding.toUpperCase(Locale.ROOT));
    List<List<String>> first = new ArrayList<>();
    try (CSVParser parser = parser(file, charset)) {
      for (CSVRecord r : parser) {
        List<String> cells = new ArrayList<>(r.size());
        r.forEach(c -> cells.add(clean(c)));
        first.add(cells);
        if (first.size() > MOST_ROWS_ABOVE_HEADINGS) {
          break;
        }
      }
    } catch (UncheckedIOException e) {
      throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
    }
    int heading = TableReader.headingRow(first, isHeadingRow);
    if (heading < 0) {
      throw new IOException(file + " is empty: no heading row");
    }
    return new CsvTableReader(file, charset, first.get(heading), heading);
  }

  Charset charset() {
    return charset;
  }

  /**
   * UTF-8 when the whole file decodes as UTF-8 (strictly), else GB18030, which reads GBK and GB2312
   * too.
   */
  static Charset detect(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(all));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException notUtf8) {
      return Charset.forName("GB18030");
    }
  }

  private static CSVParser parser(Path file, Charset charset) throws IOException {
    return parser(new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset)));
  }

  private static CSVParser parser(Reader reader) throws IOException {
    return CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get().parse(reader);
  }

  /** Headings lose a UTF-8 byte-order mark and surrounding spaces. */
  private static String clean(String heading) {
    return heading.replace("\uFEFF", "").trim();
  }

  @Override
  public List<String> headings() {
    return headings;
  }

  @Override
  public void forEachRow(Consumer<Row> action) throws IOException {
    LineStarts lines = new LineStarts(new InputStreamReader(Files.newInputStream(file), charset));
    try (CSVParser parser = parser(new BufferedReader(lines))) {
      for (CSVRecord r : parser) {
        if (r.getRecordNumber() <= headingRecord + 1) {
          continue; // the heading row and the title lines above it
        }
        List<String> cells = new ArrayList<>(r.size());
        r.forEach(cells::add);
        // a row of empty cells (",,,," as Excel saves formatted but empty rows) is no row, as in
        // a workbook
        if (cells.stream().anyMatch(c -> !c.isEmpty())) {
          action.accept(new Row(lines.lineOf(r.getCharacterPosition()), cells));
        }
      }
    } catch (UncheckedIOException e) {
      throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * The characters read through it, with where each line starts: the line of a record is where it
   * starts, after blank lines the parser skipped and after cells spanning lines alike. A line ends
   * at CR LF, LF or CR.
   */
  private static final class LineStarts extends FilterReader {
    private long[] starts = {0};
    private int lines = 1;
    private long position;
    private boolean afterCr;

    LineStarts(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        passed((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        passed(buffer[offset + i]);
      }
      return n;
    }

    private void passed(char c) {
      position++;
      boolean lf = c == '\n';
      if (c == '\r' || (lf && !afterCr)) {
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = position;
      }
      afterCr = c == '\r';
    }

    /** The line (from 1) of the character at {@code position}. */
    long lineOf(long position) {
      int i = Arrays.binarySearch(starts, 0, lines, position);
      return i >= 0 ? i + 1 : -i - 1;
    }
  }
}
