package io.qualityloop.ingestion.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
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

  private CsvTableReader(Path file, Charset charset, List<String> headings) {
    this.file = file;
    this.charset = charset;
    this.headings = headings;
  }

  static CsvTableReader open(Path file, String encoding) throws IOException {
    Charset charset =
        "auto".equalsIgnoreCase(encoding)
            ? detect(file)
            : Charset.forName(encoding.toUpperCase(Locale.ROOT));
    try (CSVParser parser = parser(file, charset)) {
      List<String> headings = parser.getHeaderNames().stream().map(CsvTableReader::clean).toList();
      if (headings.isEmpty()) {
        throw new IOException(file + " is empty: no heading row");
      }
      return new CsvTableReader(file, charset, headings);
    }
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
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset));
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true)
        .setAllowMissingColumnNames(true)
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
    try (CSVParser parser = parser(file, charset)) {
      // A record's line is where it starts: a quoted cell may span lines, so count from where the
      // previous record ended (the parser's line count after the heading is 1).
      long previousEnd = parser.getCurrentLineNumber();
      for (CSVRecord r : parser) {
        List<String> cells = new ArrayList<>(r.size());
        r.forEach(cells::add);
        action.accept(new Row(previousEnd + 1, cells));
        previousEnd = parser.getCurrentLineNumber();
      }
    } catch (UncheckedIOException e) {
      throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
