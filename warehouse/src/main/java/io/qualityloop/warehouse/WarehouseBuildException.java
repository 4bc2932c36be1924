package io.qualityloop.warehouse;

/** A model that could not be built: the message names the model file and what went wrong. */
public class WarehouseBuildException extends RuntimeException {
  public WarehouseBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
