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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * is complaint-events and the file's name contains 台账, else the stream's form.
   */
  public static FormMapping shippedFor(EventStream stream, Path file) {
    return stream == EventStream.COMPLAINT_EVENTS
            && file.getFileName().toString().contains(LEDGER_NAME)
        ? shipped(LEDGER)
        : shipped(stream);
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
