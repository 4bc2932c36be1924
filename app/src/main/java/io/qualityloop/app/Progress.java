package io.qualityloop.app;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long steps: redrawn in place on a terminal, a line every few seconds when the
 * output is a log or a CI console.
 */
final class Progress {
  /** The longest line a bar writes to a log or a CI console. */
  private static final int LOG_LINE_LENGTH = 160;

  private Progress() {}

  /** A bar over {@code total} units; {@code total < 0} for a step whose length is unknown. */
  static ProgressBar bar(String task, long total, String unit, PrintStream out) {
    boolean terminal = System.console() != null && (out == System.out || out == System.err);
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setMaxRenderedLength(100);
    if (terminal) {
      builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(200);
    } else {
      builder
          // As wide as a log line needs: the consumer's own width is the terminal's, and without a
          // terminal the bar and the step's name were cut.
          .setConsumer(new DelegatingProgressBarConsumer(out::println, LOG_LINE_LENGTH))
          .setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis());
    }
    return builder.build();
  }
}
