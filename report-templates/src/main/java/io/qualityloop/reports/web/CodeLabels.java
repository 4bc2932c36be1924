package io.qualityloop.reports.web;

import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.warehouse.Warehouse;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of codes in one language, by the column of the web queries that holds them ({@code
 * category -> product -> 产品类}): the reference files' names ({@code web/queries/code_labels.sql}),
 * then the web labels' {@code code.<column>.<code>} for codes no reference file names. The pages
 * show these names in their tables instead of the codes.
 */
final class CodeLabels {
  private static final String PREFIX = "code.";

  private CodeLabels() {}

  static Map<String, Map<String, String>> of(
      Warehouse warehouse, ReportTemplates templates, ReportLanguage lang) {
    Map<String, Map<String, String>> names = new TreeMap<>();
    String nameColumn = lang == ReportLanguage.EN ? "name_en" : "name_zh";
    for (Map<String, Object> r : warehouse.query(templates.read("web/queries/code_labels.sql"))) {
      Object name = r.get(nameColumn);
      if (name != null) {
        names
            .computeIfAbsent(r.get("column_name").toString(), k -> new TreeMap<>())
            .put(r.get("code").toString(), name.toString());
      }
    }
    templates
        .labels("web", lang)
        .forEach(
            (key, name) -> {
              if (key.startsWith(PREFIX) && key.indexOf('.', PREFIX.length()) > 0) {
                int dot = key.indexOf('.', PREFIX.length());
                names
                    .computeIfAbsent(key.substring(PREFIX.length(), dot), k -> new TreeMap<>())
                    .put(key.substring(dot + 1), name);
              }
            });
    return names;
  }
}
