package io.qualityloop.app;

import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.QuarterlyReport;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code qualityloop report quarterly --quarter 2026Q3}: a report from the lake as it is now. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a report from the current lake.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "Which report: ${COMPLETION-CANDIDATES}.")
  private ReportKind kind;

  @Option(names = "--quarter", description = "Quarter such as 2026Q3, or 'latest' (default: report.quarter).")
  private String quarter;

  @Option(names = "--lang", description = "zh-CN or en (default: report.language).")
  private String language;

  @Option(names = "--output", description = "Output file (default: <out>/reports/quarterly-<quarter>.<lang>.html).")
  private Path output;

  enum ReportKind { quarterly }

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    try (Warehouse warehouse = Warehouse.build(config.lakeRoot(), null, ModelCatalog.shipped(), asOf)) {
      Quarter q = resolveQuarter(quarter != null ? quarter : config.reportQuarter(), warehouse);
      ReportLanguage lang = ReportLanguage.parse(language != null ? language : config.reportLanguage());
      Path file = output != null ? output : config.outDir().resolve("reports").resolve("quarterly-" + q + "." + lang.tag() + ".html");
      new QuarterlyReport(ReportTemplates.shipped(), warehouse).write(q, lang, ZonedDateTime.now(config.zone()), file);
      parent.out().println("Report: " + file.toAbsolutePath());
      return 0;
    }
  }

  /** "latest" means the latest quarter that has survey answers. */
  static Quarter resolveQuarter(String text, Warehouse warehouse) {
    if (!"latest".equalsIgnoreCase(text)) {
      return Quarter.parse(text);
    }
    List<Map<String, Object>> rows = warehouse.query("select max(quarter) as q from satisfaction_quarterly");
    Object q = rows.get(0).get("q");
    if (q == null) {
      throw new IllegalArgumentException("the lake holds no survey yet, so there is no latest quarter: pass --quarter");
    }
    return Quarter.parse(q.toString());
  }
}
