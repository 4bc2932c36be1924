package io.qualityloop.ingestion.importer;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a heading row, via Apache Commons CSV (quotes, embedded commas and line breaks).
 * Encoding: UTF-8 (with or without BOM), GBK or GB18030 (Chinese Excel saves CSV as GBK); "auto"
 * takes UTF-16 when the file starts with its byte-order mark or has the NUL bytes of UTF-16
 * (Excel's "Unicode text", whose cells are separated by tabs), else UTF-8 when the whole file
 * decodes as UTF-8, else GB18030 (a superset of GBK). A file of bytes that are no text is refused.
 */
final class CsvTableReader implements TableReader {
  private final Path file;
  private final Charset charset;
  private final List<String> headings;

  /** The record (0-based, blank lines not counted) of the headings: the data follows it. */
  private final long headingRecord;

  /** The cells' separator: a comma, or a tab in Excel's "Unicode text" (UTF-16). */
  private final char delimiter;

  private CsvTableReader(
      Path file, Charset charset, char delimiter, List<String> headings, long headingRecord) {
    this.file = file;
    this.charset = charset;
    this.delimiter = delimiter;
    this.headings = headings;
    this.headingRecord = headingRecord;
  }

  /** The bytes of a file's start that tell whether it is text, and which. */
  private static final int SAMPLE_BYTES = 64 * 1024;

  /**
   * Characters no text file holds: control characters other than tab and line ends, unassigned and
   * private-use code points, and the replacement character of bytes that decode to none.
   */
  private static final Pattern NOT_TEXT =
      Pattern.compile("[\\p{Cc}\\p{Co}\\p{Cs}\\p{Cn}\\uFFFD&&[^\\t\\n\\r]]");

  static CsvTableReader open(Path file, String encoding, Predicate<List<String>> isHeadingRow)
      throws IOException {
    Charset charset =
        "auto".equalsIgnoreCase(encoding)
            ? detect(file)
            : Charset.forName(encoding.toUpperCase(Locale.ROOT));
    byte[] sample;
    try (InputStream in = Files.newInputStream(file)) {
      sample = in.readNBytes(SAMPLE_BYTES);
    }
    boolean utf16 = charset.name().startsWith("UTF-16");
    // a stray control character in a text (pasted from another program) is no reason to refuse it
    if (!utf16 && controlBytes(sample) * 100L > sample.length) {
      throw notText(file, "it holds bytes no text has");
    }
    char delimiter = utf16 ? delimiter(new String(sample, charset)) : ',';
    List<List<String>> first = new ArrayList<>();
    try (CSVParser parser = parser(file, charset, delimiter)) {
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
    for (List<String> row : first.subList(0, heading + 1)) {
      if (row.stream().anyMatch(c -> NOT_TEXT.matcher(c).find())) {
        throw notText(file, "its first rows are no text in " + charset.name());
      }
    }
    return new CsvTableReader(file, charset, delimiter, first.get(heading), heading);
  }

  /** Refuses a file whose bytes are no text, without a byte of it in the message. */
  private static IOException notText(Path file, String why) {
    return new IOException(
        file
            + " is not a text file (CSV): "
            + why
            + ". Save the form from Excel as \"CSV UTF-8\", \"CSV\" or \"Excel Workbook"
            + " (*.xlsx)\"");
  }

  /**
   * How many bytes of {@code sample} are control characters other than tab, line feed, form feed,
   * carriage return and the end-of-file mark (0x1A) some programs leave: none in a text file in
   * UTF-8, GBK or GB18030 (their multi-byte characters' bytes are 0x40 and above) but a stray one,
   * about one in nine of random bytes.
   */
  private static int controlBytes(byte[] sample) {
    int n = 0;
    for (byte b : sample) {
      if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1A) {
        n++;
      }
    }
    return n;
  }

  /**
   * The separator of a UTF-16 file's cells, from its start: Excel's "Unicode text" separates them
   * with tabs; a UTF-16 file with more commas than tabs is CSV.
   */
  private static char delimiter(String start) {
    long tabs = start.chars().filter(c -> c == '\t').count();
    long commas = start.chars().filter(c -> c == ',').count();
    return tabs > commas ? '\t' : ',';
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
    if (all.length >= 2
        && ((all[0] == (byte) 0xFF && all[1] == (byte) 0xFE)
            || (all[0] == (byte) 0xFE && all[1] == (byte) 0xFF))) {
      return StandardCharsets.UTF_16; // its byte-order mark says which end comes first
    }
    Charset utf16 = utf16WithoutByteOrderMark(all);
    if (utf16 != null) {
      return utf16;
    }
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

  /**
   * UTF-16LE or UTF-16BE for UTF-16 without a byte-order mark, told by its NUL bytes: the high byte
   * of every ASCII character (digits, commas, line ends), always on the same side of each pair;
   * else null.
   */
  private static Charset utf16WithoutByteOrderMark(byte[] all) {
    int length = Math.min(all.length, SAMPLE_BYTES) & ~1;
    int even = 0;
    int odd = 0;
    for (int i = 0; i < length; i += 2) {
      even += all[i] == 0 ? 1 : 0;
      odd += all[i + 1] == 0 ? 1 : 0;
    }
    int pairs = length / 2;
    // a tenth of the characters ASCII at least, and the NULs of random bytes on both sides
    if (odd * 10 >= pairs && odd > 0 && even * 20 <= odd) {
      return StandardCharsets.UTF_16LE;
    }
    if (even * 10 >= pairs && even > 0 && odd * 20 <= even) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static CSVParser parser(Path file, Charset charset, char delimiter) throws IOException {
    return parser(
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset)), delimiter);
  }

  private static CSVParser parser(Reader reader, char delimiter) throws IOException {
    return CSVFormat.DEFAULT
        .builder()
        .setDelimiter(delimiter)
        .setIgnoreEmptyLines(true)
        .setTrim(true)
        .get()
        .parse(reader);
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
    try (CSVParser parser = parser(new BufferedReader(lines), delimiter)) {
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
