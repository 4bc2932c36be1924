package io.qualityloop.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reference-data files (see {@code reference/README.md}): the static ones shipped on the classpath
 * and the company files ({@code projects.csv}, {@code staff.csv}) written from records.
 */
public final class ReferenceData {
  /** Files shipped with QualityLoop, copied into {@code <lake>/reference/}. */
  public static final List<String> STATIC_FILES =
      List.of(
          "departments.csv",
          "complaint_taxonomy.csv",
          "root_causes.csv",
          "building_components.csv",
          "working_calendar.csv",
          "working_hours.csv",
          "sla_rules.csv",
          "kpi_targets.csv",
          "metric_settings.csv",
          "tenure_bands.csv",
          "staff_assessment.csv");

  /**
   * Files the company fills in (peer and manager reviews, confirmed prohibited behaviours,
   * improvement actions): shipped with their heading row only, copied when missing and never
   * replaced.
   */
  public static final List<String> COMPANY_INPUT_FILES =
      List.of(
          "staff_reviews.csv",
          "prohibited_behaviours.csv",
          "improvement_actions.csv",
          "text_dictionary.csv",
          "text_stopwords.csv",
          "text_tone_lexicon.csv",
          "notification_routes.csv",
          "early_warning_words.csv");

  public static final String PROJECTS_FILE = "projects.csv";

  /** Improvement actions (PDCA: goal, owner, deadline, expected effect), a company input file. */
  public static final String IMPROVEMENT_ACTIONS_FILE = COMPANY_INPUT_FILES.get(2);

  public static final String STAFF_FILE = "staff.csv";

  private static final CsvMapper CSV = newCsvMapper();

  private ReferenceData() {}

  /**
   * Copies the shipped reference files into {@code dir} where they are missing. A file already
   * there is the company's (it may have edited it: a building component added, a rule changed) and
   * is never replaced; to take a newer shipped version, delete the file and run again.
   */
  public static void copyStaticFiles(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : STATIC_FILES) {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/reference/" + name)) {
          if (in == null) {
            throw new IllegalStateException("reference file missing from the build: " + name);
          }
          if (!Files.exists(dir.resolve(name))) {
            Files.copy(in, dir.resolve(name));
          }
        }
      }
      for (String name : COMPANY_INPUT_FILES) {
        if (!Files.exists(dir.resolve(name))) {
          try (InputStream in = ReferenceData.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
              throw new IllegalStateException("reference file missing from the build: " + name);
            }
            Files.copy(in, dir.resolve(name));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reference data to " + dir, e);
    }
  }

  /**
   * The codes a complaint step may carry, from the reference files in {@code dir} (a file that is
   * missing gives an empty set: not checked): building components, categories, sub-categories as
   * {@code category/sub_category}, root causes and departments.
   */
  public static ReferenceCodes readCodes(Path dir) {
    return new ReferenceCodes(
        column(dir.resolve("building_components.csv"), "component_id"),
        column(dir.resolve("complaint_taxonomy.csv"), "category"),
        pairs(dir.resolve("complaint_taxonomy.csv"), "category", "sub_category"),
        column(dir.resolve("root_causes.csv"), "root_cause"),
        column(dir.resolve("departments.csv"), "department_id"));
  }

  private static Set<String> column(Path file, String name) {
    return pairs(file, name, null);
  }

  private static Set<String> pairs(Path file, String first, String second) {
    Set<String> values = new HashSet<>();
    if (!Files.exists(file)) {
      return values;
    }
    for (CsvRows.Row row : rows(file)) {
      String a = row.get(first);
      if (!a.isBlank()) {
        values.add(second == null ? a.strip() : a.strip() + "/" + row.get(second).strip());
      }
    }
    return values;
  }

  /**
   * The rows of a company-edited file through {@link CsvRows}: quotes, a byte-order mark, lines in
   * errors.
   */
  private static List<CsvRows.Row> rows(Path file) {
    try (var in = Files.newInputStream(file)) {
      return CsvRows.rows(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static void writeProjects(Path file, List<ProjectRef> projects) {
    write(file, ProjectRef.class, projects);
  }

  public static void writeStaff(Path file, List<StaffRef> staff) {
    write(file, StaffRef.class, staff);
  }

  public static List<ProjectRef> readProjects(Path file) {
    return read(file, ProjectRef.class);
  }

  public static List<StaffRef> readStaff(Path file) {
    return read(file, StaffRef.class);
  }

  private static <T> void write(Path file, Class<T> type, List<T> rows) {
    CsvSchema schema = CSV.schemaFor(type).withHeader();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      CSV.writer(schema).writeValue(file.toFile(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static <T> List<T> read(Path file, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (CsvRows.Row row : rows(file)) {
      try {
        values.add(CSV.convertValue(row.values(), type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + " line " + row.line() + ": " + e.getMessage().split("\n", 2)[0], e);
      }
    }
    return values;
  }

  private static CsvMapper newCsvMapper() {
    CsvMapper mapper = new CsvMapper();
    mapper.registerModule(new JavaTimeModule());
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return mapper;
  }
}
