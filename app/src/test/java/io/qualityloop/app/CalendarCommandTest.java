package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qualityloop calendar check}: the years covered, and exit 1 when this year (in December,
 * next year) is missing.
 */
class CalendarCommandTest {
  @TempDir Path work;

  record Run(int code, String out, String err) {}

  // The company's calendar lists 2026 and 2027 (a holiday each).
  @BeforeEach
  void calendar() throws Exception {
    Files.createDirectories(work.resolve("lake/reference"));
    Files.writeString(
        work.resolve("lake/reference/working_calendar.csv"),
        "date,day_type,name_zh\n2026-10-01,HOLIDAY,国庆节\n2027-01-01,HOLIDAY,元旦\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void aCoveredYearAndItsSuccessorExit0() {
    Run r = run("calendar", "check", "--today", "2026-06-15");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "lake/reference/working_calendar.csv",
            "Covers: 2026, 2027",
            "2026 (this year): covered",
            "2027 (next year): covered");
  }

  @Test
  void nextYearMissingIsANoteBeforeDecemberAndAFailureInDecember() {
    Run june = run("calendar", "check", "--today", "2027-06-15");
    assertThat(june.code()).isZero();
    assertThat(june.out())
        .contains("2028 (next year): NOT covered", "Add 2028 once its holidays are published");

    Run december = run("calendar", "check", "--today", "2027-12-01");
    assertThat(december.code()).isEqualTo(1);
    assertThat(december.err())
        .isEqualTo(
            "qualityloop: working_calendar.csv covers 2026-2027, not 2028: working time in 2028"
                + " counts Monday to Friday without that year's public holidays and make-up working"
                + " days (调休); add 2028 to lake/reference/working_calendar.csv (README, \"Working"
                + " calendar\")"
                + System.lineSeparator());
  }

  @Test
  void thisYearMissingExits1() {
    Run r = run("calendar", "check", "--today", "2028-03-01");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("2028 (this year): NOT covered");
    assertThat(r.err()).startsWith("qualityloop: working_calendar.csv covers 2026-2027, not 2028:");
  }

  @Test
  void aBadLineIsOneLineNamingTheFileAndLine() throws Exception {
    Files.writeString(
        work.resolve("lake/reference/working_calendar.csv"),
        "date,day_type,name_zh\n2026-10-01,HOLIDAY,国庆节\n2026-10-32,HOLIDAY,x\n",
        StandardCharsets.UTF_8);
    Run r = run("calendar", "check", "--today", "2026-06-15");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("qualityloop: cannot read the working calendar: working_calendar.csv line 3:")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

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
}
