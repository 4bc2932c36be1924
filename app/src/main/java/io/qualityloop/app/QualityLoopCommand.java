package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code qualityloop} command. Errors a user can act on are printed as one sentence on stderr;
 * the stack trace goes to the log file only. Exit codes: 0 done, {@value #EXIT_FAILURE} the command
 * failed, {@value #EXIT_USAGE} a usage error (an unknown option or value, a value that names
 * nothing: an unknown project, quarter or format, a {@code --config} file that does not exist, a
 * bad configuration value). The reconciliation's own 3 is kept.
 */
@Command(
    name = "qualityloop",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description =
        "Customer-service quality analytics for real-estate developers and property managers.")
public final class QualityLoopCommand {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  private static final Path DEFAULT_CONFIG = Path.of("config", "qualityloop.properties");

  /** The subcommands, in the order {@code --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          DemoCommand.class,
          UpCommand.class,
          IngestCommand.class,
          ReconcileCommand.class,
          ReportCommand.class,
          MetricsCommand.class,
          QueryCommand.class,
          LessonsCommand.class,
          ServeCommand.class,
          UsersCommand.class,
          ScheduleCommand.class,
          ExportCommand.class,
          RoomCommand.class,
          CompactCommand.class,
          PurgeCommand.class,
          WarehouseCommand.class,
          CalendarCommand.class,
          NotifyCommand.class,
          BenchCommand.class);

  /** The root's options that take a value: the word after them is no subcommand. */
  private static final Set<String> OPTIONS_WITH_A_VALUE = Set.of("--config", "--workdir");

  @Option(
      names = "--config",
      description =
          "Configuration file (default: config/qualityloop.properties if it exists; a file named"
              + " here must exist).")
  private Path configFile;

  @Option(
      names = "--workdir",
      description =
          "Directory that relative lake and output paths are resolved against (default: current).")
  private Path workdir = Path.of("");

  @Option(
      names = "--new-pseudonym-key",
      description =
          "Start new pseudonyms for this run: rotate the key file (the old one is kept beside it),"
              + " or accept a missing key file or a key other than the lake's. History under the"
              + " old key no longer links.")
  private boolean newPseudonymKey;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  QualityLoopConfig config() {
    Path base = workdir.toAbsolutePath();
    Path named = configFile != null ? configFile : DEFAULT_CONFIG;
    Path file = named.isAbsolute() ? named : base.resolve(named);
    if (configFile != null && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--config " + configFile + ": no such file (" + file + ")");
    }
    QualityLoopConfig config = QualityLoopConfig.load(file, System.getenv(), base);
    return newPseudonymKey ? config.with("privacy.new-pseudonym-key", "true") : config;
  }

  /** A usage error: one line on stderr; returns {@value #EXIT_USAGE}. */
  int usageError(String message) {
    err.println("qualityloop: " + message);
    return EXIT_USAGE;
  }

  /** A failure: one line on stderr; returns {@value #EXIT_FAILURE}. */
  int failure(String message) {
    err.println("qualityloop: " + message);
    return EXIT_FAILURE;
  }

  PrintStream out() {
    return out;
  }

  /** Where messages go when stdout carries a document (CSV, JSON), and where errors go. */
  PrintStream err() {
    return err;
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    QualityLoopCommand command = new QualityLoopCommand();
    command.out = out;
    command.err = err;
    CommandLine cli = commandLine(command, args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println(
              "qualityloop: "
                  + e.getMessage()
                  + " (see: "
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help)");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // The trace goes to the log file only (this logger has no console appender); the user
          // reads one line.
          LogManager.getLogger("io.qualityloop.failures").error("command failed", e);
          err.println(
              "qualityloop: "
                  + userMessage(e)
                  + " (details in "
                  + System.getProperty("qualityloop.log.dir", "out/logs")
                  + "/qualityloop.log)");
          return rootCause(e) instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
        });
    return cli.execute(args);
  }

  /**
   * The command line for {@code args}: with only the subcommand they name when they name one, else
   * with every subcommand ({@code --help}, a misspelt name). picocli builds the model of every
   * subcommand it is given, options and nested subcommands, by reflection: about 0.3-0.4 s of a
   * report that takes 1.5-2 s in all, for commands that are not run.
   */
  static CommandLine commandLine(QualityLoopCommand command, String... args) {
    CommandLine cli = new CommandLine(command);
    Optional<Class<?>> named = subcommandNamedBy(args);
    for (Class<?> subcommand : named.isPresent() ? List.of(named.get()) : SUBCOMMANDS) {
      cli.addSubcommand(subcommand);
    }
    return cli;
  }

  /** The subcommand the first word of {@code args} that is no root option (or its value) names. */
  static Optional<Class<?>> subcommandNamedBy(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (OPTIONS_WITH_A_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return SUBCOMMANDS.stream()
            .filter(c -> c.getAnnotation(Command.class).name().equals(arg))
            .findFirst();
      } else if (arg.equals("--")) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String userMessage(Throwable e) {
    Throwable t = rootCause(e);
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /** The exception that says what went wrong: wrappers without a message of their own unwrapped. */
  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof ExecutionException)) {
      t = t.getCause();
    }
    return t;
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }
}
