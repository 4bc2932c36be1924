package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code qualityloop} command. Errors a user can act on are printed as one sentence; the stack
 * trace goes to the log file only.
 */
@Command(name = "qualityloop", mixinStandardHelpOptions = true, version = "QualityLoop 0.1.0",
    description = "Customer-service quality analytics for real-estate developers and property managers.",
    subcommands = {DemoCommand.class, IngestCommand.class, ReconcileCommand.class, ReportCommand.class, MetricsCommand.class, QueryCommand.class, LessonsCommand.class, ServeCommand.class, UsersCommand.class, ScheduleCommand.class, ExportCommand.class, CompactCommand.class, BenchCommand.class})
public final class QualityLoopCommand {
  @Option(names = "--config", description = "Configuration file (default: config/qualityloop.properties).")
  private Path configFile = Path.of("config", "qualityloop.properties");

  @Option(names = "--workdir", description = "Directory that relative lake and output paths are resolved against (default: current).")
  private Path workdir = Path.of("");

  @Option(names = "--new-pseudonym-key", description = "Start new pseudonyms for this run: rotate the key file (the old one is kept "
      + "beside it), or accept a missing key file or a key other than the lake's. History under the old key no longer links.")
  private boolean newPseudonymKey;

  private PrintStream out = System.out;

  QualityLoopConfig config() {
    Path base = workdir.toAbsolutePath();
    Path file = configFile.isAbsolute() ? configFile : base.resolve(configFile);
    QualityLoopConfig config = QualityLoopConfig.load(file, System.getenv(), base);
    return newPseudonymKey ? config.with("privacy.new-pseudonym-key", "true") : config;
  }

  PrintStream out() {
    return out;
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    QualityLoopCommand command = new QualityLoopCommand();
    command.out = out;
    CommandLine cli = new CommandLine(command);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // The trace goes to the log file only (this logger has no console appender); the user reads one line.
      org.apache.logging.log4j.LogManager.getLogger("io.qualityloop.failures").error("command failed", e);
      err.println("qualityloop: " + userMessage(e));
      err.println("(details in the log: " + System.getProperty("qualityloop.log.dir", "out/logs") + "/qualityloop.log)");
      return 2;
    });
    return cli.execute(args);
  }

  private static String userMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }
}
