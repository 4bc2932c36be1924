package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.Schedule;
import io.qualityloop.warehouse.ProjectScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled jobs a company adds in its configuration file, with an office or a row-level scope. */
class ScheduleJobsTest {
  @TempDir Path dir;

  @Test
  void aCompanyAddsARegionsQuarterlyReportAndAnOfficesWeeklyReport() throws Exception {
    Path file = dir.resolve("qualityloop.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "schedule.jobs=weekly,quarterly-east,quarterly-p01",
            "schedule.job.weekly.office=华东服务中心",
            "schedule.job.quarterly-east.report=quarterly",
            "schedule.job.quarterly-east.after-days=5",
            "schedule.job.quarterly-east.region=华东服务中心",
            "schedule.job.quarterly-p01.report=quarterly",
            "schedule.job.quarterly-p01.projects=P01, P02"),
        StandardCharsets.UTF_8);

    List<Schedule.Job> jobs = ScheduleCommand.jobs(QualityLoopConfig.load(file, Map.of(), dir));

    assertThat(jobs)
        .containsExactly(
            new Schedule.Job("weekly", "weekly", "华东服务中心", 0, ProjectScope.ALL),
            new Schedule.Job("quarterly-east", "quarterly", null, 5, ProjectScope.region("华东服务中心")),
            new Schedule.Job(
                "quarterly-p01",
                "quarterly",
                null,
                0,
                ProjectScope.projects(List.of("P01", "P02"))));
  }

  @Test
  void aSettingNoJobHasIsStillAnUnknownKey() throws Exception {
    Path file = dir.resolve("qualityloop.properties");
    Files.writeString(file, "schedule.job.weekly.colour=blue\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> QualityLoopConfig.load(file, Map.of(), dir))
        .hasMessageContaining("unknown configuration key 'schedule.job.weekly.colour'");
  }

  @Test
  void aJobNamesItsRecipientsAndABadAddressIsAnErrorNamingTheKey() throws Exception {
    Path file = dir.resolve("qualityloop.properties");
    Files.writeString(
        file,
        "schedule.jobs=weekly,quarterly\n"
            + "schedule.job.weekly.recipients=qm@corp.example, gm@corp.example,\n",
        StandardCharsets.UTF_8);
    assertThat(ScheduleCommand.recipients(QualityLoopConfig.load(file, Map.of(), dir)))
        .isEqualTo(Map.of("weekly", List.of("qm@corp.example", "gm@corp.example")));

    Files.writeString(
        file, "schedule.job.quarterly.recipients=qm@corp.example,质量部\n", StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> ScheduleCommand.recipients(QualityLoopConfig.load(file, Map.of(), dir)))
        .hasMessageStartingWith(
            "schedule.job.quarterly.recipients: '质量部' is not an e-mail address");
  }

  @Test
  void aLiveRunMailsEachJobsNewestPeriodOnlyAndABackfillNothing() {
    Schedule.Job weekly = new Schedule.Job("weekly", "weekly", null, 0);
    Schedule.Job quarterly = new Schedule.Job("quarterly", "quarterly", null, 5);
    // Monday 2026-10-12: weeks 40 (Sep 28 - Oct 4) and 41 (Oct 5-11) after week 39; 2026Q3 after Q2
    // (due from Oct 6)
    List<Schedule.Due> due =
        new Schedule(List.of(weekly, quarterly))
            .due(LocalDate.of(2026, 10, 12), Map.of("weekly", "2026-W39", "quarterly", "2026Q2"));
    assertThat(due)
        .containsExactly(
            new Schedule.Due(weekly, "2026-W40"),
            new Schedule.Due(weekly, "2026-W41"),
            new Schedule.Due(quarterly, "2026Q3"));

    assertThat(ScheduleCommand.toMail(due, true))
        .containsExactlyInAnyOrder(
            new Schedule.Due(weekly, "2026-W41"), new Schedule.Due(quarterly, "2026Q3"));
    assertThat(ScheduleCommand.toMail(due, false)).isEmpty();
  }
}
