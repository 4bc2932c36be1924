package io.qualityloop.ingestion.generator;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.events.StaffRef;
import java.util.List;

/** Everything one generator run made, each stream sorted by event time. */
public record GeneratedData(
    List<ProjectRef> projects,
    List<StaffRef> staff,
    List<ServiceInteraction> interactions,
    List<ComplaintEvent> complaintEvents,
    List<CallbackSurvey> surveys) {

  public long totalEvents() {
    return (long) interactions.size() + complaintEvents.size() + surveys.size();
  }
}
