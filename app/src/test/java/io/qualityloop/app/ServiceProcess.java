package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./qualityloop up} as a process of its own, as an operator starts it, with what it prints.
 */
final class ServiceProcess {
  private final Process process;
  private final Path log;

  private final Path workdir;

  private ServiceProcess(Process process, Path log, Path workdir) {
    this.process = process;
    this.log = log;
    this.workdir = workdir;
  }

  /**
   * Starts {@code ./qualityloop up ARGS}; what it prints goes to a file in {@code workdir} (a
   * pipe's reader races the process's end).
   */
  static ServiceProcess start(Path workdir, Map<String, String> environment, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(List.of(ShippedCommand.REPOSITORY.resolve("qualityloop").toString(), "up"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(workdir, "service-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("QUALITYLOOP_JAVA_OPTS", "-Xmx1g");
    pb.environment().remove("QUALITYLOOP_KAFKA_BOOTSTRAP_SERVERS");
    pb.environment().putAll(environment);
    return new ServiceProcess(pb.start(), log, workdir);
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /**
   * Waits until the service has printed {@code text}; fails with what it printed when it does not
   * in time or ends first.
   */
  ServiceProcess awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      assertThat(System.nanoTime() < deadline)
          .as(
              "'%s' within %s; the service printed:%n%s%nthe end of its log:%n%s",
              text, timeout, output(), logTail())
          .isTrue();
      assertThat(process.isAlive() || output().contains(text))
          .as("the service ended before printing '%s':%n%s", text, output())
          .isTrue();
      Thread.sleep(100);
    }
    return this;
  }

  /**
   * The last lines of the service's log file (out/logs/qualityloop.log), to tell where a start got
   * stuck.
   */
  private String logTail() {
    try {
      List<String> lines =
          Files.readAllLines(workdir.resolve("out/logs/qualityloop.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL: no savepoint, no clean-up, as a power cut or {@code kill -9}. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; returns the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(2, TimeUnit.MINUTES))
        .as("stopped within 2 minutes:%n%s", output())
        .isTrue();
    return process.exitValue();
  }
}
