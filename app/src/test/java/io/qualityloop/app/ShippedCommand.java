package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shipped {@code ./qualityloop} script in a working directory, as a user would: a process
 * of its own.
 */
final class ShippedCommand {
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  /** What one run printed (stdout and stderr) and its exit code. */
  record Run(String output, int exitCode) {}

  private ShippedCommand() {}

  static Run run(Path workdir, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(REPOSITORY.resolve("qualityloop").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("QUALITYLOOP_JAVA_OPTS", "-Xmx1g");
    pb.environment().remove("QUALITYLOOP_KAFKA_BOOTSTRAP_SERVERS");
    pb.environment().putAll(environment);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(output, p.exitValue());
  }
}
