package io.qualityloop.jobs.text;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the text of one complaint says (row of the lake table {@code complaint_text}): its counted
 * terms, its tone and the classification its words suggest. Made once per complaint, from the first
 * of its events that has a description, after the door's scrubbing; it sits beside the complaint's
 * own classification and never replaces it.
 */
public record ComplaintText(
    String complaintId,
    String eventId,
    String projectId,
    LocalDateTime occurredAt,
    LocalDate weekStart,
    String description,
    List<String> terms,
    boolean negativeTone,
    double toneScore,
    List<String> toneWords,
    String suggestedComponent,
    String suggestedProblemType,
    String suggestedCategory,
    String suggestedSubCategory,
    Double suggestionConfidence,
    List<String> suggestionEvidence,
    LocalDateTime landedAt) {}
