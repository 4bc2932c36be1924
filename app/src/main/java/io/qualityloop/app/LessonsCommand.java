package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.LessonsPack;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop lessons --product-type high_rise --city 杭州}: the planners' design-review
 * lessons pack (defects from design, workmanship and materials) as an HTML checklist, Markdown and
 * CSV.
 */
@Command(
    name = "lessons",
    mixinStandardHelpOptions = true,
    description = "Write the planners' design-review lessons pack (HTML checklist, Markdown, CSV).")
final class LessonsCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(
      names = "--product-type",
      description = "high_rise, mid_rise, townhouse, villa ... (default: all).")
  private String productType;

  @Option(names = "--city", description = "Only projects in this city (default: all).")
  private String city;

  @Option(
      names = "--projects",
      split = ",",
      description = "Only these projects (comma-separated; default: all).")
  private List<String> projects;

  @Option(
      names = "--region",
      description =
          "Only the projects of this service office (as in reference/projects.csv); "
              + "not with --projects.")
  private String region;

  @Option(names = "--lang", description = "zh-CN or en (default: report.language).")
  private String language;

  @Option(names = "--output", description = "Directory (default: <out>/lessons).")
  private Path output;

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    String type = productType == null ? null : productType.replace('-', '_');
    try (Warehouse warehouse =
        WarehouseAccess.open(config, asOf, ProjectScope.of(projects, region), parent.err())) {
      ReportLanguage lang =
          ReportLanguage.parse(language != null ? language : config.reportLanguage());
      requireKnown(warehouse, "product_type", "product type", "product types", type);
      requireKnown(warehouse, "city", "city", "cities", city);
      LessonsPack pack = new LessonsPack(ReportTemplates.shipped(), warehouse);
      LessonsPack.Filter filter = new LessonsPack.Filter(type, city, projects);
      List<Path> files =
          pack.write(
              filter,
              lang,
              ZonedDateTime.now(config.zone()),
              output != null ? output : config.outDir().resolve("lessons"));
      parent.out().println("Lessons: " + pack.lessons(filter).size() + " lines");
      files.forEach(f -> parent.out().println("  " + f.toAbsolutePath()));
      return 0;
    }
  }

  /**
   * A product type or city no project has is a usage error naming those that exist: a pack of 0
   * lines for a misspelt {@code high-rise} or {@code 杭洲} would read as "no lessons".
   */
  private static void requireKnown(
      Warehouse warehouse, String column, String what, String plural, String value) {
    if (value == null) {
      return;
    }
    List<String> known =
        warehouse
            .query(
                "select distinct "
                    + column
                    + " as v from ref_projects where "
                    + column
                    + " is not null order by 1")
            .stream()
            .map(r -> String.valueOf(r.get("v")))
            .toList();
    if (!known.contains(value)) {
      throw new IllegalArgumentException(
          "unknown "
              + what
              + " '"
              + value
              + "': no project in reference/projects.csv has it ("
              + plural
              + ": "
              + String.join(", ", known)
              + ")");
    }
  }
}
