package io.qualityloop.events;

import java.time.OffsetDateTime;

/** What every event of every stream carries: a unique id and the moment it happened. */
public interface QualityEvent {
  String eventId();

  OffsetDateTime occurredAt();

  /** The project (community) it concerns, from reference/projects.csv. */
  String projectId();

  /** The staff member who acted, when one did. */
  String staffId();
}
