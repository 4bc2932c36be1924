package io.qualityloop.jobs.lake;

import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.ValidationRules;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the lake job lets in and how it treats the rest.
 *
 * @param rules what a valid record is (size, contract, plausible time, reference ids)
 * @param redactor what a rejected record may keep (pseudonymised personal fields, scrubbed text)
 * @param dedupRetention how long an event id is remembered to drop re-sent copies (bounded state)
 * @param rooms how a room becomes its keyed pseudonym at the door (the lake keeps no raw room)
 */
public record IngestPolicy(
    ValidationRules rules, PayloadRedactor redactor, Duration dedupRetention, RoomPseudonyms rooms)
    implements Serializable {}
