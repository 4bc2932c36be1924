package io.qualityloop.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One change a quality manager made to a follow-up (跟进) in the drill-down. Follow-ups are opened by
 * the warehouse from the alerts and callback surveys in the lake ({@code fct_followups}); these
 * events assign, comment, record a callback and close them, so their history (and {@code --as-of})
 * comes from the lake.
 *
 * @param followupId {@code FU-} followed by the id of the alert or survey that opened it
 * @param actor the drill-down user who did it
 * @param assignee ASSIGNED only: the new owner (a user name or staff id)
 * @param outcome CLOSED only: how it was closed
 * @param comment free text, scrubbed of contact data at the door
 */
public record FollowUpEvent(
    String eventId,
    int schemaVersion,
    OffsetDateTime occurredAt,
    String followupId,
    String projectId,
    FollowUpAction action,
    String actor,
    String assignee,
    FollowUpOutcome outcome,
    String comment)
    implements QualityEvent {

  public static final int SCHEMA_VERSION = 1;

  /** No staff member acts on a follow-up: its actor is a drill-down user. */
  @Override
  public String staffId() {
    return null;
  }

  /** This event with another comment. */
  public FollowUpEvent withComment(String newComment) {
    if (Objects.equals(newComment, comment)) {
      return this;
    }
    return new FollowUpEvent(
        eventId,
        schemaVersion,
        occurredAt,
        followupId,
        projectId,
        action,
        actor,
        assignee,
        outcome,
        newComment);
  }

  /**
   * What the action needs and is missing, or null: an assignment names its assignee, a closing its
   * outcome, only they do.
   */
  public String mismatch() {
    if ((action == FollowUpAction.ASSIGNED) != (assignee != null)) {
      return action == FollowUpAction.ASSIGNED
          ? "an assignment needs an assignee"
          : "only an assignment has an assignee";
    }
    if ((action == FollowUpAction.CLOSED) != (outcome != null)) {
      return action == FollowUpAction.CLOSED
          ? "a closing needs an outcome"
          : "only a closing has an outcome";
    }
    return null;
  }
}
