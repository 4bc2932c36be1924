package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop query "select ..."}: any SQL against the warehouse file, rebuilt first when
 * the lake changed.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Run SQL against the warehouse (every model is a table of the warehouse file, read-only;"
            + " docs/metrics.md lists the metrics).")
final class QueryCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(
      index = "0",
      description = "The SQL, e.g. \"select * from nps_quarterly where scope = 'company'\".")
  private String sql;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  private ResultPrinter.Format format;

  @Option(names = "--as-of", converter = AsOfOption.class, description = AsOfOption.DESCRIPTION)
  private AsOf asOf = AsOf.NOW;

  @Override
  public Integer call() {
    QualityLoopConfig config = parent.config();
    try (Warehouse warehouse = WarehouseAccess.open(config, asOf, ProjectScope.ALL, parent.err())) {
      warehouse.confineToLake();
      if (!warehouse.readsOnly(sql)) {
        return parent.usageError(
            "the query was not run: query runs SELECT statements only (no COPY, ATTACH, SET, PRAGMA"
                + " or CREATE)");
      }
      List<Map<String, Object>> rows;
      try {
        rows = warehouse.query(sql);
      } catch (IllegalStateException e) {
        return parent.failure("the query failed: " + e.getMessage().split("\n", 2)[0]);
      }
      ResultPrinter.print(rows, format, parent.out());
      return 0;
    }
  }
}
