package io.qualityloop.jobs.text;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A term that surged in a project's complaints in one week beyond what its trailing weeks make
 * likely (row of the lake table {@code text_alerts}, message on the text-alerts topic). {@code
 * alertId} is deterministic (project, week, term), so a replay produces the same ids.
 *
 * @param expected the weekly mentions the trailing weeks lead one to expect (Poisson mean)
 * @param pValue the chance of at least {@code observed} mentions if nothing changed
 * @param liftPercent the rise over the expected, in percent
 * @param complaintIds the complaints of the week that mention the term (the drill-down)
 */
public record EmergingIssueAlert(
    String alertId,
    String alertType,
    LocalDateTime alertAt,
    String projectId,
    LocalDate weekStart,
    String term,
    long observed,
    double expected,
    double pValue,
    long liftPercent,
    int baselineWeeks,
    List<String> complaintIds,
    LocalDateTime landedAt) {
  public static final String TYPE = "EMERGING_ISSUE";
}
