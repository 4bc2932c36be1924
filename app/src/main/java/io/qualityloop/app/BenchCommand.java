package io.qualityloop.app;

import picocli.CommandLine.Command;

/**
 * {@code qualityloop bench ...}: measurements that print ratios to a baseline run in the same
 * process.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: each prints its throughput and the ratio to a baseline measured in the same"
            + " run.",
    subcommands = {
      PipelineBenchmark.class,
      ValidationBenchmark.class,
      ImportBenchmark.class,
      RefreshBenchmark.class
    })
final class BenchCommand {
  /**
   * Best of {@code rounds} timings of {@code work}, in seconds (the first round also warms the JIT
   * up).
   */
  static double bestSeconds(int rounds, ThrowingRunnable work) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      work.run();
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return best;
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
