package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.WarehouseFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the reading commands get their warehouse: the persistent {@link WarehouseFile} (rebuilt first
 * when the lake changed), or, {@code --as-of} a past moment, a warehouse built in memory as before.
 */
final class WarehouseAccess {
  private WarehouseAccess() {}

  /**
   * The warehouse of the lake as it is now ({@code asOf} NOW) from its file, else built in memory
   * as of then; a build shows its progress on {@code err}.
   */
  static Warehouse open(QualityLoopConfig config, AsOf asOf, ProjectScope scope, PrintStream err) {
    if (!Files.isDirectory(config.lakeRoot().resolve("reference"))) {
      throw new IllegalStateException(
          "no lake yet in "
              + config.lakeRoot()
              + ": import a form first (./qualityloop ingest FILE, or a file dropped into the"
              + " inbox of ./qualityloop up), or run ./qualityloop demo");
    }
    if (!asOf.isNow()) {
      try (BuildProgressBar progress =
          new BuildProgressBar(err, "the warehouse as of " + asOf + " in memory")) {
        return Warehouse.build(
            config.lakeRoot(),
            null,
            ModelCatalog.shipped(),
            asOf.inZone(config.zone()),
            scope,
            progress);
      }
    }
    WarehouseFile file = file(config, scope);
    try (BuildProgressBar progress =
        new BuildProgressBar(
            err, "the warehouse file " + file.file() + " (the lake or the models changed)")) {
      return file.open(progress);
    }
  }

  /** The file of the company ({@code warehouse.file}) or, beside it, of a scope. */
  static WarehouseFile file(QualityLoopConfig config, ProjectScope scope) {
    return new WarehouseFile(
        WarehouseFile.forScope(companyFile(config), scope),
        config.lakeRoot(),
        ModelCatalog.shipped(),
        scope);
  }

  static Path companyFile(QualityLoopConfig config) {
    String configured = config.getOptional("warehouse.file").map(String::trim).orElse("");
    return configured.isEmpty()
        ? config.outDir().resolve("warehouse.duckdb")
        : config.outDir().resolve(configured).normalize();
  }

  static Duration refreshInterval(QualityLoopConfig config) {
    return config.parse(
        "warehouse.refresh-interval", Duration::parse, "an ISO-8601 duration such as PT30S");
  }
}
