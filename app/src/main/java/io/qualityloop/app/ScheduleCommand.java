package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.notify.DeliveryStatus;
import io.qualityloop.notify.ReportMailer;
import io.qualityloop.reports.ExecutiveReport;
import io.qualityloop.reports.HeadlessChromium;
import io.qualityloop.reports.OutboxIndex;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.Schedule;
import io.qualityloop.reports.Week;
import io.qualityloop.reports.WeeklyReport;
import io.qualityloop.warehouse.AsOf;
import io.qualityloop.warehouse.ProjectScope;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop schedule run-due}: writes every scheduled report that is due into the outbox
 * (PDF beside it where Chromium is installed) and refreshes the outbox's index page, so cron or any
 * scheduler can call it as often as it likes: a period is delivered once. A job with {@code
 * recipients} is e-mailed as well ({@link ReportMailer}): each job's newest period, on a live run.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Run the scheduled reports that are due (schedule run-due).")
final class ScheduleCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "run-due")
  private String action;

  @Option(
      names = "--today",
      description = "Run as if today were this date (default: today in time.zone).")
  private LocalDate today;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!"run-due".equals(action)) {
      return parent.usageError(
          "unknown action '" + action + "': the schedule command has run-due.");
    }
    return runDue(parent.config(), today, parent.out());
  }

  /**
   * Writes every scheduled report due on {@code today} (null: today in {@code time.zone}) into the
   * outbox and refreshes its index; the service calls it every {@code service.schedule-interval}.
   */
  static int runDue(QualityLoopConfig config, LocalDate today, PrintStream out)
      throws IOException, InterruptedException {
    Schedule schedule = new Schedule(jobs(config));
    Path outbox = config.outDir().resolve("outbox");
    Files.createDirectories(outbox);
    Path stateFile = outbox.resolve(".schedule-state.properties");
    Properties state = new Properties();
    if (Files.exists(stateFile)) {
      try (Reader in = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
        state.load(in);
      }
    }
    Map<String, String> done = new HashMap<>();
    state.stringPropertyNames().forEach(k -> done.put(k, state.getProperty(k)));
    LocalDate day = today != null ? today : LocalDate.now(config.zone());
    List<Schedule.Due> due = schedule.due(day, done);
    ReportLanguage lang = ReportLanguage.parse(config.reportLanguage());
    ZonedDateTime now = ZonedDateTime.now(config.zone());
    Map<String, List<String>> recipients = recipients(config);
    Set<Schedule.Due> toMail =
        toMail(due, today == null || today.equals(LocalDate.now(config.zone())));
    Optional<ReportMailer> mailer = Optional.empty();
    if (due.stream().anyMatch(d -> !recipients.getOrDefault(d.job().id(), List.of()).isEmpty())) {
      mailer = ReportMailer.from(config, Clock.systemUTC());
      if (mailer.isEmpty()) {
        out.println(
            "E-mail: off, notify.email.smtp-host is empty (the jobs' recipients get nothing).");
      }
    }
    if (due.isEmpty()) {
      out.println("Nothing due on " + day + ".");
    } else {
      Optional<HeadlessChromium> chromium =
          Boolean.parseBoolean(config.get("schedule.pdf"))
              ? HeadlessChromium.find()
              : Optional.empty();
      // one warehouse per scope the due jobs ask for, its file opened (rebuilt if the lake changed)
      // when first needed
      Map<ProjectScope, Warehouse> warehouses = new HashMap<>();
      try {
        for (Schedule.Due d : due) {
          Warehouse warehouse =
              warehouses.computeIfAbsent(
                  d.job().scope(),
                  scope -> WarehouseAccess.open(config, AsOf.NOW, scope, System.err));
          Path file =
              outbox
                  .resolve(d.job().id())
                  .resolve(d.job().report() + "-" + d.period() + "." + lang.tag() + ".html");
          ExecutiveReport executive = new ExecutiveReport(ReportTemplates.shipped(), warehouse);
          switch (d.job().report()) {
            case "weekly" ->
                new WeeklyReport(ReportTemplates.shipped(), warehouse)
                    .write(Week.parse(d.period()), d.job().office(), lang, now, file);
            case "quarterly" -> executive.write(Quarter.parse(d.period()), lang, now, file);
            default ->
                executive.write(executive.year(Integer.parseInt(d.period())), lang, now, file);
          }
          String pdf = "";
          Path sent = file;
          if (chromium.isPresent()) {
            Path pdfFile =
                file.resolveSibling(file.getFileName().toString().replaceAll("\\.html$", ".pdf"));
            chromium.get().printToPdf(file, pdfFile);
            pdf = " + PDF";
            sent = pdfFile;
          }
          out.println("Delivered " + d.job().id() + " " + d.period() + ": " + file + pdf);
          List<String> to = recipients.getOrDefault(d.job().id(), List.of());
          if (mailer.isPresent() && !to.isEmpty()) {
            out.println(
                "  "
                    + mail(
                        mailer.get(),
                        new ReportMailer.Report(
                            d.job().id(), d.job().report(), d.period(), outbox, sent),
                        to,
                        toMail.contains(d)));
          }
          state.setProperty(d.job().id(), d.period());
          try (Writer stateOut = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
            state.store(stateOut, "last period each scheduled job delivered");
          }
        }
      } finally {
        warehouses.values().forEach(Warehouse::close);
      }
    }
    out.println("Outbox: " + new OutboxIndex(ReportTemplates.shipped()).write(outbox, lang, now));
    return 0;
  }

  /**
   * Which of {@code due} are e-mailed: on a live run (today on the wall clock, not {@code --today}
   * in the past), each job's newest period; the older periods of a catch-up and every period of a
   * backfill are written to the outbox only.
   */
  static Set<Schedule.Due> toMail(List<Schedule.Due> due, boolean live) {
    Map<String, Schedule.Due> newest = new LinkedHashMap<>();
    if (live) {
      due.forEach(
          d ->
              newest.merge(
                  d.job().id(), d, (a, b) -> a.period().compareTo(b.period()) >= 0 ? a : b));
    }
    return Set.copyOf(newest.values());
  }

  /**
   * The line the scheduler prints for a report's e-mail (counts only: addresses stay out of logs).
   */
  private static String mail(
      ReportMailer mailer, ReportMailer.Report report, List<String> to, boolean live) {
    if (!live) {
      return "E-mail: not sent (a catch-up of an older period or a run for a past date).";
    }
    List<ReportMailer.Outcome> outcomes = mailer.send(report, to, true);
    if (outcomes.isEmpty()) {
      return "E-mail: not sent (notify.mode=replay).";
    }
    long sent = outcomes.stream().filter(o -> o.status() == DeliveryStatus.SENT).count();
    long before = outcomes.stream().filter(o -> o.status() == null).count();
    List<String> failed =
        outcomes.stream()
            .filter(o -> o.status() == DeliveryStatus.FAILED)
            .map(ReportMailer.Outcome::answer)
            .toList();
    return "E-mail: "
        + sent
        + " of "
        + to.size()
        + " recipient(s) sent the "
        + outcomes.get(0).form()
        + (before > 0 ? ", " + before + " had it before" : "")
        + (failed.isEmpty() ? "" : ", " + failed.size() + " FAILED (" + failed.get(0) + ")")
        + ".";
  }

  /**
   * Each job's e-mail recipients ({@code schedule.job.<id>.recipients}, comma-separated addresses);
   * a bad address is an error naming the key.
   */
  static Map<String, List<String>> recipients(QualityLoopConfig config) {
    Map<String, List<String>> all = new HashMap<>();
    for (String id : config.get("schedule.jobs").split(",")) {
      String key = "schedule.job." + id.trim() + ".recipients";
      if (id.isBlank() || config.getOptional(key).isEmpty()) {
        continue;
      }
      List<String> addresses = ReportMailer.recipients(key, config.get(key));
      all.put(id.trim(), addresses);
    }
    return all;
  }

  /** The jobs of {@code schedule.jobs}, each configured by {@code schedule.job.<id>.*}. */
  static List<Schedule.Job> jobs(QualityLoopConfig config) {
    List<Schedule.Job> jobs = new ArrayList<>();
    for (String id : config.get("schedule.jobs").split(",")) {
      String j = id.trim();
      if (j.isEmpty()) {
        continue;
      }
      String report = config.get("schedule.job." + j + ".report");
      String office = config.getOptional("schedule.job." + j + ".office").orElse(null);
      int afterDays =
          Integer.parseInt(config.getOptional("schedule.job." + j + ".after-days").orElse("0"));
      String projects = config.getOptional("schedule.job." + j + ".projects").orElse(null);
      String region = config.getOptional("schedule.job." + j + ".region").orElse(null);
      ProjectScope scope =
          ProjectScope.of(projects == null ? null : List.of(projects.split(",")), region);
      jobs.add(new Schedule.Job(j, report, office, afterDays, scope));
    }
    return jobs;
  }
}
