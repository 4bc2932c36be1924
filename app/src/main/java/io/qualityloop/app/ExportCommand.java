package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ComplaintExport;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop export complaints --quarter 2026Q3 --format xlsx}: the complaint-level export.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export complaints (every milestone, SLA result and callback score per complaint) as CSV,"
            + " JSON or xlsx.")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "What to export: complaints.")
  private String what;

  @Option(
      names = "--quarter",
      description = "Quarter such as 2026Q3, or 'latest' (default: report.quarter).")
  private String quarter;

  /**
   * The formats of an export file: CSV and JSON as {@code query} and {@code metrics} write them, or
   * a spreadsheet.
   */
  enum Format {
    csv,
    json,
    xlsx
  }

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv, json or xlsx. Default: ${DEFAULT-VALUE}.")
  private Format format;

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

  @Option(
      names = "--output",
      description = "File (default: <out>/exports/complaints-<quarter>.<format>).")
  private Path output;

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() {
    if (!"complaints".equals(what)) {
      return parent.usageError(
          "unknown export '" + what + "': the export command writes complaints.");
    }
    QualityLoopConfig config = parent.config();
    try (Warehouse warehouse =
        WarehouseAccess.open(config, asOf, ProjectScope.of(projects, region), parent.err())) {
      var q =
          ReportCommand.resolveQuarter(
              quarter != null ? quarter : config.reportQuarter(), warehouse);
      Path file =
          output != null
              ? output
              : config.outDir().resolve("exports").resolve("complaints-" + q + "." + format);
      int n = new ComplaintExport(ReportTemplates.shipped(), warehouse).write(q, projects, file);
      // complaint-level records left the system: who (the operating-system user), what, how many,
      // where to
      new AccessLog(config.accessLog(), Clock.system(config.zone()))
          .record(
              System.getProperty("user.name"),
              "operator",
              "complaint_export",
              q
                  + " "
                  + (projects != null
                      ? "projects=" + String.join(",", projects)
                      : region != null ? "region=" + region : "all")
                  + " rows="
                  + n
                  + " file="
                  + file.toAbsolutePath());
      parent.err().println("Exported " + n + " complaints of " + q + ": " + file.toAbsolutePath());
      return 0;
    }
  }
}
