package io.qualityloop.reports;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where report templates come from: one folder per report holding its page template (Pebble), its
 * SQL queries and its labels. As shipped they are on the classpath; pointed at a directory they can
 * be edited without recompiling.
 */
public final class ReportTemplates {
  private final Path directory;
  private final PebbleEngine engine;

  private ReportTemplates(Path directory) {
    this.directory = directory;
    Loader<String> loader;
    if (directory == null) {
      ClasspathLoader classpath = new ClasspathLoader(ReportTemplates.class.getClassLoader());
      classpath.setPrefix("templates");
      loader = classpath;
    } else {
      FileLoader files = new FileLoader();
      files.setPrefix(directory.toAbsolutePath().toString());
      loader = files;
    }
    this.engine = new PebbleEngine.Builder().loader(loader).strictVariables(true).build();
  }

  public static ReportTemplates shipped() {
    return new ReportTemplates(null);
  }

  public static ReportTemplates fromDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "no report templates directory at " + directory.toAbsolutePath());
    }
    return new ReportTemplates(directory);
  }

  PebbleEngine engine() {
    return engine;
  }

  /** Whether the template file exists, e.g. {@code annual/queries/kpis.sql}. */
  public boolean exists(String relativePath) {
    return directory != null
        ? Files.isRegularFile(directory.resolve(relativePath))
        : ReportTemplates.class.getResource("/templates/" + relativePath) != null;
  }

  InputStream open(String relativePath) throws IOException {
    if (directory != null) {
      return Files.newInputStream(directory.resolve(relativePath));
    }
    InputStream in = ReportTemplates.class.getResourceAsStream("/templates/" + relativePath);
    if (in == null) {
      throw new IOException("template file missing: templates/" + relativePath);
    }
    return in;
  }

  /** The labels of one report (or the web app) in one language. */
  public Map<String, String> labels(String report, ReportLanguage language) {
    return language.labels(this, report);
  }

  /** Renders a template file, e.g. {@code web/app.peb}, with {@code model}. */
  public void render(
      String template, Map<String, Object> model, ReportLanguage language, Writer out) {
    try {
      engine.getTemplate(template).evaluate(out, model, language.locale());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + template, e);
    }
  }

  /** The text of a template file, e.g. {@code quarterly/queries/kpis.sql}. */
  public String read(String relativePath) {
    try (InputStream in = open(relativePath)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template file " + relativePath, e);
    }
  }
}
