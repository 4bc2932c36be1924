package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.Tabular;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.MetricsCatalogue;
import io.qualityloop.warehouse.Model;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop metrics --period 2026Q3 [--project P01]}: every quarterly metric of the
 * catalogue for one quarter, for the company or one project; {@code --catalogue} prints the
 * catalogue (docs/metrics.md) itself.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "Print the catalogue's metrics for a quarter, or the catalogue.")
final class MetricsCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Option(
      names = "--period",
      description = "A quarter such as 2026Q3 (default: the latest with survey data).")
  private String period;

  @Option(names = "--project", description = "One project's rows instead of the company's.")
  private String project;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
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
    try (Warehouse warehouse = WarehouseAccess.open(config, asOf, ProjectScope.ALL, parent.err())) {
      Quarter quarter;
      try {
        quarter =
            ReportCommand.resolveQuarter(period == null ? "latest" : period, warehouse, "--period");
      } catch (IllegalArgumentException e) {
        return parent.usageError(e.getMessage());
      }
      if (project != null) {
        List<String> projects =
            warehouse.query("select project_id from ref_projects order by project_id").stream()
                .map(r -> String.valueOf(r.get("project_id")))
                .toList();
        if (!projects.contains(project)) {
          return parent.usageError(
              "unknown project "
                  + project
                  + ": not in reference/projects.csv (projects: "
                  + String.join(", ", projects)
                  + ")");
        }
      }
      String heading =
          "Metrics for "
              + quarter
              + (project == null ? ", company" : ", project " + project)
              + " (definitions: docs/metrics.md)";
      Map<String, List<Map<String, Object>>> metrics = new LinkedHashMap<>();
      for (Model metric : ModelCatalog.shipped().layer("metrics")) {
        List<Map<String, Object>> rows = rowsOf(warehouse, metric.name(), quarter);
        if (!rows.isEmpty()) {
          metrics.put(metric.name(), rows);
        }
      }
      switch (format) {
        case table -> table(heading, metrics);
        case csv -> csv(heading, metrics);
        case json -> json(heading, quarter, metrics);
        default -> throw new IllegalArgumentException("unknown format " + format);
      }
      return 0;
    }
  }

  /**
   * The metric's rows of the quarter for the company or {@link #project}; none when it has no
   * quarter or no project.
   */
  private List<Map<String, Object>> rowsOf(Warehouse warehouse, String metric, Quarter quarter) {
    List<String> columns = columnsOf(warehouse, metric);
    if (!columns.contains("quarter")) {
      return List.of();
    }
    String where = "quarter = ?";
    List<Object> params = new ArrayList<>(List.of(quarter.toString()));
    if (columns.contains("project_id")) {
      where += project == null ? " and project_id is null" : " and project_id = ?";
      if (project != null) {
        params.add(project);
      }
    } else if (project != null) {
      return List.of();
    }
    return warehouse.query("select * from " + metric + " where " + where, params.toArray());
  }

  private void table(String heading, Map<String, List<Map<String, Object>>> metrics) {
    parent.out().println(heading);
    metrics.forEach(
        (name, rows) -> {
          parent.out().println();
          parent.out().println("== " + name);
          ResultPrinter.print(rows, ResultPrinter.Format.table, parent.out());
        });
  }

  /**
   * One CSV: a {@code metric} column, then the union of the metrics' columns (empty where a metric
   * has none).
   */
  private void csv(String heading, Map<String, List<Map<String, Object>>> metrics) {
    parent.err().println(heading);
    List<Map<String, Object>> all = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    columns.add("metric");
    metrics.forEach(
        (name, rows) ->
            rows.forEach(
                row -> {
                  Map<String, Object> tagged = new LinkedHashMap<>();
                  tagged.put("metric", name);
                  tagged.putAll(row);
                  columns.addAll(row.keySet());
                  all.add(tagged);
                }));
    List<Map<String, Object>> aligned = new ArrayList<>();
    for (Map<String, Object> row : all) {
      Map<String, Object> full = new LinkedHashMap<>();
      columns.forEach(c -> full.put(c, row.get(c)));
      aligned.add(full);
    }
    ResultPrinter.print(aligned, ResultPrinter.Format.csv, parent.out());
  }

  /** One JSON document: {@code {"quarter", "project", "metrics": {name: [rows]}}}. */
  private void json(
      String heading, Quarter quarter, Map<String, List<Map<String, Object>>> metrics) {
    parent.err().println(heading);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("quarter", quarter.toString());
    document.put("project", project);
    Map<String, Object> byName = new LinkedHashMap<>();
    metrics.forEach((name, rows) -> byName.put(name, Tabular.jsonRows(rows)));
    document.put("metrics", byName);
    ResultPrinter.document(document, parent.out());
  }

  private static List<String> columnsOf(Warehouse warehouse, String view) {
    List<String> columns = new ArrayList<>();
    for (Map<String, Object> row :
        warehouse.query(
            "select column_name from information_schema.columns where table_name = ? order by"
                + " ordinal_position",
            view)) {
      columns.add((String) row.get("column_name"));
    }
    return columns;
  }
}
