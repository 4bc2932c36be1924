package io.qualityloop.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory of one benchmark stage: the largest heap in use (sampled every 20 ms) and the peak
 * resident set of the process (Linux VmHWM, reset at the start of the stage through {@code
 * /proc/self/clear_refs}; where that cannot be reset, the process's peak so far).
 */
final class StageMemory implements AutoCloseable {
  /**
   * What a stage used at most, in MiB; {@code rssReset} says whether the RSS peak is the stage's
   * own.
   */
  record Peak(long heapMiB, long rssMiB, boolean rssReset) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread sampler;
  private final boolean rssReset;
  private volatile boolean running = true;
  private Peak peak;

  private StageMemory() {
    System.gc();
    rssReset = resetPeakRss();
    sampler =
        new Thread(
            () -> {
              while (running) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  static StageMemory start() {
    return new StageMemory();
  }

  Peak stop() {
    if (peak == null) {
      running = false;
      sampler.interrupt();
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      peak = new Peak(peakHeap.get() >> 20, peakRssKiB() >> 10, rssReset);
    }
    return peak;
  }

  @Override
  public void close() {
    stop();
  }

  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static long peakRssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no RSS figure
    }
    return 0;
  }
}
