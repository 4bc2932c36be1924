package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.Quarter;
import io.qualityloop.warehouse.MetricsCatalogue;
import io.qualityloop.warehouse.Model;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop metrics --period 2026Q3 [--project P01]}: every quarterly metric of the
 * catalogue for one quarter, for the company or one project; {@code --catalogue} prints the
 * catalogue (docs/metrics.md) itself.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Print the catalogue's metrics for a quarter, or the catalogue.")
final class MetricsCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(names = "--period", description = "A quarter such as 2026Q3 (default: the latest with survey data).")
  private String period;

  @Option(names = "--project", description = "One project's rows instead of the company's.")
  private String project;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  private ResultPrinter.Format format;

  @Option(names = "--catalogue", description = "Print the metrics catalogue (Markdown) and exit.")
  private boolean catalogue;

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() {
    if (catalogue) {
      parent.out().print(MetricsCatalogue.render(ModelCatalog.shipped()));
      return 0;
    }
    QualityLoopConfig config = parent.config();
    try (Warehouse warehouse = WarehouseAccess.open(config, asOf, ProjectScope.ALL)) {
      Quarter quarter;
      try {
        quarter = ReportCommand.resolveQuarter(period == null ? "latest" : period, warehouse);
      } catch (IllegalArgumentException e) {
        parent.out().println(e.getMessage());
        return 2;
      }
      parent.out().println("Metrics for " + quarter + (project == null ? ", company" : ", project " + project)
          + " (definitions: docs/metrics.md)");
      for (Model metric : ModelCatalog.shipped().layer("metrics")) {
        List<String> columns = columnsOf(warehouse, metric.name());
        if (!columns.contains("quarter")) {
          continue;
        }
        String where = "quarter = ?";
        List<Object> params = new ArrayList<>(List.of(quarter.toString()));
        if (columns.contains("project_id")) {
          where += project == null ? " and project_id is null" : " and project_id = ?";
          if (project != null) {
            params.add(project);
          }
        } else if (project != null) {
          continue;
        }
        List<Map<String, Object>> rows = warehouse.query("select * from " + metric.name() + " where " + where, params.toArray());
        if (rows.isEmpty()) {
          continue;
        }
        parent.out().println();
        parent.out().println("== " + metric.name());
        ResultPrinter.print(rows, format, parent.out());
      }
      return 0;
    }
  }

  private static List<String> columnsOf(Warehouse warehouse, String view) {
    List<String> columns = new ArrayList<>();
    for (Map<String, Object> row : warehouse.query("select column_name from information_schema.columns where table_name = ? order by ordinal_position", view)) {
      columns.add((String) row.get("column_name"));
    }
    return columns;
  }
}
