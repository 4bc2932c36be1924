package io.qualityloop.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One satisfaction survey sent (回访 / 客户满意度调查表): answered, with its scores, or recorded as not
 * answered ({@link SurveyResponse}), without any. Dimension scores are 1-5 (5 = very satisfied); a
 * dimension not asked is null. NPS (0-10) is optional.
 *
 * @param complaintId the complaint or repair this callback follows, if any
 * @param dissatisfiedItems the items the customer marked dissatisfied
 */
public record CallbackSurvey(
    String eventId,
    int schemaVersion,
    OffsetDateTime occurredAt,
    SurveyType surveyType,
    Channel channel,
    String projectId,
    String building,
    String unit,
    String room,
    String householdId,
    String staffId,
    String complaintId,
    Integer scoreResponseSpeed,
    Integer scoreCompleteness,
    Integer scoreProfessionalism,
    Integer scoreAttitude,
    Integer scoreResult,
    Integer scoreOverall,
    Integer nps,
    List<String> dissatisfiedItems,
    String comment,
    SurveyResponse response,
    String roomPseudonym)
    implements QualityEvent {

  public static final int SCHEMA_VERSION = 1;

  /** This survey with another comment. */
  public CallbackSurvey withComment(String newComment) {
    if (Objects.equals(newComment, comment)) {
      return this;
    }
    return new CallbackSurvey(
        eventId,
        schemaVersion,
        occurredAt,
        surveyType,
        channel,
        projectId,
        building,
        unit,
        room,
        householdId,
        staffId,
        complaintId,
        scoreResponseSpeed,
        scoreCompleteness,
        scoreProfessionalism,
        scoreAttitude,
        scoreResult,
        scoreOverall,
        nps,
        dissatisfiedItems,
        newComment,
        response,
        roomPseudonym);
  }

  /**
   * True unless the attempt was recorded as not answered ({@code response} null means answered).
   */
  public boolean answered() {
    return response == null || response == SurveyResponse.ANSWERED;
  }
}
