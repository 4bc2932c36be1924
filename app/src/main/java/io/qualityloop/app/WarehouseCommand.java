package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeViews;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.WarehouseFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop warehouse build [--database FILE]}: the warehouse file for other DuckDB tools
 * (written in a storage format DuckDB 1.4 and later read), rebuilt only when the lake or the models
 * changed, and {@code lake.sql} beside it.
 */
@Command(
    name = "warehouse",
    mixinStandardHelpOptions = true,
    description =
        "Build the warehouse file (every model as a table, readable by DuckDB 1.4 and later"
            + " clients) and lake.sql beside it.")
final class WarehouseCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "What to do: build.")
  private String action;

  @Option(
      names = "--database",
      description = "The file to write (default: warehouse.file, i.e. <out>/warehouse.duckdb).")
  private Path database;

  @Override
  public Integer call() {
    if (!"build".equals(action)) {
      return parent.usageError("unknown action '" + action + "': the warehouse command has build.");
    }
    QualityLoopConfig config = parent.config();
    WarehouseFile file =
        database == null
            ? WarehouseAccess.file(config, ProjectScope.ALL)
            : new WarehouseFile(
                database, config.lakeRoot(), ModelCatalog.shipped(), ProjectScope.ALL);
    boolean built;
    try (BuildProgressBar progress =
        new BuildProgressBar(parent.err(), "the warehouse file " + file.file())) {
      built = file.refresh(progress);
    }
    Path lakeSql = file.file().resolveSibling("lake.sql");
    LakeViews.write(lakeSql, config.lakeRoot(), ModelCatalog.shipped());
    parent
        .err()
        .println(
            built
                ? "Built."
                : "The file was current: the lake and the models have not changed since it was"
                    + " built.");
    parent
        .out()
        .println(
            "Warehouse file: "
                + file.file()
                + " (DuckDB storage "
                + Warehouse.FILE_STORAGE_VERSION
                + ", read-only for other tools)");
    parent.out().println("Lake views: " + lakeSql);
    return 0;
  }
}
