package io.qualityloop.ingestion.generator;

import io.qualityloop.events.ComplainantIntent;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How a complaint may become major (重大投诉, planted pattern 7): not by dice from its category, but
 * the way the procedures describe it (002 §3.7.4). A venting customer, a household that complained
 * before, a problem several households share make it more likely; a complaint on its way to major
 * usually says so first (an angry tone, words about the press, a lawyer, the authorities or the
 * other owners), and is escalated hours to days later. With noise both ways: many angry or
 * threatening customers calm down, and some complaints escalate without a warning. Draws from its
 * own dice.
 */
final class EscalationStory {
  /**
   * A handful of households complaining at once about one thing in one project (planted pattern 9).
   */
  record GroupIncident(OffsetDateTime start, boolean escalates) {}

  /**
   * What the story adds to one complaint: words after its description, and when it becomes major
   * (null: never).
   */
  record Telling(String textPrefix, String textSuffix, OffsetDateTime escalateAt) {}

  /** Negative tone: each scores at least 3 on the shipped text_tone_lexicon.csv. */
  static final List<String> ANGRY =
      List.of(
          "已经反映多次，至今没人管",
          "物业一直推诿，非常失望",
          "一拖再拖，太不负责了",
          "问题反复出现，业主很气愤",
          "答复敷衍，忍无可忍",
          "等了很多天还是没解决",
          "处理态度恶劣，很不满意");

  /**
   * Words of early_warning_words.csv about the press, lawyers and the authorities, as customers say
   * them.
   */
  static final List<String> THREATS =
      List.of(
          "再不解决就找媒体曝光",
          "已经咨询了律师，准备起诉",
          "要打12345反映到住建局",
          "准备发抖音和微博让大家看看",
          "不解决就去消协投诉",
          "要求退房并赔偿损失",
          "准备联系电视台记者");

  /** Words of early_warning_words.csv about group action. */
  static final List<String> GROUP =
      List.of(
          "业主群里很多人都是这个问题，准备联名维权", "其他业主家也一样，大家准备集体去售楼处", "已经在业主群里发了照片，要一起维权", "楼里好几户都这样，准备联名投诉到政府");

  static final double BASE_PRODUCT = 0.006;
  static final double BASE_OTHER = 0.003;

  private final Dice dice;

  EscalationStory(Dice dice) {
    this.dice = dice;
  }

  /**
   * @param product a product (house quality) complaint
   * @param repeat the household complained within 90 days or about the same component before
   * @param incident the group incident it belongs to, or null
   * @param majorAtIntake already major when accepted (a serious incident): the story adds no
   *     escalation
   * @param prefix words before the description (a follow-up says the problem came back)
   */
  Telling tell(
      OffsetDateTime receivedAt,
      boolean product,
      ComplainantIntent intent,
      boolean repeat,
      GroupIncident incident,
      boolean majorAtIntake,
      String prefix) {
    boolean venting = intent == ComplainantIntent.VENTING;
    double p;
    if (incident != null) {
      p = incident.escalates() ? 0.5 : 0.02;
    } else {
      p = (product ? BASE_PRODUCT : BASE_OTHER) * (venting ? 3 : 1) * (repeat ? 3 : 1);
    }
    boolean major = !majorAtIntake && dice.chance(p);
    // a serious incident major at intake comes without the story's warning signs: a miss of the
    // early warning
    boolean bound = major;
    double angry =
        bound ? (venting ? 0.75 : 0.55) : 0.05 + (venting ? 0.25 : 0) + (repeat ? 0.1 : 0);
    double threat =
        bound ? 0.55 : incident != null ? 0.15 : 0.008 + (venting ? 0.03 : 0) + (repeat ? 0.02 : 0);
    StringBuilder suffix = new StringBuilder();
    if (dice.chance(angry)) {
      suffix.append('，').append(dice.pick(ANGRY));
    }
    if (dice.chance(threat)) {
      suffix.append('，').append(dice.pick(incident != null ? GROUP : THREATS));
    }
    OffsetDateTime escalateAt = null;
    if (major) {
      // hours to days after receipt (median about 30 h); for a group, once the neighbours have
      // joined in
      double hours = Math.max(4, Math.min(240, Math.exp(dice.normal(Math.log(30), 0.8))));
      OffsetDateTime at = receivedAt.plusMinutes(Math.round(hours * 60));
      if (incident != null) {
        OffsetDateTime groupAt =
            incident.start().plusMinutes(Math.round(dice.uniform(72, 144) * 60));
        at = groupAt.isAfter(at) ? groupAt : at;
      }
      escalateAt = at;
    }
    return new Telling(prefix, suffix.toString(), escalateAt);
  }
}
