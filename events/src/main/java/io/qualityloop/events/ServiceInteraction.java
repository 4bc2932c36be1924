package io.qualityloop.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One contact with a customer (来电、来访登记表 row). Personal data never appears here: the household is a
 * keyed pseudonym.
 *
 * @param ringsBeforeAnswer phone only: rings before a person answered (target: three)
 * @param promisedReplyAt when a question could not be answered at once, the reply time promised
 * @param complaintId set when the contact opened or concerns a complaint ticket
 * @param respondedAt when a person first responded (equal to occurredAt when answered at once); the
 *     general service response is due within 2 hours, goal 1 hour (000 §5.1.1); null when not
 *     recorded
 */
public record ServiceInteraction(
    String eventId,
    int schemaVersion,
    OffsetDateTime occurredAt,
    Channel channel,
    InteractionKind kind,
    String projectId,
    String building,
    String unit,
    String room,
    String householdId,
    String staffId,
    Integer ringsBeforeAnswer,
    OffsetDateTime promisedReplyAt,
    Boolean promiseKept,
    String complaintId,
    String summary,
    OffsetDateTime respondedAt,
    String roomPseudonym)
    implements QualityEvent {

  public static final int SCHEMA_VERSION = 1;

  /** This interaction with another summary. */
  public ServiceInteraction withSummary(String newSummary) {
    if (Objects.equals(newSummary, summary)) {
      return this;
    }
    return new ServiceInteraction(
        eventId,
        schemaVersion,
        occurredAt,
        channel,
        kind,
        projectId,
        building,
        unit,
        room,
        householdId,
        staffId,
        ringsBeforeAnswer,
        promisedReplyAt,
        promiseKept,
        complaintId,
        newSummary,
        respondedAt,
        roomPseudonym);
  }
}
