package io.qualityloop.reports;

import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly complaint report of a service office (《客户服务部投诉处理周报》, docs/domain.md): the week's
 * complaints received, closed and open, major ones, missed deadlines by rule, and complaints by
 * category against the week before. Self-contained HTML like the quarterly report.
 */
public final class WeeklyReport {
  static final String NAME = "weekly";

  private final ReportTemplates templates;
  private final Warehouse warehouse;

  public WeeklyReport(ReportTemplates templates, Warehouse warehouse) {
    this.templates = templates;
    this.warehouse = warehouse;
  }

  /** The week's headline figures (for tests and the index page). */
  public Map<String, Object> summary(Week week, String office) {
    return query("summary.sql", week, office).get(0);
  }

  public Path write(
      Week week, String office, ReportLanguage language, ZonedDateTime generatedAt, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, render(week, office, language, generatedAt), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the weekly report to " + file, e);
    }
  }

  public String render(
      Week week, String office, ReportLanguage language, ZonedDateTime generatedAt) {
    Map<String, String> t = language.labels(templates, NAME);
    Map<String, Object> model = new HashMap<>();
    boolean en = language == ReportLanguage.EN;
    model.put("lang", language.tag());
    model.put("t", t);
    model.put("week", week.toString());
    DateTimeFormatter day =
        DateTimeFormatter.ofPattern(en ? "d MMM yyyy" : "yyyy年M月d日", language.locale());
    model.put("period", week.start().format(day) + " – " + week.end().minusDays(1).format(day));
    model.put("office", office == null ? t.get("office.all") : office);
    model.put("scope", ScopeLine.of(warehouse, t));
    model.put("generatedAt", generatedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    // the quarterly report's query: years of the week that the working calendar does not cover
    model.put(
        "calendarWarning",
        CalendarWarning.of(
            warehouse.query(
                templates.read(ExecutiveReport.NAME + "/queries/calendar_coverage.sql"),
                week.start().getYear(),
                week.end().minusDays(1).getYear()),
            t));
    Map<String, Object> s = summary(week, office);
    model.put("summary", s);
    long received = ((Number) s.get("received")).longValue();
    long previous = ((Number) s.get("received_previous")).longValue();
    model.put(
        "receivedChange",
        received - previous > 0
            ? "+" + (received - previous)
            : String.valueOf(received - previous));
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Map<String, Object> r : query("by_category.sql", week, office)) {
      Map<String, Object> row = new HashMap<>();
      row.put("category", String.valueOf(en ? r.get("category_en") : r.get("category_zh")));
      row.put(
          "subCategory", String.valueOf(en ? r.get("sub_category_en") : r.get("sub_category_zh")));
      row.put("received", r.get("received"));
      row.put("previous", r.get("received_previous"));
      categories.add(row);
    }
    model.put("categories", categories);
    List<Map<String, Object>> missed = new ArrayList<>();
    for (Map<String, Object> r :
        warehouse.query(
            templates.read(NAME + "/queries/missed.sql"),
            week.start().atStartOfDay(),
            week.end().atStartOfDay(),
            office)) {
      Map<String, Object> row = new HashMap<>();
      row.put("rule", en ? r.get("name_en") : r.get("name_zh"));
      row.put("missed", r.get("missed"));
      row.put("complaints", r.get("complaints"));
      missed.add(row);
    }
    model.put("missed", missed);
    model.put(
        "followups",
        warehouse.query(
            templates.read(NAME + "/queries/followups.sql"),
            week.start().atStartOfDay(),
            week.end().atStartOfDay(),
            office));
    StringWriter out = new StringWriter();
    try {
      templates.engine().getTemplate(NAME + "/report.peb").evaluate(out, model, language.locale());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the weekly report", e);
    }
    return out.toString();
  }

  private List<Map<String, Object>> query(String file, Week week, String office) {
    LocalDateTime start = week.start().atStartOfDay();
    return warehouse.query(
        templates.read(NAME + "/queries/" + file),
        start,
        week.end().atStartOfDay(),
        week.previous().start().atStartOfDay(),
        office);
  }
}
