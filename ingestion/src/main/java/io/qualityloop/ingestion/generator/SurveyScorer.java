package io.qualityloop.ingestion.generator;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.Channel;
import io.qualityloop.events.SurveyResponse;
import io.qualityloop.events.SurveyType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * How satisfied a surveyed customer is. A latent satisfaction on the 1-5 scale, lowered by what
 * went wrong (late steps, a major complaint, a venting customer) and by the planted dip of 2026Q2;
 * the dimension scores scatter around it, NPS follows it.
 */
final class SurveyScorer {
  /** Planted pattern 3: satisfaction dips in this quarter (first day inclusive, last exclusive). */
  static final LocalDate DIP_FROM = LocalDate.of(2026, 4, 1);

  static final LocalDate DIP_TO = LocalDate.of(2026, 7, 1);
  static final double DIP = 0.45;

  /**
   * Planted pattern 10: a batch of dissatisfied answers (不满意项) about one item in one project-month,
   * after a problem there, so that a special investigation opens (002 §3.7.5.9); every other month
   * scatters as usual. The item's score of every survey of that project-month is {@link
   * #CLUSTER_DROP} lower on the 1-5 scale (about a quarter then name it, against a few percent
   * otherwise). Months without a revisit campaign, whose many surveys would dilute the share.
   */
  record Cluster(String projectId, YearMonth month, String item) {}

  static final List<Cluster> CLUSTERS =
      List.of(
          new Cluster("P10", YearMonth.of(2025, 10), "attitude"),
          new Cluster(SyntheticCompany.REPEAT_PROJECT, YearMonth.of(2026, 3), "result"),
          new Cluster(
              SyntheticCompany.ENTRAPMENT_PROJECT, YearMonth.of(2026, 8), "response_speed"));
  static final double CLUSTER_DROP = 1.4;

  private static final List<String> DIMENSIONS =
      List.of("response_speed", "completeness", "professionalism", "attitude", "result");
  private static final List<String> GOOD_COMMENTS =
      List.of("维修师傅很专业，处理及时", "客服态度很好，谢谢", "问题已解决，满意", "回访很及时");
  private static final List<String> BAD_COMMENTS =
      List.of("处理太慢，等了很多天", "问题没有彻底解决，又复发了", "师傅上门不准时", "沟通不到位，没人告知进度", "希望加快处理速度");

  private final Dice dice;

  SurveyScorer(Dice dice) {
    this.dice = dice;
  }

  /** Latent satisfaction before noise, for a survey taken on {@code day}. */
  static double baseline(LocalDate day, double penalty) {
    double mean = 4.45 - penalty;
    if (!day.isBefore(DIP_FROM) && day.isBefore(DIP_TO)) {
      mean -= DIP;
    }
    return mean;
  }

  CallbackSurvey survey(
      String eventId,
      OffsetDateTime at,
      SurveyType type,
      Channel channel,
      Household household,
      String staffId,
      String complaintId,
      double latentMean,
      boolean lateResponse) {
    double latent = dice.normal(latentMean, 0.75);
    double speedRaw = latent + (lateResponse ? -0.8 : 0.1) + dice.normal(0, 0.5);
    double completenessRaw = latent + dice.normal(0, 0.5);
    double professionalismRaw = latent + 0.1 + dice.normal(0, 0.5);
    double attitudeRaw = latent + 0.2 + dice.normal(0, 0.5);
    double resultRaw = latent - 0.1 + dice.normal(0, 0.5);
    String clustered = clusteredItem(household.projectId(), YearMonth.from(at));
    if (clustered != null) {
      double drop = CLUSTER_DROP;
      switch (clustered) {
        case "response_speed" -> speedRaw -= drop;
        case "completeness" -> completenessRaw -= drop;
        case "professionalism" -> professionalismRaw -= drop;
        case "attitude" -> attitudeRaw -= drop;
        default -> resultRaw -= drop;
      }
    }
    // Planted pattern 6 (key drivers): the overall answer follows the result and the response speed
    // more than the rest, as customer-experience studies find; its mean stays the latent one.
    int overall = clamp(0.2 * latent + 0.45 * (resultRaw + 0.1) + 0.35 * (speedRaw - 0.1), 1, 5);
    int speed = clamp(speedRaw, 1, 5);
    int completeness = clamp(completenessRaw, 1, 5);
    int professionalism = clamp(professionalismRaw, 1, 5);
    int attitude = clamp(attitudeRaw, 1, 5);
    int result = clamp(resultRaw, 1, 5);
    Integer nps =
        dice.chance(0.5) ? clamp((latent - 1) / 4 * 10 + dice.normal(0, 1.3), 0, 10) : null;
    int[] scores = {speed, completeness, professionalism, attitude, result};
    List<String> dissatisfied = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] == 1 || scores[i] == 2 && namesIt(eventId, DIMENSIONS.get(i))) {
        dissatisfied.add(DIMENSIONS.get(i));
      }
    }
    String comment = null;
    if (dice.chance(0.4)) {
      comment = overall >= 4 ? dice.pick(GOOD_COMMENTS) : dice.pick(BAD_COMMENTS);
    }
    return new CallbackSurvey(
        eventId,
        CallbackSurvey.SCHEMA_VERSION,
        at,
        type,
        channel,
        household.projectId(),
        household.building(),
        household.unit(),
        household.room(),
        household.pseudonym(),
        staffId,
        complaintId,
        speed,
        completeness,
        professionalism,
        attitude,
        result,
        overall,
        nps,
        dissatisfied.isEmpty() ? null : dissatisfied,
        comment,
        SurveyResponse.ANSWERED,
        null);
  }

  /**
   * Whether a customer who scored an item 2 names it dissatisfied: half do (every item scored 1 is
   * named), so the items stay few, as customers list what matters most to them. From a hash of the
   * survey and item, not from the dice, so it changed no other draw.
   */
  static boolean namesIt(String surveyId, String item) {
    return ((surveyId + "/" + item).hashCode() * 0x9E3779B1) >>> 31 == 0;
  }

  private static String clusteredItem(String projectId, YearMonth month) {
    for (Cluster c : CLUSTERS) {
      if (c.projectId().equals(projectId) && c.month().equals(month)) {
        return c.item();
      }
    }
    return null;
  }

  private static int clamp(double value, int min, int max) {
    return (int) Math.max(min, Math.min(max, Math.round(value)));
  }
}
