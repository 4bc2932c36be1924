package io.qualityloop.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Serializable;

/**
 * JSON codec for one event stream: snake_case field names, ISO-8601 timestamps with offset, nulls
 * omitted. Thread-safe; one instance per stream is enough.
 */
public final class EventCodec<T extends QualityEvent> implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper MAPPER = newMapper();

  private final Class<T> type;

  private EventCodec(Class<T> type) {
    this.type = type;
  }

  public static <T extends QualityEvent> EventCodec<T> of(Class<T> type) {
    return new EventCodec<>(type);
  }

  @SuppressWarnings("unchecked")
  public static EventCodec<QualityEvent> forStream(EventStream stream) {
    return (EventCodec<QualityEvent>) of(stream.recordType());
  }

  /** The mapper every contract uses; exposed for tools that need the same JSON shape. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public byte[] encode(T event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
    }
  }

  public T decode(byte[] payload) throws EventDecodingException {
    try {
      return checked(MAPPER.readValue(payload, type));
    } catch (IOException e) {
      throw new EventDecodingException(
          "not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * As {@link #decode(byte[])}, from a payload already read as a tree (the validator's), without
   * reading it again.
   */
  public T decode(JsonNode tree) throws EventDecodingException {
    try {
      return checked(MAPPER.treeToValue(tree, type));
    } catch (IOException e) {
      throw new EventDecodingException(
          "not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }
  }

  private T checked(T event) throws EventDecodingException {
    if (event == null) {
      throw new EventDecodingException("payload is JSON null, not a " + type.getSimpleName(), null);
    }
    if (event.eventId() == null || event.eventId().isBlank()) {
      throw new EventDecodingException("event_id is missing", null);
    }
    if (event.occurredAt() == null) {
      throw new EventDecodingException("occurred_at is missing in event " + event.eventId(), null);
    }
    return event;
  }

  /** The event as a JSON tree with the contract's field names. */
  public JsonNode toTree(T event) {
    return MAPPER.valueToTree(event);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // A tree (the validator's) keeps decimals exactly as written, so money decoded from it is
        // the money in the payload (464.60, not the double 464.6).
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}
