package io.qualityloop.ingestion.importer;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.privacy.TextScrubber;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Imports one file of a company form (CSV in UTF-8 or GBK/GB18030, or .xlsx) into a stream: each
 * row is mapped to the contract, pseudonymised, validated exactly as the lake job will, and
 * published; a row that fails goes to the rejects file next to the input with its line and reason,
 * and never stops the file. Personal columns are dropped at this door.
 */
public final class FileImporter {
  private final EventStream stream;
  private final FormMapping mapping;
  private final EventValidator validator;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId zone;
  private final Clock clock;

  public FileImporter(
      EventStream stream,
      FormMapping mapping,
      EventValidator validator,
      Pseudonymizer pseudonymizer,
      ZoneId zone,
      Clock clock) {
    this.stream = stream;
    this.mapping = mapping;
    this.validator = validator;
    this.pseudonymizer = pseudonymizer;
    this.zone = zone;
    this.clock = clock;
  }

  /** The rejects file of {@code input}: {@code <name>.rejects.csv} beside it. */
  public static Path rejectsFileOf(Path input) {
    return input.resolveSibling(input.getFileName() + ".rejects.csv");
  }

  /**
   * A CSV row with more cells than the heading row was split where it should not be: most often a
   * comma in a cell without quotes around it, which moves every later cell one column to the right
   * (and when the last columns are empty, the extra cell is empty too). Rejected whole rather than
   * read with its cells in the wrong columns. A row as wide as the heading row, empty cells
   * included, is fine: Excel saves every row of a sheet as wide as its widest. (A workbook has no
   * such ambiguity: a note right of the table is ignored there.)
   */
  private static void requireNoCellsPastTheHeadings(List<String> cells, List<String> headings)
      throws RowMapper.RowException {
    if (cells.size() > headings.size()) {
      throw new RowMapper.RowException(
          cells.size()
              + " cells, but the heading row has "
              + headings.size()
              + ": a cell holding a comma without quotes around it? Its cells would be read in the"
              + " wrong columns; put the cell in double quotes");
    }
  }

  /** The most columns named when a heading row holds values. */
  private static final int MOST_COLUMNS_NAMED = 4;

  /**
   * Characters that are no text: control, format (zero-width) and private-use characters,
   * unassigned code points and the replacement character of bytes that decode to none.
   */
  private static final Pattern NOT_TEXT =
      Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}\\p{Cn}\\uFFFD]");

  /** The longest heading quoted whole in a message. */
  private static final int LONGEST_HEADING = 30;

  /**
   * What a file's heading row holds, for the message refusing the file: its headings, or, when it
   * holds values (a file without its heading row, whose first row is data: ids, times, a customer's
   * name and phone number), the columns that hold them and never a value, which would carry
   * personal data into the log.
   */
  private static String whatTheHeadingRowHolds(List<String> headings) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < headings.size(); i++) {
      if (looksLikeAValue(headings.get(i))) {
        columns.add(columnLetters(i));
      }
    }
    if (columns.isEmpty()) {
      return "Its headings are: "
          + String.join(", ", headings.stream().map(FileImporter::quotable).toList());
    }
    return "Its first row holds values, not headings (numbers, dates or codes in column"
        + (columns.size() > 1 ? "s " : " ")
        + String.join(", ", columns.subList(0, Math.min(columns.size(), MOST_COLUMNS_NAMED)))
        + (columns.size() > MOST_COLUMNS_NAMED ? ", …" : "")
        + "): the form's heading row is missing, or not among its first "
        + (TableReader.MOST_ROWS_ABOVE_HEADINGS + 1)
        + " rows";
  }

  /**
   * A cell that is a value rather than a heading: half its characters or more are digits (an id
   * such as R20260901001 or P01, a time, a room, a count), or it holds a phone, ID-card number or
   * e-mail address. A heading is words ("来电时间"; a title line "登记表（2026年9月）" is mostly words too).
   */
  private static boolean looksLikeAValue(String cell) {
    if (cell == null || cell.isBlank()) {
      return false;
    }
    if (TextScrubber.personalData(cell) != null) {
      return true;
    }
    int digits = 0;
    int chars = 0;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (!Character.isWhitespace(c)) {
        chars++;
        if (c >= '0' && c <= '9') {
          digits++;
        }
      }
    }
    return digits * 2 >= chars;
  }

  /** Column {@code index} (from 0) as a spreadsheet names it: A, B, ... Z, AA, AB ... */
  private static String columnLetters(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }

  /**
   * A heading as a message may quote it: without control or invisible characters, and shortened
   * past {@value #LONGEST_HEADING} characters.
   */
  private static String quotable(String heading) {
    String s = heading == null ? "" : NOT_TEXT.matcher(heading).replaceAll("");
    return s.length() > LONGEST_HEADING ? s.substring(0, LONGEST_HEADING) + "…" : s;
  }

  /**
   * Whether {@code cells} are the heading row of this form, or of another shipped form (so that a
   * file sent to the wrong stream is still named by its headings): every required column is there.
   */
  private boolean isHeadingRow(List<String> cells) {
    return new RowMapper(stream, mapping, cells, pseudonymizer, zone)
            .missingRequired(RowMapper.requiredFields(stream))
            .isEmpty()
        || formWithTheseHeadings(cells).isPresent();
  }

  /**
   * Another shipped form whose required columns {@code headings} all have, said as the hint a user
   * needs when a file went to the wrong stream (a survey workbook dropped into complaint-events/).
   */
  private Optional<String> formWithTheseHeadings(List<String> headings) {
    for (EventStream other : FormMapping.FORM_STREAMS) {
      if (other == stream) {
        continue;
      }
      FormMapping form = FormMapping.shipped(other);
      if (new RowMapper(other, form, headings, pseudonymizer, zone)
          .missingRequired(RowMapper.requiredFields(other))
          .isEmpty()) {
        return Optional.of(
            "They are the headings of a "
                + form.form()
                + " ("
                + other.tableName().replace('_', '-')
                + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * How many rows {@link #run} reads from {@code file}: those below its heading row, titles above
   * it not counted (a progress bar's total); -1 when the file cannot be read.
   */
  public long rowsIn(Path file, String encoding) {
    try {
      long[] rows = {0};
      TableReader.open(file, encoding, this::isHeadingRow).forEachRow(r -> rows[0]++);
      return rows[0];
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Imports {@code file}; valid events go to {@code publish}, {@code progress} hears of each row.
   *
   * @throws ImportException when the file as a whole cannot be imported (empty, unreadable, or
   *     lacking a required column)
   */
  public ImportSummary run(
      Path file, String encoding, Consumer<QualityEvent> publish, LongConsumer progress)
      throws ImportException {
    TableReader reader;
    try {
      // A form may have a title and a line such as 填表日期 above its headings.
      reader = TableReader.open(file, encoding, this::isHeadingRow);
    } catch (IOException | IllegalArgumentException e) {
      throw new ImportException(about(file, reason(e)));
    }
    if (mapping.ledger() && stream != EventStream.COMPLAINT_EVENTS) {
      throw new ImportException(
          file
              + ": the mapping "
              + mapping.form()
              + " has milestone columns (STEP.occurred_at), which only complaint-events have");
    }
    for (String target : mapping.columns().values()) {
      String step =
          FormMapping.isStepTarget(target) ? target.substring(0, target.indexOf('.')) : null;
      if (step != null
          && Arrays.stream(LifecycleEventType.values()).noneMatch(t -> t.name().equals(step))) {
        throw new ImportException(
            "the mapping "
                + mapping.form()
                + " maps a column to "
                + target
                + ", but "
                + step
                + " is not a step: use one of "
                + Arrays.toString(LifecycleEventType.values()));
      }
    }
    RowMapper mapper = new RowMapper(stream, mapping, reader.headings(), pseudonymizer, zone);
    List<String> missing = mapper.missingRequired(RowMapper.requiredFields(stream));
    if (!missing.isEmpty()) {
      throw new ImportException(
          file
              + " is not a "
              + mapping.form()
              + ": it has no column for "
              + String.join(", ", missing)
              + ". "
              + whatTheHeadingRowHolds(reader.headings())
              + formWithTheseHeadings(reader.headings()).map(f -> ". " + f).orElse(""));
    }
    String charset = reader instanceof CsvTableReader csv ? csv.charset().name() : "xlsx";
    Path rejectsFile = rejectsFileOf(file);
    long[] counts = new long[3]; // read, published, rejected
    try (BufferedWriter w = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8)) {
      w.write('\uFEFF'); // so that Excel opens the Chinese text as UTF-8
      List<String> header = new ArrayList<>(List.of("行号", "原因", "说明"));
      header.addAll(reader.headings());
      try (CSVPrinter rejects =
          new CSVPrinter(
              w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
        reader.forEachRow(
            row -> {
              counts[0]++;
              String where = file.getFileName() + ":" + row.line();
              List<String[]> rejections = new ArrayList<>();
              try {
                if (reader instanceof CsvTableReader) {
                  requireNoCellsPastTheHeadings(row.cells(), reader.headings());
                }
                for (byte[] json : mapper.map(row.cells())) {
                  Validation v = validator.validate(json, clock.instant(), where);
                  if (v instanceof Validation.Valid valid) {
                    publish.accept(valid.event());
                    counts[1]++;
                  } else {
                    Validation.Invalid invalid = (Validation.Invalid) v;
                    rejections.add(new String[] {invalid.reason().name(), invalid.message()});
                  }
                }
              } catch (RowMapper.RowException e) {
                rejections.add(new String[] {"UNMAPPABLE", where + ": " + e.getMessage()});
              }
              if (!rejections.isEmpty() && reader instanceof CsvTableReader csv) {
                MixedEncoding.hint(row.cells(), csv.charset())
                    .ifPresent(hint -> rejections.forEach(r -> r[1] = r[1] + hint));
              }
              for (String[] rejection : rejections) {
                counts[2]++;
                List<String> line =
                    new ArrayList<>(
                        List.of(String.valueOf(row.line()), rejection[0], rejection[1]));
                row.cells().forEach(c -> line.add(defuse(c)));
                try {
                  rejects.printRecord(line);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              progress.accept(1);
            });
      }
    } catch (IOException e) {
      throw new ImportException(about(file, reason(e)));
    } catch (UncheckedIOException e) {
      throw new ImportException(about(file, reason(e.getCause())));
    }
    if (counts[2] == 0) {
      try {
        Files.deleteIfExists(rejectsFile);
      } catch (IOException ignored) {
        // an empty rejects file left behind is harmless
      }
    }
    return new ImportSummary(
        file.toString(),
        charset,
        counts[0],
        counts[1],
        counts[2],
        rejectsFile,
        mapper.unmappedHeadings());
  }

  /**
   * Why reading or writing failed, for a person: a file-system error's message is often the bare
   * path ({@code AccessDeniedException}, {@code NoSuchFileException}).
   */
  private static String reason(Exception e) {
    if (e instanceof FileSystemException f) {
      String why =
          e instanceof AccessDeniedException
              ? "permission denied"
              : e instanceof NoSuchFileException
                  ? "no such file"
                  : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
      return (f.getFile() == null ? "" : f.getFile() + ": ") + why;
    }
    return e.getMessage();
  }

  /** A message about {@code file}: named once, also when the reader's message names it already. */
  private static String about(Path file, String message) {
    return message != null && message.startsWith(file.toString()) ? message : file + ": " + message;
  }

  /** A cell written back to a CSV the user will open in Excel must not run as a formula. */
  private static String defuse(String cell) {
    return cell != null && !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0
        ? "'" + cell
        : cell;
  }

  /** The file as a whole cannot be imported; the message says why, for a person. */
  public static final class ImportException extends Exception {
    public ImportException(String message) {
      super(message);
    }
  }
}
