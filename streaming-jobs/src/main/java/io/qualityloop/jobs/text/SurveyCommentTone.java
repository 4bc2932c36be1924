package io.qualityloop.jobs.text;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The tone of one survey comment (row of the lake table {@code survey_comment_tone}): the comment
 * as the door scrubbed it, and whether the company's tone lexicon reads it as negative. A filter
 * for reading comments, never a score of anyone.
 */
public record SurveyCommentTone(
    String surveyId,
    String projectId,
    String complaintId,
    LocalDateTime occurredAt,
    String comment,
    boolean negativeTone,
    double toneScore,
    List<String> toneWords,
    LocalDateTime landedAt) {}
