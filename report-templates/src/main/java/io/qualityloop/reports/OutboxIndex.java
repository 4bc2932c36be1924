package io.qualityloop.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The outbox's index page: every delivered report, newest first, with its PDF where there is one.
 */
public final class OutboxIndex {
  private final ReportTemplates templates;

  public OutboxIndex(ReportTemplates templates) {
    this.templates = templates;
  }

  public Path write(Path outbox, ReportLanguage language, ZonedDateTime generatedAt) {
    List<Map<String, Object>> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(outbox)) {
      for (Path f :
          files
              .filter(
                  p ->
                      p.toString().endsWith(".html")
                          && !p.getFileName().toString().startsWith(".")
                          && !p.equals(outbox.resolve("index.html")))
              .sorted((a, b) -> b.toString().compareTo(a.toString()))
              .toList()) {
        Map<String, Object> e = new HashMap<>();
        Path rel = outbox.relativize(f);
        e.put("job", rel.getNameCount() > 1 ? rel.getName(0).toString() : "");
        e.put("name", f.getFileName().toString());
        e.put("href", rel.toString().replace('\\', '/'));
        Path pdf = f.resolveSibling(f.getFileName().toString().replaceAll("\\.html$", ".pdf"));
        e.put(
            "pdf", Files.exists(pdf) ? outbox.relativize(pdf).toString().replace('\\', '/') : null);
        entries.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the outbox " + outbox, e);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("t", language.labels(templates, "outbox"));
    model.put("lang", language.tag());
    model.put("entries", entries);
    model.put("generatedAt", generatedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    StringWriter out = new StringWriter();
    try {
      templates.engine().getTemplate("outbox/index.peb").evaluate(out, model, language.locale());
      Path index = outbox.resolve("index.html");
      Files.writeString(index, out.toString(), StandardCharsets.UTF_8);
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outbox index", e);
    }
  }
}
