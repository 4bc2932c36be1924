package io.qualityloop.events;

/** A payload that is not a valid event of its stream; the message says what is wrong. */
public class EventDecodingException extends Exception {
  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
