package io.qualityloop.events;

/**
 * The event streams, each with its contract (record type and versioned JSON Schema), its default
 * Kafka topic and its lake table.
 */
public enum EventStream {
  SERVICE_INTERACTIONS(
      ServiceInteraction.class,
      "schemas/service-interaction.v1.schema.json",
      "ql.service-interactions.v1",
      "service_interactions"),
  COMPLAINT_EVENTS(
      ComplaintEvent.class,
      "schemas/complaint-event.v1.schema.json",
      "ql.complaint-events.v1",
      "complaint_events"),
  CALLBACK_SURVEYS(
      CallbackSurvey.class,
      "schemas/callback-survey.v1.schema.json",
      "ql.callback-surveys.v1",
      "callback_surveys"),
  /**
   * What quality managers do to follow-ups in the drill-down (published by the drill-down itself).
   */
  FOLLOWUP_EVENTS(
      FollowUpEvent.class,
      "schemas/followup-event.v1.schema.json",
      "ql.followup-events.v1",
      "followup_events");

  private final Class<? extends QualityEvent> recordType;
  private final String schemaResource;
  private final String defaultTopic;
  private final String tableName;

  EventStream(
      Class<? extends QualityEvent> recordType,
      String schemaResource,
      String defaultTopic,
      String tableName) {
    this.recordType = recordType;
    this.schemaResource = schemaResource;
    this.defaultTopic = defaultTopic;
    this.tableName = tableName;
  }

  public Class<? extends QualityEvent> recordType() {
    return recordType;
  }

  /** Classpath location of the JSON Schema of the current version. */
  public String schemaResource() {
    return schemaResource;
  }

  public String defaultTopic() {
    return defaultTopic;
  }

  /** Name of the lake table (folder under the lake root) and of its staging view's source. */
  public String tableName() {
    return tableName;
  }
}
