package io.qualityloop.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which scheduled reports are due: a weekly report is due for each complete week (Monday to
 * Sunday) from the Monday after it, a quarterly report for each complete quarter from
 * {@code afterDays} days after its end. A job runs every due period after the last one it
 * delivered (at most {@link #MAX_CATCH_UP}, so a scheduler that was down catches up without
 * flooding the outbox); a job that never ran delivers only the latest period.
 */
public final class Schedule {
  static final int MAX_CATCH_UP = 8;

  /** One scheduled report: weekly (optionally for one service office) or quarterly. */
  public record Job(String id, String report, String office, int afterDays) {
    public Job {
      if (!report.equals("weekly") && !report.equals("quarterly")) {
        throw new IllegalArgumentException("schedule job " + id + ": report must be weekly or quarterly, not " + report);
      }
    }
  }

  /** A report to write now: the job and the period it covers (2026-W36, 2026Q3). */
  public record Due(Job job, String period) {}

  private final List<Job> jobs;

  public Schedule(List<Job> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** What is due on {@code today}, given the last period each job delivered ({@code done}: job id -> period). */
  public List<Due> due(LocalDate today, Map<String, String> done) {
    List<Due> due = new ArrayList<>();
    for (Job job : jobs) {
      List<String> periods = job.report().equals("weekly") ? completeWeeks(today, job) : completeQuarters(today, job);
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
