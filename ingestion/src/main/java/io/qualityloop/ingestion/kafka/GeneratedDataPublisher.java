package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.ingestion.generator.GeneratedData;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Publishes generated events to their topics: interactions and surveys keyed by household (one
 * household's history stays in order), complaint events keyed by complaint.
 */
public final class GeneratedDataPublisher {
  private final EventPublisher publisher;
  private final Map<EventStream, String> topics;

  public GeneratedDataPublisher(EventPublisher publisher, Map<EventStream, String> topics) {
    this.publisher = publisher;
    this.topics = topics;
  }

  /** Publishes everything and waits for every acknowledgement; returns the count per stream. */
  public Map<EventStream, Long> publish(GeneratedData data, LongConsumer progress) {
    Map<EventStream, Long> counts = new EnumMap<>(EventStream.class);
    EventCodec<ServiceInteraction> interactions = EventCodec.of(ServiceInteraction.class);
    for (ServiceInteraction e : data.interactions()) {
      publisher.publish(
          topics.get(EventStream.SERVICE_INTERACTIONS),
          interactions,
          e,
          GeneratedDataPublisher::householdKey);
      progress.accept(1);
    }
    counts.put(EventStream.SERVICE_INTERACTIONS, (long) data.interactions().size());
    EventCodec<ComplaintEvent> complaints = EventCodec.of(ComplaintEvent.class);
    for (ComplaintEvent e : data.complaintEvents()) {
      publisher.publish(
          topics.get(EventStream.COMPLAINT_EVENTS), complaints, e, ComplaintEvent::complaintId);
      progress.accept(1);
    }
    counts.put(EventStream.COMPLAINT_EVENTS, (long) data.complaintEvents().size());
    EventCodec<CallbackSurvey> surveys = EventCodec.of(CallbackSurvey.class);
    for (CallbackSurvey e : data.surveys()) {
      publisher.publish(
          topics.get(EventStream.CALLBACK_SURVEYS),
          surveys,
          e,
          s -> s.householdId() != null ? s.householdId() : s.projectId());
      progress.accept(1);
    }
    counts.put(EventStream.CALLBACK_SURVEYS, (long) data.surveys().size());
    publisher.flush();
    return counts;
  }

  private static String householdKey(ServiceInteraction e) {
    return e.householdId() != null ? e.householdId() : e.projectId();
  }
}
