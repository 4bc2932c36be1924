package io.qualityloop.jobs.complaints.timeline;

import static io.qualityloop.events.LifecycleEventType.ACCEPTED;
import static io.qualityloop.events.LifecycleEventType.CALLBACK_DONE;
import static io.qualityloop.events.LifecycleEventType.CLOSED;
import static io.qualityloop.events.LifecycleEventType.CUSTOMER_NOTIFIED;
import static io.qualityloop.events.LifecycleEventType.DEPARTMENT_FEEDBACK;
import static io.qualityloop.events.LifecycleEventType.EXTENDED;
import static io.qualityloop.events.LifecycleEventType.PAUSED;
import static io.qualityloop.events.LifecycleEventType.RECEIVED;
import static io.qualityloop.events.LifecycleEventType.REOPENED;
import static io.qualityloop.events.LifecycleEventType.RESOLVED;
import static io.qualityloop.events.LifecycleEventType.RESUMED;
import static io.qualityloop.events.LifecycleEventType.SITE_SURVEYED;
import static io.qualityloop.events.LifecycleEventType.WORK_ORDER_ISSUED;
import static io.qualityloop.jobs.complaints.testutils.Complaints.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.complaints.testutils.Complaints;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every default rule on hand-dated complaints. Working hours 09:00-12:00, 13:30-18:00 (7.5 h);
 * March 2026 has no holiday, so Mon 2026-03-02 .. Fri 03-06 are plain working days.
 */
class ComplaintTimelineTest {
  private final ComplaintTimeline timeline =
      new ComplaintTimeline(
          SlaRuleSet.shipped(), WorkingTime.shipped(), 0.8, ZoneId.of("Asia/Shanghai"));

  private ComplaintView view(String now, ComplaintEvent... events) {
    List<ComplaintEvent> sorted = new ArrayList<>(Arrays.asList(events));
    sorted.sort(ComplaintTimeline.ORDER);
    return timeline.evaluate(sorted, LocalDateTime.parse(now));
  }

  private static ClockResult clock(ComplaintView v, int cycle, String rule) {
    return v.cycles().get(cycle - 1).clocks().stream()
        .filter(c -> c.rule().ruleId().equals(rule))
        .findFirst()
        .orElse(null);
  }

  @Test
  void acceptWithin24CalendarHours() {
    Complaints c = complaint("C1");
    ComplaintView v =
        view(
            "2026-03-04T00:00",
            c.event(RECEIVED, "2026-03-02T10:00"),
            c.event(ACCEPTED, "2026-03-03T10:00"));
    ClockResult accept = clock(v, 1, "accept_24h");
    assertThat(accept.deadline()).isEqualTo(LocalDateTime.parse("2026-03-03T10:00"));
    assertThat(accept.warningAt())
        .as("80% of 24 h")
        .isEqualTo(LocalDateTime.parse("2026-03-03T05:12"));
    assertThat(accept.status()).as("stopped exactly at the deadline").isEqualTo(ClockStatus.MET);

    ComplaintView late =
        view(
            "2026-03-04T00:00",
            c.event(RECEIVED, "2026-03-02T10:00"),
            c.event(ACCEPTED, "2026-03-03T10:01"));
    assertThat(clock(late, 1, "accept_24h").status()).isEqualTo(ClockStatus.MISSED);
  }

  @Test
  void runningClocksWarnAtEightyPercentThenBreach() {
    Complaints c = complaint("C2");
    ComplaintEvent received = c.event(RECEIVED, "2026-03-02T10:00");
    assertThat(clock(view("2026-03-03T05:11", received), 1, "accept_24h").status())
        .isEqualTo(ClockStatus.RUNNING);
    assertThat(clock(view("2026-03-03T05:12", received), 1, "accept_24h").status())
        .isEqualTo(ClockStatus.WARNING);
    assertThat(clock(view("2026-03-03T10:00", received), 1, "accept_24h").status())
        .isEqualTo(ClockStatus.BREACHED);
  }

  @Test
  void siteSurveyWithinOneWorkingDayFromFridayEveningBeforeTheSpringFestival() {
    // Accepted Fri 2026-02-13 17:50; Sat 02-14 is a make-up working day: deadline Sat 17:50.
    Complaints c = complaint("C3");
    ComplaintView v =
        view(
            "2026-02-25T00:00",
            c.event(RECEIVED, "2026-02-13T17:30"),
            c.event(ACCEPTED, "2026-02-13T17:50"),
            c.event(SITE_SURVEYED, "2026-02-24T09:30"));
    ClockResult survey = clock(v, 1, "site_survey_1wd");
    assertThat(survey.deadline()).isEqualTo(LocalDateTime.parse("2026-02-14T17:50"));
    assertThat(survey.status()).isEqualTo(ClockStatus.MISSED);
    // Department feedback within 3 working days applies to every department, product complaints too
    // (002 §3.4.2.2
    // names no exception): 10 min on Fri, 7.5 h on Sat 02-14, the holiday to 02-23, 7.5 h on Tue
    // 02-24, and the
    // remaining 7 h 20 min on Wed 02-25 (09:00-12:00, 13:30-17:50).
    assertThat(clock(v, 1, "department_feedback_3wd").deadline())
        .isEqualTo(LocalDateTime.parse("2026-02-25T17:50"));
  }

  @Test
  void singleAndMultiTradeRepairs() {
    // Work order Mon 03-02 10:00. Single trade: 3 x 7.5 h -> Thu 03-05 10:00. Multi: 7 days -> Wed
    // 03-11 10:00.
    Complaints single = complaint("C4").trades("plumbing");
    ComplaintView v1 =
        view(
            "2026-03-20T00:00",
            single.event(RECEIVED, "2026-03-02T08:00"),
            single.event(ACCEPTED, "2026-03-02T08:30"),
            single.event(WORK_ORDER_ISSUED, "2026-03-02T10:00"),
            single.event(RESOLVED, "2026-03-05T09:59"));
    assertThat(clock(v1, 1, "repair_single_trade_3wd").deadline())
        .isEqualTo(LocalDateTime.parse("2026-03-05T10:00"));
    assertThat(clock(v1, 1, "repair_single_trade_3wd").status()).isEqualTo(ClockStatus.MET);
    assertThat(clock(v1, 1, "repair_multi_trade_7wd")).isNull();

    Complaints multi = complaint("C5").trades("plumbing", "masonry");
    ComplaintView v2 =
        view(
            "2026-03-20T00:00",
            multi.event(RECEIVED, "2026-03-02T08:00"),
            multi.event(ACCEPTED, "2026-03-02T08:30"),
            multi.event(WORK_ORDER_ISSUED, "2026-03-02T10:00"),
            multi.event(RESOLVED, "2026-03-11T10:30"));
    assertThat(clock(v2, 1, "repair_multi_trade_7wd").deadline())
        .isEqualTo(LocalDateTime.parse("2026-03-11T10:00"));
    assertThat(clock(v2, 1, "repair_multi_trade_7wd").status()).isEqualTo(ClockStatus.MISSED);
  }

  @Test
  void anExtensionAgreedWithTheCustomerMovesTheDeadline() {
    Complaints multi = complaint("C6").trades("plumbing", "masonry");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            multi.event(RECEIVED, "2026-03-02T08:00"),
            multi.event(ACCEPTED, "2026-03-02T08:30"),
            multi.event(WORK_ORDER_ISSUED, "2026-03-02T10:00"),
            multi.event(EXTENDED, "2026-03-09T11:00", "S1", "业主书面同意延期", "2026-03-13T18:00"),
            multi.event(RESOLVED, "2026-03-12T16:00"));
    ClockResult repair = clock(v, 1, "repair_multi_trade_7wd");
    assertThat(repair.extended()).isTrue();
    assertThat(repair.deadline()).isEqualTo(LocalDateTime.parse("2026-03-13T18:00"));
    assertThat(repair.status()).isEqualTo(ClockStatus.MET);
  }

  @Test
  void waitingOnTheCustomerPausesTheClock() {
    // Single-trade repair from Mon 10:00; paused Mon 14:00 .. Wed 14:00 (two working days).
    // Used before the pause: 10-12 + 13:30-14 = 2.5 h; 20 h left from Wed 14:00:
    // Wed 4 h, Thu 7.5 h, Fri 7.5 h = 19 h, then 1 h on Mon 03-09 -> 10:00.
    Complaints c = complaint("C7");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T08:00"),
            c.event(ACCEPTED, "2026-03-02T08:30"),
            c.event(WORK_ORDER_ISSUED, "2026-03-02T10:00"),
            c.event(PAUSED, "2026-03-02T14:00", "S2", "业主不在家，无法入户", null),
            c.event(RESUMED, "2026-03-04T14:00"),
            c.event(RESOLVED, "2026-03-09T09:30"));
    ClockResult repair = clock(v, 1, "repair_single_trade_3wd");
    assertThat(repair.deadline()).isEqualTo(LocalDateTime.parse("2026-03-09T10:00"));
    assertThat(repair.status()).isEqualTo(ClockStatus.MET);
    assertThat(v.cycles().get(0).pausedTime()).hasHours(48);

    ComplaintView whilePaused =
        view(
            "2026-03-03T12:00",
            c.event(RECEIVED, "2026-03-02T08:00"),
            c.event(ACCEPTED, "2026-03-02T08:30"),
            c.event(WORK_ORDER_ISSUED, "2026-03-02T10:00"),
            c.event(PAUSED, "2026-03-02T14:00", "S2", "等待材料到货", null));
    assertThat(clock(whilePaused, 1, "repair_single_trade_3wd").status())
        .isEqualTo(ClockStatus.PAUSED);
    assertThat(clock(whilePaused, 1, "repair_single_trade_3wd").deadline()).isNull();
  }

  @Test
  void nonProductComplaintsGetDepartmentFeedbackAndTheOneWeekLimit() {
    Complaints c = complaint("C8").category("service");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T10:00"),
            c.event(ACCEPTED, "2026-03-02T11:00"),
            c.event(DEPARTMENT_FEEDBACK, "2026-03-05T11:00"),
            c.event(RESOLVED, "2026-03-10T09:00"));
    // Feedback: 3 working days from Mon 11:00 -> Thu 11:00 (met exactly). One week: Mon 10:00 + 168
    // h.
    assertThat(clock(v, 1, "department_feedback_3wd").deadline())
        .isEqualTo(LocalDateTime.parse("2026-03-05T11:00"));
    assertThat(clock(v, 1, "department_feedback_3wd").status()).isEqualTo(ClockStatus.MET);
    assertThat(clock(v, 1, "other_complaint_7d").deadline())
        .isEqualTo(LocalDateTime.parse("2026-03-09T10:00"));
    assertThat(clock(v, 1, "other_complaint_7d").status()).isEqualTo(ClockStatus.MISSED);
    assertThat(clock(v, 1, "handling_opinion_48h").status())
        .as("feedback 72 h after acceptance")
        .isEqualTo(ClockStatus.MISSED);
    assertThat(clock(v, 1, "initial_investigation_72h").status())
        .as("feedback 73 h after receipt")
        .isEqualTo(ClockStatus.MISSED);
    assertThat(clock(v, 1, "site_survey_1wd")).isNull();
  }

  @Test
  void writtenFeedbackAndCallbackAfterResolution() {
    // Resolved Fri 2026-03-06 17:00. Notified within 24 h; callback by Mon 03-09 17:00
    // (1 working day = 7.5 h: Fri 17-18 is 1 h, then Mon 9-12 and 13:30-17:00).
    Complaints c = complaint("C9");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T08:00"),
            c.event(ACCEPTED, "2026-03-02T08:30"),
            c.event(SITE_SURVEYED, "2026-03-02T15:00"),
            c.event(WORK_ORDER_ISSUED, "2026-03-02T16:00"),
            c.event(RESOLVED, "2026-03-06T17:00"),
            c.event(CUSTOMER_NOTIFIED, "2026-03-07T16:00"),
            c.event(CALLBACK_DONE, "2026-03-09T17:30", "S042"),
            c.event(CLOSED, "2026-03-09T17:45"));
    assertThat(clock(v, 1, "written_feedback_24h").status()).isEqualTo(ClockStatus.MET);
    ClockResult callback = clock(v, 1, "callback_1wd");
    assertThat(callback.deadline()).isEqualTo(LocalDateTime.parse("2026-03-09T17:00"));
    assertThat(callback.status()).isEqualTo(ClockStatus.MISSED);
    assertThat(callback.handlerStaffId()).as("credited to who made the callback").isEqualTo("S042");
    assertThat(clock(v, 1, "start_handling_24h").status()).isEqualTo(ClockStatus.MET);
    assertThat(v.cycles().get(0).ended()).isTrue();
  }

  @Test
  void reopensCountOncePerCycleExplicitOrByASecondResolve() {
    Complaints explicit = complaint("C10");
    ComplaintView v1 =
        view(
            "2026-03-20T00:00",
            explicit.event(RECEIVED, "2026-03-02T08:00"),
            explicit.event(ACCEPTED, "2026-03-02T08:30"),
            explicit.event(RESOLVED, "2026-03-03T10:00"),
            explicit.event(CALLBACK_DONE, "2026-03-03T15:00"),
            explicit.event(REOPENED, "2026-03-03T16:00"),
            explicit.event(RESOLVED, "2026-03-09T16:00"),
            explicit.event(CLOSED, "2026-03-10T10:00"));
    assertThat(v1.reopenCount()).isEqualTo(1);
    assertThat(v1.cycles().get(0).endedByReopen()).isTrue();
    assertThat(v1.cycles().get(1).explicitReopen()).isTrue();
    // Reopened Tue 16:00 + 3 working days = Fri 03-06 16:00: resolved on Mon 03-09 is late.
    assertThat(clock(v1, 2, "reopen_resolve_3wd").status()).isEqualTo(ClockStatus.MISSED);

    Complaints implicit = complaint("C11");
    ComplaintView v2 =
        view(
            "2026-03-20T00:00",
            implicit.event(RECEIVED, "2026-03-02T08:00"),
            implicit.event(ACCEPTED, "2026-03-02T08:30"),
            implicit.event(RESOLVED, "2026-03-03T10:00"),
            implicit.event(CALLBACK_DONE, "2026-03-03T15:00"),
            implicit.event(RESOLVED, "2026-03-05T10:00"),
            implicit.event(CLOSED, "2026-03-06T10:00"));
    assertThat(v2.reopenCount()).isEqualTo(1);
    assertThat(v2.cycles().get(1).explicitReopen()).isFalse();
    assertThat(v2.cycles().get(1).at(REOPENED))
        .as("dated at the last event before the second resolve")
        .isEqualTo(LocalDateTime.parse("2026-03-03T15:00"));
    assertThat(clock(v2, 2, "reopen_resolve_3wd").status()).isEqualTo(ClockStatus.MET);
  }

  @Test
  void aResolveDatedBeforeTheAcceptanceStillClosesTheClocksThatNeedIt() {
    // Out of order in the source: RESOLVED carries an earlier time than ACCEPTED.
    Complaints c = complaint("C12").category("service");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T08:00"),
            c.event(RESOLVED, "2026-03-02T09:00"),
            c.event(ACCEPTED, "2026-03-02T10:00"));
    assertThat(clock(v, 1, "accept_24h").status()).isEqualTo(ClockStatus.MET);
    assertThat(clock(v, 1, "other_complaint_7d").status()).isEqualTo(ClockStatus.MET);
    assertThat(v.reopenCount()).isZero();
  }

  @Test
  void theCloseEndsTheClocksStillRunningSoTheirDeadlinesAfterItNeverCome() {
    // Service complaint: department feedback never given; accepted Mon 03-02 10:00, so 3 working
    // days end Thu 03-05 10:00 (warning at 80%: Wed 03-04 14:30). Closed Tue 03-03 12:00.
    Complaints c = complaint("C14").category("service");
    ComplaintEvent[] events = {
      c.event(RECEIVED, "2026-03-02T09:00"),
      c.event(ACCEPTED, "2026-03-02T10:00"),
      c.event(RESOLVED, "2026-03-03T10:00"),
      c.event(CUSTOMER_NOTIFIED, "2026-03-03T11:00"),
      c.event(CALLBACK_DONE, "2026-03-03T11:30"),
      c.event(CLOSED, "2026-03-03T12:00")
    };
    ClockResult atClose = clock(view("2026-03-03T12:00", events), 1, "department_feedback_3wd");
    ClockResult weekLater = clock(view("2026-03-10T00:00", events), 1, "department_feedback_3wd");
    assertThat(weekLater.deadline()).isEqualTo(LocalDateTime.parse("2026-03-05T10:00"));
    assertThat(weekLater.status())
        .as("ended with its cycle, before its warning: not breached a week later")
        .isEqualTo(ClockStatus.RUNNING)
        .isEqualTo(atClose.status());
    assertThat(weekLater.endedAt()).isEqualTo(LocalDateTime.parse("2026-03-03T12:00"));
    assertThat(weekLater.elapsed()).isEqualTo(atClose.elapsed());
    assertThat(weekLater.running()).isFalse();
    assertThat(clock(view("2026-03-03T11:59", events), 1, "department_feedback_3wd").running())
        .as("before the close it runs")
        .isTrue();
  }

  @Test
  void aReopenEndsTheClocksOfTheCycleBeforeIt() {
    // No close: the reopen (Tue 03-03 16:00) ends cycle 1; its department feedback, due Thu 03-05
    // 10:00, is not breached in cycle 1 afterwards; the second cycle has clocks of its own.
    Complaints c = complaint("C15").category("service");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T09:00"),
            c.event(ACCEPTED, "2026-03-02T10:00"),
            c.event(RESOLVED, "2026-03-03T10:00"),
            c.event(REOPENED, "2026-03-03T16:00"));
    ClockResult feedback = clock(v, 1, "department_feedback_3wd");
    assertThat(feedback.status()).isEqualTo(ClockStatus.RUNNING);
    assertThat(feedback.endedAt()).isEqualTo(LocalDateTime.parse("2026-03-03T16:00"));
    assertThat(clock(v, 2, "reopen_resolve_3wd").status()).isEqualTo(ClockStatus.BREACHED);
  }

  @Test
  void escalationMarksTheComplaintMajorFromThatMoment() {
    Complaints c = complaint("C13");
    ComplaintView v =
        view(
            "2026-03-20T00:00",
            c.event(RECEIVED, "2026-03-02T08:00"),
            c.escalated("2026-03-02T09:00"));
    assertThat(v.major()).isTrue();
    assertThat(v.majorSince()).isEqualTo(LocalDateTime.parse("2026-03-02T09:00"));
  }
}
