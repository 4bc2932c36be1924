package io.qualityloop.ingestion.importer;

import io.qualityloop.events.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a company form's column headings map to a contract's fields, and how its fixed values (环节 受理,
 * 渠道 电话...) map to the contract's values. Read from a UTF-8 properties file the user can edit; the
 * shipped ones are {@code import/<stream>.properties} and {@code
 * import/complaint-ledger.properties}.
 *
 * <p>Keys: {@code column.<heading>=<field>} (or {@code personal.<kind>}, never stored; or {@code
 * <STEP>.<field>} on a ledger, below); {@code value.<field>.<form's word>=<contract value>}; {@code
 * constant.<field>=<value>}: the field's value on every row of the file that gives none (the survey
 * type of a file of first revisits), translated like a cell. A ledger (台账) keeps one row per
 * complaint with a time column per milestone: {@code column.受理时间=ACCEPTED.occurred_at} makes each
 * filled milestone a step of its own, {@code column.投诉类别=ACCEPTED.category} puts a field on that
 * step only, plain fields go on every step of the row.
 */
public record FormMapping(
    String form,
    Map<String, String> columns,
    Map<String, Map<String, String>> values,
    Map<String, String> constants) {
  public static final String PERSONAL = "personal.";

  /**
   * The shipped mapping of the complaint ledger (投诉台账), chosen for a file whose name contains
   * {@value #LEDGER_NAME}.
   */
  public static final String LEDGER = "complaint-ledger";

  public static final String LEDGER_NAME = "台账";

  /** The streams a company's form feeds (the follow-up events come from the drill-down only). */
  public static final List<EventStream> FORM_STREAMS =
      List.of(
          EventStream.SERVICE_INTERACTIONS,
          EventStream.COMPLAINT_EVENTS,
          EventStream.CALLBACK_SURVEYS);

  public static FormMapping shipped(EventStream stream) {
    return shipped(stream.defaultTopic().replace("ql.", "").replace(".v1", ""));
  }

  /**
   * The shipped mapping for {@code file} of {@code stream}: the complaint ledger's when the stream
   * is complaint-events and the file's name contains 台账 or its headings are a ledger's, else the
   * stream's form.
   */
  public static FormMapping shippedFor(EventStream stream, Path file) {
    if (stream == EventStream.COMPLAINT_EVENTS) {
      if (file.getFileName().toString().contains(LEDGER_NAME)) {
        return shipped(LEDGER);
      }
      try {
        Optional<Form> form = recognise(file, "auto");
        if (form.isPresent() && form.get().mapping().ledger()) {
          return form.get().mapping();
        }
      } catch (IOException | RuntimeException e) {
        // unreadable: the import says why
      }
    }
    return shipped(stream);
  }

  /** A shipped form: the stream it feeds and its mapping. */
  public record Form(EventStream stream, FormMapping mapping) {
    /**
     * Whether {@code headings} hold a column for every field this form needs (a ledger: and the
     * times of two milestones at least, which its rows' steps are made of: a survey's 回访时间 alone is
     * one of them, and a survey lacking a column must not be taken for a ledger).
     */
    boolean fits(List<String> headings) {
      boolean milestones =
          !mapping.ledger()
              || headings.stream()
                      .map(h -> mapping.columns().getOrDefault(h, ""))
                      .filter(t -> isStepTarget(t) && t.endsWith(".occurred_at"))
                      .distinct()
                      .count()
                  >= 2;
      return milestones
          && new RowMapper(stream, mapping, headings, null, null)
              .missingRequired(RowMapper.requiredFields(stream))
              .isEmpty();
    }
  }

  /** The shipped forms, the complaint form before the complaint ledger. */
  private static List<Form> shippedForms() {
    List<Form> forms = new ArrayList<>();
    for (EventStream stream : FORM_STREAMS) {
      forms.add(new Form(stream, shipped(stream)));
      if (stream == EventStream.COMPLAINT_EVENTS) {
        forms.add(new Form(stream, shipped(LEDGER)));
      }
    }
    return forms;
  }

  /**
   * The shipped form {@code file} is, told by its heading row (found below any title lines, as an
   * import finds it): the form whose required columns are all there, a form before the complaint
   * ledger. Empty when none is, or when the forms of more than one stream are.
   *
   * @throws IOException when the file cannot be read (an old .xls, no workbook)
   */
  public static Optional<Form> recognise(Path file, String encoding) throws IOException {
    List<Form> forms = shippedForms();
    List<String> headings =
        TableReader.open(file, encoding, cells -> forms.stream().anyMatch(f -> f.fits(cells)))
            .headings();
    List<Form> fitting = forms.stream().filter(f -> f.fits(headings)).toList();
    if (fitting.size() > 1) {
      // a ledger needs the fewest columns (its steps' types and ids are its milestones): another
      // form that fits is the more exact (a survey's 回访时间 is also a ledger's milestone)
      fitting = fitting.stream().filter(f -> !f.mapping().ledger()).toList();
    }
    if (fitting.isEmpty() || fitting.stream().map(Form::stream).distinct().count() > 1) {
      return Optional.empty();
    }
    return Optional.of(fitting.get(0));
  }

  private static FormMapping shipped(String name) {
    String resource = "/import/" + name + ".properties";
    try (InputStream in = FormMapping.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no shipped mapping " + resource);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FormMapping read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mapping file " + file, e);
    }
  }

  private static FormMapping parse(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    Map<String, String> constants = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.startsWith("constant.")) {
        String field = key.substring("constant.".length()).trim();
        if (field.isEmpty() || value.isEmpty()) {
          throw new IllegalArgumentException(
              "mapping key " + key + " is not constant.<field>=<value>");
        }
        constants.put(field, value);
      } else if (key.startsWith("column.")) {
        columns.put(key.substring("column.".length()).trim(), value);
      } else if (key.startsWith("value.")) {
        String rest = key.substring("value.".length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException(
              "mapping key " + key + " is not value.<field>.<label>");
        }
        values
            .computeIfAbsent(rest.substring(0, dot), f -> new LinkedHashMap<>())
            .put(rest.substring(dot + 1).trim(), value);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "the mapping maps no column (expected lines like column.事件编号=event_id)");
    }
    return new FormMapping(
        p.getProperty("form", "?"), Map.copyOf(columns), Map.copyOf(values), Map.copyOf(constants));
  }

  /**
   * Whether a column target names a ledger step's field ({@code ACCEPTED.occurred_at}): upper-case
   * step, dot, field.
   */
  static boolean isStepTarget(String target) {
    return target != null && target.matches("[A-Z][A-Z_]*\\.[a-z_]+");
  }

  /** Whether the form is a ledger: one row per complaint, a time column per milestone. */
  public boolean ledger() {
    return columns.values().stream().anyMatch(t -> isStepTarget(t) && t.endsWith(".occurred_at"));
  }
}
