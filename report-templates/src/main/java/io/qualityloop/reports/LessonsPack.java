package io.qualityloop.reports;

import io.qualityloop.events.privacy.TextScrubber;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The planners' design-review lessons pack: defects whose root cause is design, workmanship or
 * materials, by product type, building component and cause, per 1,000 households, with their
 * recurrence across projects, months after delivery, repair cost and representative scrubbed
 * descriptions; written as an HTML checklist (printable), Markdown and CSV.
 */
public final class LessonsPack {
  static final String NAME = "lessons";

  private final ReportTemplates templates;
  private final Warehouse warehouse;

  public LessonsPack(ReportTemplates templates, Warehouse warehouse) {
    this.templates = templates;
    this.warehouse = warehouse;
  }

  /**
   * Which projects the pack covers: a product type and a city (null for all), and the projects the
   * reader may see (null for all: row-level scope).
   */
  public record Filter(String productType, String city, List<String> visibleProjects) {
    String describe(Map<String, String> t) {
      return (productType == null
              ? t.get("filter.allTypes")
              : t.getOrDefault("type." + productType, productType))
          + " · "
          + (city == null ? t.get("filter.allCities") : city);
    }
  }

  /** The lessons, worst first (defects per 1,000 households). */
  public List<Map<String, Object>> lessons(Filter filter) {
    String visible =
        filter.visibleProjects() == null ? null : String.join(",", filter.visibleProjects());
    return warehouse.query(
        templates.read(NAME + "/queries/lessons.sql"),
        filter.productType(),
        filter.city(),
        visible);
  }

  /** The HTML checklist alone (for the web app). */
  public String render(Filter filter, ReportLanguage language, ZonedDateTime generatedAt) {
    Map<String, String> t = language.labels(templates, NAME);
    Map<String, Object> model = new HashMap<>();
    model.put("lang", language.tag());
    model.put("t", t);
    model.put("scope", filter.describe(t));
    model.put("generatedAt", generatedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    model.put("rows", rows(lessons(filter), language, t));
    try {
      return render("checklist.html.peb", model, language);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the lessons checklist", e);
    }
  }

  /**
   * Writes {@code lessons.html}, {@code lessons.md} and {@code lessons.csv} into {@code directory};
   * returns the three files.
   */
  public List<Path> write(
      Filter filter, ReportLanguage language, ZonedDateTime generatedAt, Path directory) {
    List<Map<String, Object>> lessons = lessons(filter);
    Map<String, String> t = language.labels(templates, NAME);
    List<Map<String, Object>> rows = rows(lessons, language, t);
    Map<String, Object> model = new HashMap<>();
    model.put("lang", language.tag());
    model.put("t", t);
    model.put("scope", filter.describe(t));
    model.put("generatedAt", generatedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    model.put("rows", rows);
    try {
      Files.createDirectories(directory);
      Path html = directory.resolve("lessons." + language.tag() + ".html");
      Path md = directory.resolve("lessons." + language.tag() + ".md");
      Path csv = directory.resolve("lessons." + language.tag() + ".csv");
      Files.writeString(
          html, render("checklist.html.peb", model, language), StandardCharsets.UTF_8);
      model.put("rows", markdownRows(rows));
      Files.writeString(md, render("checklist.md.peb", model, language), StandardCharsets.UTF_8);
      writeCsv(lessons, csv);
      return List.of(html, md, csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lessons pack to " + directory, e);
    }
  }

  private String render(String template, Map<String, Object> model, ReportLanguage language)
      throws IOException {
    StringWriter out = new StringWriter();
    templates.engine().getTemplate(NAME + "/" + template).evaluate(out, model, language.locale());
    return out.toString();
  }

  private static List<Map<String, Object>> rows(
      List<Map<String, Object>> lessons, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean en = language == ReportLanguage.EN;
    for (Map<String, Object> l : lessons) {
      Map<String, Object> row = new HashMap<>();
      row.put(
          "productType",
          t.getOrDefault("type." + l.get("product_type"), String.valueOf(l.get("product_type"))));
      row.put(
          "component",
          name(en ? l.get("component_en") : l.get("component_zh"), l.get("building_component"), t));
      row.put("cause", name(en ? l.get("cause_en") : l.get("cause_zh"), l.get("root_cause"), t));
      row.put("defects", l.get("defects"));
      row.put(
          "per1000",
          String.format(
              Locale.ROOT, "%.2f", ((Number) l.get("defects_per_1000_households")).doubleValue()));
      row.put("recurrence", l.get("projects_affected") + " / " + l.get("projects_in_scope"));
      Object months = l.get("median_months_after_delivery");
      row.put(
          "months",
          months == null
              ? "–"
              : String.format(Locale.ROOT, "%.0f", ((Number) months).doubleValue()));
      Object cost = l.get("repair_cost_yuan");
      row.put(
          "cost",
          cost == null ? "–" : KpiFormat.amount(((BigDecimal) cost).doubleValue(), language));
      row.put("examples", examples(l.get("examples")));
      rows.add(row);
    }
    return rows;
  }

  private static String name(Object name, Object id, Map<String, String> t) {
    return name != null ? name.toString() : id == null ? t.get("unclassified") : id.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> examples(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Array array) {
      try {
        Object[] items = (Object[]) array.getArray();
        List<String> out = new ArrayList<>();
        for (Object o : items) {
          out.add(String.valueOf(o));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the examples", e);
      }
    }
    if (value instanceof List<?> list) {
      return ((List<Object>) list).stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }

  /** Markdown cells: a pipe or a line break in a description would break the table. */
  private static List<Map<String, Object>> markdownRows(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new HashMap<>(row);
      @SuppressWarnings("unchecked")
      List<String> examples = (List<String>) row.get("examples");
      copy.put(
          "examples",
          String.join(
              " / ",
              examples.stream()
                  .map(e -> e.replace("|", "\\|").replaceAll("[\\r\\n]+", " "))
                  .toList()));
      out.add(copy);
    }
    return out;
  }

  private static void writeCsv(List<Map<String, Object>> lessons, Path file) throws IOException {
    List<String> columns =
        List.of(
            "product_type",
            "building_component",
            "component_zh",
            "root_cause",
            "cause_zh",
            "defects",
            "projects_affected",
            "projects_in_scope",
            "defects_per_1000_households",
            "median_months_after_delivery",
            "repair_cost_yuan",
            "examples");
    try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write('\ufeff'); // Excel opens UTF-8 CSV correctly with a BOM
      CSVPrinter csv =
          new CSVPrinter(
              writer, CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).get());
      for (Map<String, Object> l : lessons) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
          Object v = c.equals("examples") ? String.join(" / ", examples(l.get(c))) : l.get(c);
          cells.add(v == null ? "" : TextScrubber.defuseFormula(v.toString()));
        }
        csv.printRecord(cells);
      }
      csv.flush();
    }
  }
}
