package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.StaffRef;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monthly staff scores and grades with the shipped settings (customer dimensions 0.2 each; sources
 * customer 0.6, peer 0.2, manager 0.2, self-assessment 0.1, renormalised over the sources present;
 * A >= 90, B >= 75; at least 5 customer answers), worked out by hand. Callbacks are credited to the
 * handler of the complaint cycle they follow.
 */
class StaffScoresTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // August 2026. Dimension scores of each callback (speed, completeness, professionalism, attitude,
  // overall):
  //   S021: 5 5 5 5 5 (x3), 4 4 4 4 4, 5 4 5 4 5; peer review 80, manager review 90
  //   S022: 5 5 5 5 5 (x3), 4 4 4 4 4 (x2); an unconfirmed prohibited behaviour
  //   S023: 5 5 5 5 5 (x5); a confirmed prohibited behaviour on 08-20
  //   S024: 5 5 5 5 5 (x4)
  //   S025: no callbacks, a manager review of 70
  //   S028: 4 4 4 4 4 (x5); peer review 80, manager review 90, self-assessment 100 (000 §5.4.2)
  //   S024 also has a "self-assessment" written by S100: not their own, taken out
  //   Complaint KX: cycle 1 handled by S026 (from 07-01), cycle 2 by S027 (from 08-05, a reopen);
  //   callbacks on 07-20 and 08-10.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> facts = new ArrayList<>();
    List<String> surveys = new ArrayList<>();
    callbacks(facts, surveys, "S021", "5, 5, 5, 5", 3);
    callbacks(facts, surveys, "S021", "4, 4, 4, 4", 1);
    callbacks(facts, surveys, "S021", "5, 4, 5, 4", 1);
    callbacks(facts, surveys, "S022", "5, 5, 5, 5", 3);
    callbacks(facts, surveys, "S022", "4, 4, 4, 4", 2);
    callbacks(facts, surveys, "S023", "5, 5, 5, 5", 5);
    callbacks(facts, surveys, "S024", "5, 5, 5, 5", 4);
    callbacks(facts, surveys, "S028", "4, 4, 4, 4", 5);
    facts.add(fact("KX", 1, "S026", "2026-07-01"));
    facts.add(fact("KX", 2, "S027", "2026-08-05"));
    surveys.add(survey("KX-CB1", "KX", "2026-07-20", "3, 3, 3, 3", 3));
    surveys.add(survey("KX-CB2", "KX", "2026-08-10", "5, 5, 5, 5", 5));
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts))
        .table("callback_surveys", String.join(",", surveys));
    Path reference = lake.resolve("reference");
    List<StaffRef> staff = new ArrayList<>();
    for (String id :
        List.of("S001", "S021", "S022", "S023", "S024", "S025", "S026", "S027", "S028")) {
      staff.add(new StaffRef(id, "员工" + id, "technician", "维修一组", "华东服务中心"));
    }
    ReferenceData.writeStaff(reference.resolve(ReferenceData.STAFF_FILE), staff);
    Files.writeString(
        reference.resolve("staff_reviews.csv"),
        """
        month,staff_id,reviewer_role,reviewer_id,score,comment
        2026-08,S021,peer,S022,80,
        2026-08,S021,manager,S100,90,
        2026-08,S025,manager,S100,70,
        2026-08,S028,peer,S021,80,
        2026-08,S028,manager,S100,90,
        2026-08,S028,self,S028,100,
        2026-08,S024,self,S100,0,
        """,
        StandardCharsets.UTF_8);
    Files.writeString(
        reference.resolve("prohibited_behaviours.csv"),
        """
        occurred_on,staff_id,behaviour,evidence_id,confirmed
        2026-08-20,S023,arguing_with_customer,REC-0815,true
        2026-08-21,S022,gossip,REC-0816,false
        """,
        StandardCharsets.UTF_8);
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void customerPeerAndManagerInputAddUpToTheScoreJustBelowA() {
    // S021 customer means: speed (100*3 + 75 + 100) / 5 = 95; completeness (100*3 + 75 + 75) / 5 =
    // 90;
    //   professionalism 95; attitude 90; satisfaction 95. Customer score (95+90+95+90+95) / 5 =
    // 93.0.
    //   No self-assessment: the three inputs present share the weight, (0.6, 0.2, 0.2) / 1.0:
    //   Score = 0.6 * 93 + 0.2 * 80 + 0.2 * 90 = 55.8 + 16 + 18 = 89.8: B (A needs 90). (Were the
    // missing
    //   self-assessment counted as 0, the score would be 89.8 / 1.1 = 81.6.)
    assertThat(score("S021")).isEqualTo("5 93.0 80.0 90.0 89.8 B score");
  }

  @Test
  void eachPartsContributionIsShownAndTheyAddUpToTheScore() {
    // Customer share 0.6, each dimension 0.2 of it: 0.12 * 95 = 11.4, 0.12 * 90 = 10.8; peer 0.2 *
    // 80, manager 0.2 * 90.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select source, part, answers, round(effective_weight, 4) as w,"
                + " round(contribution_points, 2) as c from staff_score_contributions where"
                + " staff_id = 'S021' order by source, part");
    assertThat(rows)
        .extracting(
            r ->
                r.get("source")
                    + " "
                    + r.get("part")
                    + " "
                    + r.get("answers")
                    + " "
                    + num(r.get("w"))
                    + " "
                    + num(r.get("c")))
        .containsExactly(
            "customer attitude 5 0.12 10.8",
            "customer completeness 5 0.12 10.8",
            "customer professionalism 5 0.12 11.4",
            "customer response_speed 5 0.12 11.4",
            "customer satisfaction 5 0.12 11.4",
            "manager review 1 0.2 18.0",
            "peer review 1 0.2 16.0");
  }

  @Test
  void aSelfAssessmentIsWeightedLikeTheOtherInputs() {
    // S028: every dimension 75 -> customer 75.0. Weights present 0.6 + 0.2 + 0.2 + 0.1 = 1.1:
    //   score = (0.6 * 75 + 0.2 * 80 + 0.2 * 90 + 0.1 * 100) / 1.1 = (45 + 16 + 18 + 10) / 1.1 = 89
    // / 1.1 = 80.9: B.
    assertThat(score("S028")).isEqualTo("5 75.0 80.0 90.0 80.9 B score");
    assertThat(
            warehouse
                .query("select self_score from staff_scores_monthly where staff_id = 'S028'")
                .get(0))
        .containsEntry("self_score", 100.0);
    // Its part: 0.1 / 1.1 = 0.0909 of the score, 9.09 points; each customer dimension 0.6 / 1.1 *
    // 0.2 = 0.1091 * 75 = 8.18.
    List<Map<String, Object>> rows =
        warehouse.query(
            "select source, part, round(effective_weight, 4) as w, round(contribution_points, 2) as"
                + " c from staff_score_contributions where staff_id = 'S028' and part in ('review',"
                + " 'attitude') order by source");
    assertThat(rows)
        .extracting(
            r ->
                r.get("source")
                    + " "
                    + r.get("part")
                    + " "
                    + num(r.get("w"))
                    + " "
                    + num(r.get("c")))
        .containsExactly(
            "customer attitude 0.1091 8.18",
            "manager review 0.1818 16.36",
            "peer review 0.1818 14.55",
            "self review 0.0909 9.09");
    // S024's "self-assessment" by S100 is not a self-assessment: taken out (else 0.6 * 100 + 0.1 *
    // 0 over 0.7 = 85.7)
    assertThat(score("S024")).isEqualTo("4 100.0 null null 100.0 null insufficient_sample");
    assertThat(
            warehouse.query(
                "select value from excluded_rows where model like '%ref_staff_reviews.sql' and kind"
                    + " = 'check'"))
        .hasSize(1);
  }

  @Test
  void aScoreExactlyOnTheThresholdGetsTheHigherGrade() {
    // S022: every dimension (100*3 + 75*2) / 5 = 90; customer input only, so the customer weight is
    // renormalised to 1: score 90.0 -> A. Its prohibited behaviour is not confirmed: no effect.
    assertThat(score("S022")).isEqualTo("5 90.0 null null 90.0 A score");
  }

  @Test
  void aConfirmedProhibitedBehaviourMakesTheMonthCWhateverTheScore() {
    // S023: five perfect callbacks, 100.0, but arguing with a customer on 08-20 (confirmed).
    assertThat(score("S023")).isEqualTo("5 100.0 null null 100.0 C prohibited_behaviour");
    assertThat(
            warehouse
                .query("select behaviours from staff_scores_monthly where staff_id = 'S023'")
                .get(0))
        .containsEntry("behaviours", "arguing_with_customer");
  }

  @Test
  void tooFewAnswersOrNoCallbacksGiveNoGrade() {
    // S024: 4 answers (< 5): the score is shown, no grade. S025: no callbacks, a manager review
    // only.
    assertThat(score("S024")).isEqualTo("4 100.0 null null 100.0 null insufficient_sample");
    assertThat(score("S025")).isEqualTo("0 null null 70.0 70.0 null insufficient_sample");
  }

  @Test
  void aCallbackIsCreditedToWhoHandledTheCycleItFollows() {
    // KX's callback of 07-20 follows cycle 1 (S026); the one of 08-10 follows the reopened cycle 2
    // (S027).
    List<Map<String, Object>> rows =
        warehouse.query(
            "select survey_id, cycle, staff_id from fct_staff_customer_answers where complaint_id ="
                + " 'KX' order by survey_id");
    assertThat(rows)
        .extracting(r -> r.get("survey_id") + " " + r.get("cycle") + " " + r.get("staff_id"))
        .containsExactly("KX-CB1 1 S026", "KX-CB2 2 S027");
    assertThat(score("S026")).startsWith("1 50.0 ");
  }

  private static String score(String staff) {
    List<Map<String, Object>> rows =
        warehouse.query("select * from staff_scores_monthly where staff_id = ?", staff);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return r.get("customer_answers")
        + " "
        + num(r.get("customer_score"))
        + " "
        + num(r.get("peer_score"))
        + " "
        + num(r.get("manager_score"))
        + " "
        + num(r.get("score"))
        + " "
        + r.get("grade")
        + " "
        + r.get("grade_reason");
  }

  private static String num(Object v) {
    return v == null ? "null" : String.valueOf(((Number) v).doubleValue());
  }

  private static int complaints;

  /**
   * {@code n} complaints handled by {@code staff}, each followed by one callback with these scores
   * (and overall = speed).
   */
  private static void callbacks(
      List<String> facts, List<String> surveys, String staff, String fourScores, int n) {
    for (int i = 0; i < n; i++) {
      String complaint = "K" + (++complaints);
      facts.add(fact(complaint, 1, staff, "2026-08-01"));
      int overall = Integer.parseInt(fourScores.substring(0, 1));
      surveys.add(survey(complaint + "-CB", complaint, "2026-08-15", fourScores, overall));
    }
  }

  private static String survey(
      String id, String complaint, String day, String fourScores, int overall) {
    return "('"
        + id
        + "', 1, timestamp '"
        + day
        + " 10:00:00', 'COMPLAINT_CALLBACK', 'PHONE', 'P01', null, null, null, null, 'S001', '"
        + complaint
        + "', "
        + fourScores
        + ", null, "
        + overall
        + ", null, null, null, null, 0, 0, date '"
        + day
        + "')";
  }

  /** A complaint cycle handled by {@code handler}, started and ended on {@code startedOn}. */
  private static String fact(String complaint, int cycle, String handler, String startedOn) {
    return LakeFixture.row(
        "complaint_facts",
        Map.of(
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            String.valueOf(cycle),
            "project_id",
            "'P01'",
            "handler_staff_id",
            "'" + handler + "'",
            "cycle_started_at",
            "timestamp '" + startedOn + " 09:00:00'",
            "ended_at",
            "timestamp '" + startedOn + " 18:00:00'",
            "dt",
            "date '" + startedOn + "'"));
  }
}
