package io.qualityloop.jobs.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.LifecycleEventType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SlaRuleSetTest {

  @Test
  void shipsEveryLimitOfTheDomain() {
    SlaRuleSet rules = SlaRuleSet.shipped();
    assertThat(rules.rules())
        .extracting(SlaRule::ruleId)
        .containsExactly(
            "accept_24h",
            "start_handling_24h",
            "initial_investigation_72h",
            "handling_opinion_48h",
            "department_feedback_3wd",
            "site_survey_1wd",
            "repair_single_trade_3wd",
            "repair_multi_trade_7wd",
            "other_complaint_7d",
            "written_feedback_24h",
            "callback_1wd",
            "reopen_resolve_3wd");
    SlaRule survey = rules.rule("site_survey_1wd");
    assertThat(survey.startEvents()).containsExactly(LifecycleEventType.ACCEPTED);
    assertThat(survey.clock()).isEqualTo(ClockType.WORKING_DAYS);
    assertThat(survey.limitAmount(WorkingTime.shipped(), LocalDateTime.of(2026, 3, 2, 9, 0)))
        .isEqualTo(Duration.ofMinutes(450));
  }

  @Test
  void conditionsLookAtWhatTheComplaintSays() {
    SlaRuleSet rules = SlaRuleSet.shipped();
    ComplaintAttributes productTwoTrades =
        new ComplaintAttributes("product", "house_quality", "NORMAL", "A", 2);
    ComplaintAttributes service =
        new ComplaintAttributes("service", "reception", "NORMAL", null, 0);

    assertThat(rules.rule("repair_multi_trade_7wd").appliesWhen().test(productTwoTrades)).isTrue();
    assertThat(rules.rule("repair_single_trade_3wd").appliesWhen().test(productTwoTrades))
        .isFalse();
    assertThat(rules.rule("site_survey_1wd").appliesWhen().test(service)).isFalse();
    assertThat(rules.rule("department_feedback_3wd").appliesWhen().test(service)).isTrue();
    assertThat(rules.rule("department_feedback_3wd").appliesWhen().test(productTwoTrades))
        .as("every department, 002 §3.4.2.2")
        .isTrue();
    assertThat(rules.rule("accept_24h").appliesWhen().test(service)).isTrue();
  }

  @Test
  void aBadRuleNamesTheFileAndLine() {
    String csv =
        "rule_id,name_zh,start_events,stop_events,limit,clock,applies_when,source\n"
            + "ok,好,RECEIVED,ACCEPTED,24,CALENDAR_HOURS,,x\n"
            + "bad,坏,RECEIVED,TELEPORTED,24,CALENDAR_HOURS,,x\n";
    assertThatThrownBy(
            () ->
                SlaRuleSet.parse(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "my_rules.csv"))
        .hasMessageStartingWith("my_rules.csv line 3: ")
        .hasMessageContaining("TELEPORTED");
    String cond =
        "rule_id,name_zh,start_events,stop_events,limit,clock,applies_when,source\n"
            + "c,条件,RECEIVED,ACCEPTED,24,CALENDAR_HOURS,colour=red,x\n";
    assertThatThrownBy(
            () ->
                SlaRuleSet.parse(
                    new ByteArrayInputStream(cond.getBytes(StandardCharsets.UTF_8)), "r.csv"))
        .hasMessageContaining("r.csv line 2: unknown field 'colour'");
  }

  /**
   * The file as Excel saves "CSV UTF-8": a byte-order mark, CRLF, and quotes around cells with
   * commas.
   */
  static final String EXCEL_SAVED =
      "\ufeffrule_id,name_zh,start_events,stop_events,limit,clock,applies_when,source,name_en\r\n"
          + "accept_24h,\"24小时内受理,含节假日\",RECEIVED,ACCEPTED,24,CALENDAR_HOURS,,\"000 §5.3.1, 002"
          + " 篇2\",\"Accepted within 24 h, holidays too\"\r\n"
          + "callback_1wd,\"回访\"\"满意度\"\"\",RESOLVED,CALLBACK_DONE,1,WORKING_DAYS,,\"002 §3.5.4\n"
          + "second line of the source\",Callback\r\n"
          + "\r\n";

  @Test
  void anExcelSavedFileWithAByteOrderMarkAndQuotedCommasIsRead() throws Exception {
    SlaRuleSet rules =
        SlaRuleSet.parse(
            new ByteArrayInputStream(EXCEL_SAVED.getBytes(StandardCharsets.UTF_8)),
            "sla_rules.csv");

    assertThat(rules.rules())
        .extracting(SlaRule::ruleId)
        .containsExactly("accept_24h", "callback_1wd");
    assertThat(rules.rule("accept_24h").nameZh()).isEqualTo("24小时内受理,含节假日");
    assertThat(rules.rule("callback_1wd").nameZh()).isEqualTo("回访\"满意度\"");
    assertThat(rules.rule("callback_1wd").clock()).isEqualTo(ClockType.WORKING_DAYS);
  }

  @Test
  void anErrorAfterACellWithALineBreakNamesTheLineItsRowStartsOn() {
    String csv =
        EXCEL_SAVED.replace(
            "\r\n\r\n", "\r\nbad,坏,RECEIVED,TELEPORTED,24,CALENDAR_HOURS,,x,Bad\r\n");
    assertThatThrownBy(
            () ->
                SlaRuleSet.parse(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    "sla_rules.csv"))
        .hasMessageStartingWith("sla_rules.csv line 5: ")
        .hasMessageContaining("TELEPORTED");
  }
}
