package io.qualityloop.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test's class path running {@code main}, which takes a file lock and says
 * "held" (another process's lease or drill-down); {@link #close()} kills it with SIGKILL, so it can
 * neither release nor delete what it holds.
 */
final class HoldingProcess implements AutoCloseable {
  private final Process process;

  private HoldingProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code main} with {@code argument} and returns once it has said "held". */
  static HoldingProcess start(Class<?> main, String argument) throws IOException {
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                argument)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader said =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = said.readLine();
    if (!"held".equals(line)) {
      process.destroyForcibly();
      throw new IOException(main.getSimpleName() + " said " + line + ", not held");
    }
    return new HoldingProcess(process);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the holding process did not end");
    }
  }
}
