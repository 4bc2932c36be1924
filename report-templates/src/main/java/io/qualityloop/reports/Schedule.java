package io.qualityloop.reports;

import io.qualityloop.warehouse.ProjectScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which scheduled reports are due: a weekly report is due for each complete week (Monday to Sunday)
 * from the Monday after it, a quarterly report for each complete quarter and an annual report for
 * each complete year from {@code afterDays} days after its end. A job runs every due period after
 * the last one it delivered (at most {@link #MAX_CATCH_UP}, so a scheduler that was down catches up
 * without flooding the outbox); a job that never ran delivers only the latest period.
 */
public final class Schedule {
  static final int MAX_CATCH_UP = 8;

  /**
   * One scheduled report: weekly (optionally for one service office), quarterly or annual, of the
   * projects in {@code scope} (row-level scope: a region's own quarterly report).
   */
  public record Job(String id, String report, String office, int afterDays, ProjectScope scope) {
    public Job {
      if (!List.of("weekly", "quarterly", "annual").contains(report)) {
        throw new IllegalArgumentException(
            "schedule job " + id + ": report must be weekly, quarterly or annual, not " + report);
      }
      scope = scope == null ? ProjectScope.ALL : scope;
    }

    public Job(String id, String report, String office, int afterDays) {
      this(id, report, office, afterDays, ProjectScope.ALL);
    }
  }

  /** A report to write now: the job and the period it covers (2026-W36, 2026Q3, 2026). */
  public record Due(Job job, String period) {}

  private final List<Job> jobs;

  public Schedule(List<Job> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  public List<Job> jobs() {
    return jobs;
  }

  /**
   * What is due on {@code today}, given the last period each job delivered ({@code done}: job id ->
   * period).
   */
  public List<Due> due(LocalDate today, Map<String, String> done) {
    List<Due> due = new ArrayList<>();
    for (Job job : jobs) {
      List<String> periods =
          switch (job.report()) {
            case "weekly" -> completeWeeks(today, job);
            case "quarterly" -> completeQuarters(today, job);
            default -> completeYears(today, job);
          };
      String last = done.get(job.id());
      List<String> pending = new ArrayList<>();
      for (String p : periods) { // newest first
        if (last != null && p.compareTo(last) <= 0) {
          break;
        }
        pending.add(0, p);
        if (last == null || pending.size() == MAX_CATCH_UP) {
          break;
        }
      }
      pending.forEach(p -> due.add(new Due(job, p)));
    }
    return due;
  }

  private static List<String> completeWeeks(LocalDate today, Job job) {
    List<String> weeks = new ArrayList<>();
    Week w = Week.of(today).previous();
    while (today.isBefore(w.end().plusDays(job.afterDays()))) {
      w = w.previous();
    }
    for (int i = 0; i < MAX_CATCH_UP + 1; i++, w = w.previous()) {
      weeks.add(w.toString());
    }
    return weeks;
  }

  private static List<String> completeYears(LocalDate today, Job job) {
    List<String> years = new ArrayList<>();
    int year = today.getYear() - 1;
    while (today.isBefore(LocalDate.of(year + 1, 1, 1).plusDays(job.afterDays()))) {
      year--;
    }
    for (int i = 0; i < MAX_CATCH_UP + 1; i++, year--) {
      years.add(String.valueOf(year));
    }
    return years;
  }

  private static List<String> completeQuarters(LocalDate today, Job job) {
    List<String> quarters = new ArrayList<>();
    Quarter q = Quarter.of(today).previous();
    while (today.isBefore(q.lastMonth().atEndOfMonth().plusDays(1 + job.afterDays()))) {
      q = q.previous();
    }
    for (int i = 0; i < MAX_CATCH_UP + 1; i++, q = q.previous()) {
      quarters.add(q.toString());
    }
    return quarters;
  }
}
