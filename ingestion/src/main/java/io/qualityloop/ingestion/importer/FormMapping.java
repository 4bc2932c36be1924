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
import java.util.Map;
import java.util.Properties;

/**
 * How a company form's column headings map to a contract's fields, and how its fixed values (环节
 * 受理, 渠道 电话...) map to the contract's values. Read from a UTF-8 properties file the user can
 * edit; the shipped ones are {@code import/<stream>.properties}.
 */
public record FormMapping(String form, Map<String, String> columns, Map<String, Map<String, String>> values) {
  public static final String PERSONAL = "personal.";

  public static FormMapping shipped(EventStream stream) {
    String resource = "/import/" + stream.defaultTopic().replace("ql.", "").replace(".v1", "") + ".properties";
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
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.startsWith("column.")) {
        columns.put(key.substring("column.".length()).trim(), value);
      } else if (key.startsWith("value.")) {
        String rest = key.substring("value.".length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("mapping key " + key + " is not value.<field>.<label>");
        }
        values.computeIfAbsent(rest.substring(0, dot), f -> new LinkedHashMap<>()).put(rest.substring(dot + 1).trim(), value);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("the mapping maps no column (expected lines like column.事件编号=event_id)");
    }
    return new FormMapping(p.getProperty("form", "?"), Map.copyOf(columns), Map.copyOf(values));
  }
}
