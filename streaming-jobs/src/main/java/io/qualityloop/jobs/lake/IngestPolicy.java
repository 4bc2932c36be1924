package io.qualityloop.jobs.lake;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.ValidationRules;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the lake job lets in and how it treats the rest.
 *
 * @param rules what a valid record is (size, contract, plausible time, reference ids)
 * @param redactor what a rejected record may keep (pseudonymised personal fields, scrubbed text)
 * @param dedupRetention how long an event id is remembered to drop re-sent copies (bounded state)
 * @param rooms how a room becomes its keyed pseudonym at the door (the lake keeps no raw room)
 * @param referenceFolder the folder {@code rules}' reference data was read from, read again by the
 *     door when its files change ({@link DoorReference}); null when the rules are fixed
 * @param referenceStamp its files before they were read ({@link DoorReference#stamp})
 */
public record IngestPolicy(
    ValidationRules rules,
    PayloadRedactor redactor,
    Duration dedupRetention,
    RoomPseudonyms rooms,
    String referenceFolder,
    String referenceStamp)
    implements Serializable {

  /** A policy whose rules never change. */
  public IngestPolicy(
      ValidationRules rules,
      PayloadRedactor redactor,
      Duration dedupRetention,
      RoomPseudonyms rooms) {
    this(rules, redactor, dedupRetention, rooms, null, null);
  }

  /** The door's reference data for {@code stream}. */
  public DoorReference reference(EventStream stream) {
    return referenceFolder == null
        ? DoorReference.fixed(stream, rules)
        : DoorReference.watching(stream, rules, Path.of(referenceFolder), referenceStamp);
  }
}
