package io.qualityloop.app;

import io.qualityloop.warehouse.Warehouse;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows a warehouse build on stderr (issue 22, item 2): a line when a build starts, then a progress
 * bar over the models (redrawn on a terminal, a line every few seconds otherwise). Nothing when the
 * warehouse file is current and no build runs.
 */
final class BuildProgressBar implements Warehouse.BuildProgress, AutoCloseable {
  private final PrintStream err;
  private final String what;
  private ProgressBar bar;

  BuildProgressBar(PrintStream err, String what) {
    this.err = err;
    this.what = what;
  }

  @Override
  public void modelBuilt(String model, int done, int total) {
    if (bar == null) {
      err.println("Building " + what + " (" + total + " models) ...");
      bar = Progress.bar("warehouse", total, "models", err);
    }
    bar.stepTo(done);
    bar.setExtraMessage(" " + model); // after the speed, "models/s"
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
