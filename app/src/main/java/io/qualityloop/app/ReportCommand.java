package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ExecutiveReport;
import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.MajorComplaintReport;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.Week;
import io.qualityloop.reports.WeeklyReport;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop report quarterly --quarter 2026Q3}, {@code report annual --year 2026} or
 * {@code report weekly --week 2026-W36 [--office 华东服务中心]} or {@code report major --complaint C0001}
 * (the special report on one complaint, recorded in the access log): a report from the lake as it
 * is now (or {@code --as-of}), with {@code --pdf} a PDF beside it through headless Chromium. With
 * {@code --projects} or {@code --region} the report is of those projects only (row-level scope).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write a report from the current lake.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "Which report: ${COMPLETION-CANDIDATES}.")
  private ReportKind kind;

  @Option(
      names = "--quarter",
      description = "Quarter such as 2026Q3, or 'latest' (default: report.quarter).")
  private String quarter;

  @Option(names = "--lang", description = "zh-CN or en (default: report.language).")
  private String language;

  @Option(
      names = "--year",
      description =
          "annual: a calendar year such as 2026; a year still running is reported to date "
              + "(default: the year of the latest quarter with survey answers).")
  private Integer year;

  @Option(
      names = "--week",
      description = "weekly: an ISO week such as 2026-W36 (default: the last complete week).")
  private String week;

  @Option(names = "--office", description = "weekly: one service office (default: all).")
  private String office;

  @Option(
      names = "--complaint",
      description = "major: the complaint the special report is about (专项报告, 002 §3.10.5-6).")
  private String complaint;

  @Option(
      names = "--projects",
      split = ",",
      description =
          "Only these projects (comma-separated): every figure of the report is computed from their"
              + " records and households, and the header names them (default: all).")
  private List<String> projects;

  @Option(
      names = "--region",
      description =
          "Only the projects of this service office (as in reference/projects.csv); "
              + "not with --projects.")
  private String region;

  @Option(
      names = "--output",
      description = "Output file (default: <out>/reports/<report>-<period>.<lang>.html).")
  private Path output;

  @Option(
      names = "--pdf",
      description =
          "Also print the report to PDF beside it (needs Chromium:"
              + " scripts/install-test-browser.sh).")
  private boolean pdf;

  enum ReportKind {
    quarterly,
    annual,
    weekly,
    major
  }

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() throws Exception {
    QualityLoopConfig config = parent.config();
    if (kind == ReportKind.major && (complaint == null || complaint.isBlank())) {
      return parent.usageError(
          "report major needs --complaint ID (the complaint the special report is about)");
    }
    ProjectScope scope = ProjectScope.of(projects, region);
    // Loading Pebble, and the Log4j configuration its loggers ask for, takes about 0.2 s of a
    // report: done beside the opening of the warehouse, on a thread of its own (the common pool
    // has one thread on 2 cores, and the opening lists the lake on it).
    CompletableFuture<ReportTemplates> templates =
        CompletableFuture.supplyAsync(
            ReportTemplates::shipped,
            task -> {
              Thread thread = new Thread(task, "report templates");
              thread.setDaemon(true);
              thread.start();
            });
    try {
      return write(config, scope, templates);
    } catch (Exception | Error e) {
      // Log4j may be starting on the templates' thread: the failure is logged once it has, or it
      // would be printed, trace and all, on the user's terminal by Log4j's fallback logger.
      try {
        templates.get(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      } catch (Exception ignored) {
        // the command's own failure is the one to report
      }
      throw e;
    }
  }

  private int write(
      QualityLoopConfig config, ProjectScope scope, CompletableFuture<ReportTemplates> templates)
      throws Exception {
    try (Warehouse warehouse = WarehouseAccess.open(config, asOf, scope, parent.err())) {
      ReportLanguage lang =
          ReportLanguage.parse(language != null ? language : config.reportLanguage());
      Path file;
      if (kind == ReportKind.major) {
        file =
            output != null
                ? output
                : config
                    .outDir()
                    .resolve("reports")
                    .resolve(
                        "major-"
                            + complaint.replaceAll("[^\\p{L}\\p{N}_-]", "_")
                            + fileSuffix(scope)
                            + "."
                            + lang.tag()
                            + ".html");
        if (new MajorComplaintReport(templates.join(), warehouse)
            .write(complaint, lang, ZonedDateTime.now(config.zone()), file)
            .isEmpty()) {
          return parent.failure(
              "no complaint '"
                  + complaint
                  + "' in the lake"
                  + (scope.isAll() ? "" : " within the projects in scope")
                  + ": no report written");
        }
        // a complaint-level record left the system, as with export: who (the operating-system
        // user), what, where to
        new AccessLog(config.accessLog(), Clock.system(config.zone()))
            .record(
                System.getProperty("user.name"),
                "operator",
                "major_complaint_report",
                complaint + " file=" + file.toAbsolutePath());
      } else if (kind == ReportKind.weekly) {
        Week w = week != null ? Week.parse(week) : Week.of(LocalDate.now(config.zone())).previous();
        file =
            output != null
                ? output
                : config
                    .outDir()
                    .resolve("reports")
                    .resolve("weekly-" + w + fileSuffix(scope) + "." + lang.tag() + ".html");
        new WeeklyReport(templates.join(), warehouse)
            .write(w, office, lang, ZonedDateTime.now(config.zone()), file);
      } else if (kind == ReportKind.annual) {
        int y = year != null ? year : resolveQuarter("latest", warehouse, "--year").year();
        file =
            output != null
                ? output
                : config
                    .outDir()
                    .resolve("reports")
                    .resolve("annual-" + y + fileSuffix(scope) + "." + lang.tag() + ".html");
        ExecutiveReport report = new ExecutiveReport(templates.join(), warehouse);
        report.write(report.year(y), lang, ZonedDateTime.now(config.zone()), file);
      } else {
        Quarter q = resolveQuarter(quarter != null ? quarter : config.reportQuarter(), warehouse);
        file =
            output != null
                ? output
                : config
                    .outDir()
                    .resolve("reports")
                    .resolve("quarterly-" + q + fileSuffix(scope) + "." + lang.tag() + ".html");
        new ExecutiveReport(templates.join(), warehouse)
            .write(q, lang, ZonedDateTime.now(config.zone()), file);
      }
      parent.out().println("Report: " + file.toAbsolutePath());
      if (pdf) {
        var chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
          return parent.failure(
              "no PDF: Chromium is not installed (scripts/install-test-browser.sh installs it).");
        }
        Path pdfFile =
            file.resolveSibling(file.getFileName().toString().replaceAll("\\.html$", "") + ".pdf");
        chromium.get().printToPdf(file, pdfFile);
        parent.out().println("PDF: " + pdfFile.toAbsolutePath());
      }
      return 0;
    }
  }

  /**
   * {@code -华南服务中心} or {@code -P01_P02} for a scoped report, so it does not replace the company's.
   */
  static String fileSuffix(ProjectScope scope) {
    if (scope.isAll()) {
      return "";
    }
    String name = scope.region() != null ? scope.region() : String.join("_", scope.projectIds());
    return "-" + name.replaceAll("[^\\p{L}\\p{N}_-]", "_");
  }

  /** "latest" means the latest quarter that has survey answers. */
  static Quarter resolveQuarter(String text, Warehouse warehouse) {
    return resolveQuarter(text, warehouse, "--quarter");
  }

  /**
   * As {@link #resolveQuarter(String, Warehouse)}; without a latest quarter, the error tells to
   * pass {@code option}, the command's own.
   */
  static Quarter resolveQuarter(String text, Warehouse warehouse, String option) {
    if (!"latest".equalsIgnoreCase(text)) {
      return Quarter.parse(text);
    }
    List<Map<String, Object>> rows =
        warehouse.query("select max(quarter) as q from satisfaction_quarterly");
    Object q = rows.get(0).get("q");
    if (q == null) {
      throw new IllegalArgumentException(
          "the lake holds no survey yet, so there is no latest quarter: pass " + option);
    }
    return Quarter.parse(q.toString());
  }
}
