package io.qualityloop.events.validation;

/** Why a record was quarantined instead of landing in its table. */
public enum ReasonCode {
  /** The Kafka record had no value. */
  EMPTY_PAYLOAD,
  /** Larger than the configured maximum (Kafka's default request limit is about 1 MB). */
  OVERSIZED,
  /** Not JSON: truncated, malformed, or not UTF-8 text. */
  MALFORMED_JSON,
  /**
   * JSON, but not the stream's contract: missing or unknown fields, wrong types, unknown
   * enumeration values, out-of-range scores.
   */
  SCHEMA_VIOLATION,
  /** Happened later than now plus the allowed clock skew. */
  FUTURE_TIMESTAMP,
  /** Happened before the oldest plausible date. */
  ANCIENT_TIMESTAMP,
  /**
   * A lifecycle event without the fields its type needs, or with fields that belong to another
   * type.
   */
  LIFECYCLE_MISMATCH,
  /**
   * A structured field (a room, a building, a code) holds what looks like a phone number, an
   * ID-card number or an e-mail address: rejected, never stored (free text is scrubbed instead).
   */
  PERSONAL_DATA
}
