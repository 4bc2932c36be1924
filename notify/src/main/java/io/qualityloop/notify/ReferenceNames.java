package io.qualityloop.notify;

import io.qualityloop.events.CsvRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The names messages show for codes, in both languages, from the company's reference files ({@code
 * departments.csv}, {@code complaint_taxonomy.csv}, {@code sla_rules.csv}; the shipped ones where
 * the reference directory has none). A code without a name is shown as it is.
 */
public final class ReferenceNames {
  private final Map<String, String[]> departments = new HashMap<>();
  private final Map<String, String[]> categories = new HashMap<>();
  private final Map<String, String[]> rules = new HashMap<>();

  private ReferenceNames() {}

  /** No names: every code as it is. */
  public static ReferenceNames none() {
    return new ReferenceNames();
  }

  public static ReferenceNames read(Path referenceDir) {
    ReferenceNames n = new ReferenceNames();
    read(
        referenceDir,
        "departments.csv",
        "department_id,name_zh,name_en",
        c -> n.departments.put(c[0], new String[] {c[1], c[2]}));
    read(
        referenceDir,
        "complaint_taxonomy.csv",
        "category,category_zh,sub_category,sub_category_zh,default_department,category_en",
        c -> n.categories.putIfAbsent(c[0], new String[] {c[1], c[5]}));
    read(
        referenceDir,
        "sla_rules.csv",
        "rule_id,name_zh,start_events,stop_events,limit,clock,applies_when,source,name_en",
        c -> n.rules.put(c[0], new String[] {c[1], c[8]}));
    return n;
  }

  private static void read(Path dir, String file, String header, CsvRows.RowHandler row) {
    Path company = dir.resolve(file);
    try (InputStream in =
        Files.isRegularFile(company)
            ? Files.newInputStream(company)
            : ReferenceNames.class.getResourceAsStream("/reference/" + file)) {
      if (in != null) {
        CsvRows.read(in, file, header, row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  public String department(String id, Language lang) {
    return name(departments, id, lang);
  }

  public String category(String code, Language lang) {
    return name(categories, code, lang);
  }

  public String rule(String id, Language lang, String asSent) {
    String[] names = rules.get(id);
    return names == null ? asSent : pick(names, lang);
  }

  private static String name(Map<String, String[]> names, String code, Language lang) {
    if (code == null) {
      return null;
    }
    String[] n = names.get(code);
    return n == null ? code : pick(n, lang);
  }

  private static String pick(String[] names, Language lang) {
    String n = lang == Language.EN ? names[1] : names[0];
    return n == null || n.isBlank() ? names[0] : n;
  }
}
