package io.qualityloop.events.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.FollowUpEvent;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.ReferenceCodes;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.events.privacy.TextScrubber;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates one input record of a stream: size, JSON, the stream's JSON Schema, plausible time,
 * lifecycle fields that fit the event type; unknown project or staff ids are flagged, not rejected.
 * Accepted events come back with their free text scrubbed of contact data. Every message names the
 * record (event id or position given by the caller) and holds no personal data.
 */
public final class EventValidator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SCHEMA_MESSAGES = 3;

  private final EventStream stream;
  private final ValidationRules rules;
  private final TextScrubber scrubber = new TextScrubber();
  private transient JsonSchema schema;
  private transient EventCodec<QualityEvent> codec;

  public EventValidator(EventStream stream, ValidationRules rules) {
    this.stream = stream;
    this.rules = rules;
  }

  public EventStream stream() {
    return stream;
  }

  public ValidationRules rules() {
    return rules;
  }

  /**
   * The verdict on {@code payload}, judged at {@code now}; {@code where} names the record in
   * messages (e.g. topic/partition/offset).
   */
  public Validation validate(byte[] payload, Instant now, String where) {
    if (payload == null || payload.length == 0) {
      return new Validation.Invalid(ReasonCode.EMPTY_PAYLOAD, "record at " + where + " is empty");
    }
    if (payload.length > rules.maxPayloadBytes()) {
      return new Validation.Invalid(
          ReasonCode.OVERSIZED,
          String.format(
              "record at %s has %,d bytes, more than the maximum of %,d",
              where, payload.length, rules.maxPayloadBytes()));
    }
    JsonNode tree;
    try {
      tree = EventCodec.mapper().readTree(payload);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      return new Validation.Invalid(
          ReasonCode.MALFORMED_JSON,
          "record at "
              + where
              + " is not valid JSON"
              + (loc == null
                  ? ""
                  : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
              + ": "
              + scrubber.scrub(e.getOriginalMessage()));
    } catch (IOException e) {
      return new Validation.Invalid(
          ReasonCode.MALFORMED_JSON,
          "record at " + where + " cannot be read: " + scrubber.scrub(e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      return new Validation.Invalid(
          ReasonCode.SCHEMA_VIOLATION, "record at " + where + " is JSON but not an object");
    }
    Set<ValidationMessage> problems = schema().validate(tree);
    if (!problems.isEmpty()) {
      String named = named(tree, where);
      // Messages start with the JSON pointer of the field ("/score_overall: ..."; the record
      // itself: ": ...").
      String text =
          problems.stream()
              .map(ValidationMessage::getMessage)
              .map(m -> m.startsWith(": ") ? m.substring(2) : m)
              .sorted()
              .limit(MAX_SCHEMA_MESSAGES)
              .map(scrubber::scrub)
              .collect(Collectors.joining("; "));
      return new Validation.Invalid(
          ReasonCode.SCHEMA_VIOLATION,
          named
              + " breaks the "
              + stream.tableName()
              + " contract: "
              + text
              + (problems.size() > MAX_SCHEMA_MESSAGES
                  ? " (and " + (problems.size() - MAX_SCHEMA_MESSAGES) + " more)"
                  : ""));
    }
    String personal = personalDataField(tree);
    if (personal != null) {
      return new Validation.Invalid(ReasonCode.PERSONAL_DATA, named(tree, where) + ": " + personal);
    }
    QualityEvent event;
    try {
      event = codec().decode(tree);
    } catch (EventDecodingException e) {
      return new Validation.Invalid(
          ReasonCode.SCHEMA_VIOLATION, named(tree, where) + ": " + scrubber.scrub(e.getMessage()));
    }
    Instant at = event.occurredAt().toInstant();
    if (at.isAfter(now.plus(rules.futureSkew()))) {
      return new Validation.Invalid(
          ReasonCode.FUTURE_TIMESTAMP,
          named(tree, where)
              + " happened at "
              + event.occurredAt()
              + ", later than now ("
              + now
              + ") plus the allowed skew of "
              + rules.futureSkew().toMinutes()
              + " minutes");
    }
    if (at.isBefore(rules.oldestAccepted())) {
      return new Validation.Invalid(
          ReasonCode.ANCIENT_TIMESTAMP,
          named(tree, where)
              + " happened at "
              + event.occurredAt()
              + ", before the oldest plausible time "
              + rules.oldestAccepted());
    }
    if (event instanceof ComplaintEvent c) {
      String mismatch = lifecycleMismatch(c);
      if (mismatch != null) {
        return new Validation.Invalid(
            ReasonCode.LIFECYCLE_MISMATCH,
            named(tree, where) + " (" + c.eventType() + "): " + mismatch);
      }
    }
    if (event instanceof FollowUpEvent f && f.mismatch() != null) {
      return new Validation.Invalid(
          ReasonCode.LIFECYCLE_MISMATCH,
          named(tree, where) + " (" + f.action() + "): " + f.mismatch());
    }
    return new Validation.Valid(scrubbed(event), flags(event));
  }

  /** Free-text fields: scrubbed where they land, not rejected. */
  private static final Set<String> FREE_TEXT =
      Set.of("description", "reason", "comment", "summary");

  /**
   * The first structured text field holding personal data, as "field room holds a [手机号]", or null.
   * Ids ({@code *_id}, keyed pseudonyms and the company's codes), room pseudonyms ({@code
   * *_pseudonym}, hex that the schema's pattern already bounds) and times ({@code *_at}) are not
   * checked: their digits are not a phone number.
   */
  private static String personalDataField(JsonNode tree) {
    for (var it = tree.fields(); it.hasNext(); ) {
      var field = it.next();
      String name = field.getKey();
      if (!field.getValue().isTextual()
          || FREE_TEXT.contains(name)
          || name.endsWith("_id")
          || name.endsWith("_pseudonym")
          || name.endsWith("_at")) {
        continue;
      }
      String kind = TextScrubber.personalData(field.getValue().asText());
      if (kind != null) {
        return "field "
            + name
            + " holds what looks like a "
            + kind
            + " (personal data is not kept in structured fields)";
      }
    }
    return null;
  }

  /**
   * How messages name a record: its (scrubbed) event id and where it was read; built only for a
   * record that fails.
   */
  private String named(JsonNode tree, String where) {
    String id =
        tree.path("event_id").isTextual()
            ? scrubber.scrub(tree.path("event_id").asText())
            : "without event_id";
    return "event " + id + " at " + where;
  }

  private static String lifecycleMismatch(ComplaintEvent c) {
    LifecycleEventType type = c.eventType();
    if (type == LifecycleEventType.ACCEPTED && c.category() == null) {
      return "an accepted complaint needs its category";
    }
    if (type == LifecycleEventType.WORK_ORDER_ISSUED
        && (c.workOrderType() == null || c.trades() == null || c.trades().isEmpty())) {
      return "a work order needs its type (A/B) and at least one trade";
    }
    if (type == LifecycleEventType.EXTENDED) {
      if (c.extendedUntil() == null) {
        return "an extension needs extended_until, the date agreed with the customer";
      }
      if (!c.extendedUntil().isAfter(c.occurredAt())) {
        return "extended_until " + c.extendedUntil() + " is not after the extension itself";
      }
    } else if (c.extendedUntil() != null) {
      return "extended_until belongs to EXTENDED events only";
    }
    if (type == LifecycleEventType.PAUSED && (c.reason() == null || c.reason().isBlank())) {
      return "a pause needs its reason (e.g. no access to the home, waiting for parts)";
    }
    if (c.customerSignedOff() != null && type != LifecycleEventType.RESOLVED) {
      return "customer_signed_off belongs to RESOLVED events only (the customer signs the finished"
          + " repair off)";
    }
    if (c.repairCostYuan() != null && c.repairCostYuan().signum() < 0) {
      return "repair_cost_yuan is negative";
    }
    return null;
  }

  private List<Flag> flags(QualityEvent event) {
    List<Flag> flags = new ArrayList<>();
    String project = event.projectId();
    if (!rules.knownProjects().isEmpty()
        && project != null
        && !rules.knownProjects().contains(project)) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_PROJECT,
              "event "
                  + event.eventId()
                  + ": project "
                  + scrubber.scrub(project)
                  + " is not in projects.csv"));
    }
    String staff = event.staffId();
    if (!rules.knownStaff().isEmpty() && staff != null && !rules.knownStaff().contains(staff)) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_STAFF,
              "event "
                  + event.eventId()
                  + ": staff "
                  + scrubber.scrub(staff)
                  + " is not in staff.csv"));
    }
    if (event instanceof ComplaintEvent c) {
      codeFlags(c, flags);
    }
    return flags;
  }

  /**
   * Codes of a complaint step that the company's reference files do not have: flagged, the step
   * still lands.
   */
  private void codeFlags(ComplaintEvent c, List<Flag> flags) {
    ReferenceCodes codes = rules.knownCodes();
    String id = "event " + c.eventId() + ": ";
    if (unknown(codes.components(), c.buildingComponent())) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_COMPONENT,
              id
                  + "building component "
                  + scrubber.scrub(c.buildingComponent())
                  + " is not in building_components.csv"));
    }
    if (unknown(codes.categories(), c.category())) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_CATEGORY,
              id
                  + "category "
                  + scrubber.scrub(c.category())
                  + " is not in complaint_taxonomy.csv"));
    } else if (c.category() != null
        && c.subCategory() != null
        && unknown(codes.subCategories(), c.category() + "/" + c.subCategory())) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_CATEGORY,
              id
                  + "sub-category "
                  + scrubber.scrub(c.subCategory())
                  + " of "
                  + c.category()
                  + " is not in complaint_taxonomy.csv"));
    }
    if (unknown(codes.rootCauses(), c.rootCause())) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_ROOT_CAUSE,
              id + "root cause " + scrubber.scrub(c.rootCause()) + " is not in root_causes.csv"));
    }
    if (unknown(codes.departments(), c.responsibleDepartment())) {
      flags.add(
          new Flag(
              FlagCode.UNKNOWN_DEPARTMENT,
              id
                  + "department "
                  + scrubber.scrub(c.responsibleDepartment())
                  + " is not in departments.csv"));
    }
  }

  private static boolean unknown(Set<String> known, String code) {
    return code != null && !known.isEmpty() && !known.contains(code);
  }

  /** The event with its free text scrubbed; unchanged when there was nothing to scrub. */
  private QualityEvent scrubbed(QualityEvent event) {
    if (event instanceof ComplaintEvent c) {
      return c.withText(scrubber.scrub(c.description()), scrubber.scrub(c.reason()));
    }
    if (event instanceof CallbackSurvey s) {
      return s.withComment(scrubber.scrub(s.comment()));
    }
    if (event instanceof FollowUpEvent f) {
      return f.withComment(scrubber.scrub(f.comment()));
    }
    if (event instanceof ServiceInteraction i) {
      return i.withSummary(scrubber.scrub(i.summary()));
    }
    return event;
  }

  private JsonSchema schema() {
    if (schema == null) {
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
        schema =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the schema of " + stream, e);
      }
    }
    return schema;
  }

  private EventCodec<QualityEvent> codec() {
    if (codec == null) {
      codec = EventCodec.forStream(stream);
    }
    return codec;
  }
}
