package io.qualityloop.events.validation;

import io.qualityloop.events.ReferenceCodes;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The limits records are checked against.
 *
 * @param futureSkew how far after "now" an event may claim to have happened (clocks differ)
 * @param oldestAccepted events before this are implausible (typing errors such as 1900 or 0206)
 * @param maxPayloadBytes larger records are quarantined as OVERSIZED
 * @param knownProjects project ids of reference/projects.csv; empty: not checked
 * @param knownStaff staff ids of reference/staff.csv; empty: not checked
 * @param knownCodes the codes of the other reference files a complaint step carries (component,
 *     category, sub-category, root cause, department); an empty set is not checked
 */
public record ValidationRules(
    Duration futureSkew,
    Instant oldestAccepted,
    int maxPayloadBytes,
    Set<String> knownProjects,
    Set<String> knownStaff,
    ReferenceCodes knownCodes)
    implements Serializable {
  public static final int KAFKA_DEFAULT_MAX_BYTES = 1_048_576;

  public ValidationRules {
    knownProjects = Set.copyOf(knownProjects);
    knownStaff = Set.copyOf(knownStaff);
    knownCodes = knownCodes == null ? ReferenceCodes.NONE : knownCodes;
  }

  public ValidationRules(
      Duration futureSkew,
      Instant oldestAccepted,
      int maxPayloadBytes,
      Set<String> knownProjects,
      Set<String> knownStaff) {
    this(
        futureSkew,
        oldestAccepted,
        maxPayloadBytes,
        knownProjects,
        knownStaff,
        ReferenceCodes.NONE);
  }

  /**
   * Ten minutes of skew, nothing before 2000, Kafka's default record limit; no reference checks.
   */
  public static ValidationRules defaults() {
    return new ValidationRules(
        Duration.ofMinutes(10),
        Instant.parse("2000-01-01T00:00:00Z"),
        KAFKA_DEFAULT_MAX_BYTES,
        Set.of(),
        Set.of());
  }

  public ValidationRules withReference(Set<String> projects, Set<String> staff) {
    return new ValidationRules(
        futureSkew, oldestAccepted, maxPayloadBytes, projects, staff, knownCodes);
  }

  /** These rules, checking complaint steps' codes against {@code codes} as well. */
  public ValidationRules withCodes(ReferenceCodes codes) {
    return new ValidationRules(
        futureSkew, oldestAccepted, maxPayloadBytes, knownProjects, knownStaff, codes);
  }
}
