package io.qualityloop.events.validation;

import io.qualityloop.events.QualityEvent;
import java.util.List;

/** The verdict on one input record: it lands (perhaps with flags), or it goes to quarantine. */
public sealed interface Validation {
  /** The record is a valid event. Free text is already scrubbed. */
  record Valid(QualityEvent event, List<Flag> flags) implements Validation {}

  /**
   * The record is rejected; {@code message} names the record and what is wrong, and holds no
   * personal data.
   */
  record Invalid(ReasonCode reason, String message) implements Validation {}
}
