package io.qualityloop.events;

import java.time.OffsetDateTime;

/** What every event of every stream carries: a unique id and the moment it happened. */
public interface QualityEvent {
  String eventId();

  OffsetDateTime occurredAt();
}
