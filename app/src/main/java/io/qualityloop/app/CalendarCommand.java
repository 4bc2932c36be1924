package io.qualityloop.app;

import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop calendar check [--today 2026-12-02]}: which years the working calendar ({@code
 * lake/reference/working_calendar.csv}, else the shipped one) covers. Exit 1 when the current year
 * is not covered, or in December when the next one is not (by then the State Council has published
 * the next year's holidays, and deadlines of late December already run into January); 0 otherwise.
 * A cron line can run it daily.
 */
@Command(
    name = "calendar",
    mixinStandardHelpOptions = true,
    description =
        "Check which years the working calendar covers (exit 1 when this year, or in December next"
            + " year, is missing).")
final class CalendarCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "What to do: check.")
  private String action;

  @Option(names = "--today", description = "The day to check for (default: today in time.zone).")
  private LocalDate today;

  @Override
  public Integer call() {
    if (!"check".equals(action)) {
      return parent.usageError("unknown action '" + action + "': the calendar command has check.");
    }
    QualityLoopConfig config = parent.config();
    Path file = config.lakeRoot().resolve("reference").resolve("working_calendar.csv");
    boolean shipped = !Files.isRegularFile(file);
    WorkingCalendar calendar;
    try (InputStream in =
        shipped
            ? WorkingCalendar.class.getResourceAsStream("/reference/working_calendar.csv")
            : Files.newInputStream(file)) {
      calendar = WorkingCalendar.parse(in);
    } catch (IOException | RuntimeException e) {
      return parent.failure("cannot read the working calendar: " + e.getMessage());
    }
    LocalDate day = today != null ? today : LocalDate.now(config.zone());
    int year = day.getYear();
    var out = parent.out();
    out.println(
        "Working calendar: "
            + (shipped
                ? "the shipped one (the lake has no reference/working_calendar.csv yet)"
                : file));
    out.println(
        "Covers: "
            + (calendar.coveredYears().isEmpty()
                ? "no year"
                : calendar.coveredYears().stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "))));
    boolean thisYear = calendar.covers(year);
    boolean nextYear = calendar.covers(year + 1);
    out.println(year + " (this year): " + (thisYear ? "covered" : "NOT covered"));
    out.println((year + 1) + " (next year): " + (nextYear ? "covered" : "NOT covered"));
    boolean nextNeeded = day.getMonth() == Month.DECEMBER;
    if (!thisYear) {
      return parent.failure(calendar.uncoveredWarning(year));
    }
    if (!nextYear && nextNeeded) {
      return parent.failure(calendar.uncoveredWarning(year + 1));
    }
    if (!nextYear) {
      out.println(
          "Add "
              + (year + 1)
              + " once its holidays are published (usually by November), before December.");
    }
    return 0;
  }
}
