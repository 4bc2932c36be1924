package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.CompositeTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.config.Configurator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * The command-line conventions of issue 22, item 2: errors as one line on stderr, exit 1 for a
 * failure and 2 for a usage error, a {@code --config} naming a missing file is an error, the
 * version comes from the build, the log is appended to and rolled, a warehouse build shows its
 * progress on stderr while stdout stays a clean document.
 */
class CommandLineConventionsTest {
  @TempDir Path work;

  /** Exit code, stdout, stderr. */
  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--workdir";
    all[1] = work.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCommandLineNamingASubcommandIsBuiltWithThatOneOnlyAndTheHelpListsThemAll() {
    assertThat(QualityLoopCommand.subcommandNamedBy("--workdir", "query", "report", "quarterly"))
        .contains(ReportCommand.class);
    assertThat(QualityLoopCommand.subcommandNamedBy("--config=x.properties", "query", "select 1"))
        .contains(QueryCommand.class);
    assertThat(QualityLoopCommand.subcommandNamedBy("--help")).isEmpty();
    assertThat(QualityLoopCommand.subcommandNamedBy("reprt", "quarterly")).isEmpty();
    assertThat(
            QualityLoopCommand.commandLine(new QualityLoopCommand(), "report", "quarterly")
                .getSubcommands())
        .containsOnlyKeys("report");

    Run help = run("--help");
    assertThat(help.code()).isZero();
    for (Class<?> c : QualityLoopCommand.SUBCOMMANDS) {
      assertThat(help.out()).contains("\n  " + c.getAnnotation(Command.class).name() + " ");
    }
    Run misspelt = run("reprt");
    assertThat(misspelt.code()).isEqualTo(QualityLoopCommand.EXIT_USAGE);
    assertThat(misspelt.err()).contains("Unmatched argument at index 2: 'reprt'");
  }

  @Test
  void theVersionIsTheBuildsVersion() throws Exception {
    Matcher pom =
        Pattern.compile("<artifactId>qualityloop-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(pom.find()).isTrue();

    Run r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("QualityLoop " + pom.group(1) + System.lineSeparator());
  }

  @Test
  void aConfigFileThatDoesNotExistIsAUsageErrorOnStderr() {
    Run r = run("--config", "config/prod.properties", "query", "select 1");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("qualityloop: --config config/prod.properties: no such file")
        .endsWith("qualityloop.log)");
  }

  @Test
  void anUnknownOptionIsAUsageErrorInOneLine() {
    Run r = run("metrics", "--quarter", "2026Q3");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("Unknown options: '--quarter'", "qualityloop metrics --help");
  }

  @Test
  void withoutASurveyYetMetricsAndReportNameTheirOwnOptionForTheQuarter() {
    new LakeFixture(work.resolve("lake")).reference(List.of(LakeFixture.project("P01", 100)));

    Run metrics = run("metrics");
    Run annual = run("report", "annual");

    assertThat(metrics.code()).isEqualTo(QualityLoopCommand.EXIT_USAGE);
    assertThat(metrics.err())
        .contains("the lake holds no survey yet, so there is no latest quarter: pass --period")
        .doesNotContain("--quarter");
    assertThat(annual.err()).contains("no latest quarter: pass --year");
  }

  @Test
  void aWarehouseBuildShowsProgressOnStderrAndAFailedQueryExits1() throws Exception {
    new LakeFixture(work.resolve("lake"))
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "callback_surveys",
            LakeFixture.row(
                "callback_surveys",
                Map.of(
                    "event_id",
                    "'S1'",
                    "schema_version",
                    "1",
                    "occurred_at",
                    "timestamp '2026-07-05 10:00:00'",
                    "survey_type",
                    "'REPAIR_CALLBACK'",
                    "channel",
                    "'PHONE'",
                    "project_id",
                    "'P01'",
                    "staff_id",
                    "'S001'",
                    "score_overall",
                    "5",
                    "dt",
                    "date '2026-07-05'")));

    Run first = run("query", "select count(*) as n from fct_surveys", "--format", "json");
    Run second = run("query", "select * from no_such_table");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err())
        .contains("Building the warehouse file ", "models) ...", "warehouse 100%");
    assertThat(new ObjectMapper().readTree(first.out()).get(0).get("n").asInt()).isEqualTo(1);
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.out()).isEmpty();
    assertThat(second.err())
        .doesNotContain("Building")
        .startsWith("qualityloop: the query failed: ");
    assertThat(second.err().lines().toList()).hasSize(1);
  }

  @Test
  void aProductTypeCityOrProjectThatNamesNothingIsAUsageErrorNamingThoseThatExist() {
    new LakeFixture(work.resolve("lake")).reference(List.of(LakeFixture.project("P01", 100)));

    Run type = run("lessons", "--product-type", "villa_xyz");
    Run project = run("metrics", "--period", "2026Q3", "--project", "P99");
    Run city = run("lessons", "--city", "杭洲");
    Run known = run("lessons", "--product-type", "high-rise", "--city", "杭州");

    assertThat(type.code()).isEqualTo(QualityLoopCommand.EXIT_USAGE);
    // after the first command's warehouse build and its progress: one line
    assertThat(type.err().lines().filter(l -> l.startsWith("qualityloop:")))
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith(
            "qualityloop: unknown product type 'villa_xyz': no project in reference/projects.csv"
                + " has it (product types: high_rise)");
    assertThat(city.code()).isEqualTo(QualityLoopCommand.EXIT_USAGE);
    assertThat(city.err()).contains("unknown city '杭洲'", "(cities: 杭州)");
    assertThat(project.code()).isEqualTo(QualityLoopCommand.EXIT_USAGE);
    assertThat(project.out()).isEmpty();
    assertThat(project.err())
        .isEqualTo(
            "qualityloop: unknown project P99: not in reference/projects.csv (projects: P01)\n");
    assertThat(known.code()).as(known.err()).isZero();
    assertThat(known.out()).startsWith("Lessons: ");
  }

  /**
   * The shipped log configuration (not the tests' log4j2-test.xml), loaded twice as two commands
   * would.
   */
  @Test
  void theLogFileIsAppendedToAndRolledBySize() throws Exception {
    URI shipped = QualityLoopCommand.class.getResource("/log4j2.xml").toURI();
    String before = System.getProperty("qualityloop.log.dir");
    System.setProperty("qualityloop.log.dir", work.resolve("logs").toString());
    try {
      for (String command : List.of("first", "second")) {
        LoggerContext context = Configurator.initialize("log-" + command, null, shipped);
        context.getLogger("io.qualityloop.failures").error("command " + command + " failed");
        if (command.equals("second")) {
          RollingFileAppender file = context.getConfiguration().getAppender("File");
          CompositeTriggeringPolicy policies = file.getTriggeringPolicy();
          assertThat(policies.getTriggeringPolicies())
              .singleElement()
              .isInstanceOfSatisfying(
                  SizeBasedTriggeringPolicy.class,
                  size -> assertThat(size.getMaxFileSize()).isEqualTo(10L * 1024 * 1024));
        }
        Configurator.shutdown(context);
      }
    } finally {
      if (before == null) {
        System.clearProperty("qualityloop.log.dir");
      } else {
        System.setProperty("qualityloop.log.dir", before);
      }
    }
    assertThat(Files.readString(work.resolve("logs/qualityloop.log")))
        .contains("command first failed", "command second failed");
  }

  // ingest without the stream: the file's name or headings tell the form, as in the inbox; a file
  // neither tells, a file that cannot be read and a stream without a file are usage errors in one
  // line, before anything starts (the imports themselves: IngestCommandITCase).

  @Test
  void ingestWithAStreamButNoFileAsksForTheFile() {
    Run r = run("ingest", "complaint-events");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "qualityloop: name the file to import: qualityloop ingest complaint-events <file>"
                + System.lineSeparator());
  }

  @Test
  void ingestOfAFileWhoseNameAndHeadingsTellNoFormAsksForTheStream() throws Exception {
    Path export = Files.writeString(work.resolve("export-2026-09.csv"), "编号,日期\n1,2026-09-01\n");

    Run r = run("ingest", export.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "qualityloop: cannot tell which form "
                + export
                + " is: its name names none and its headings are not those of exactly one form;"
                + " name the stream: qualityloop ingest complaint-events "
                + export
                + " (or service-interactions, callback-surveys)"
                + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void ingestOfAnOldXlsFileSaysItIsUnreadableNamingItOnce() throws Exception {
    Path old = Files.write(work.resolve("回访.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11});

    Run r = run("ingest", old.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("qualityloop: cannot import: ").contains(".xls");
    assertThat(r.err().split("回访\\.xls", -1)).as(r.err()).hasSize(2);
  }

  @Test
  void ingestNamesAnUnknownStream() throws Exception {
    Path form = Files.writeString(work.resolve("客户投诉单.csv"), "x\n");

    Run r = run("ingest", "complaints", form.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "qualityloop: unknown stream 'complaints': use service-interactions, complaint-events"
                + " or callback-surveys.");
  }
}
