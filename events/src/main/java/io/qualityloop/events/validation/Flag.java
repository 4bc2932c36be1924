package io.qualityloop.events.validation;

import java.io.Serializable;

/** A flag on an accepted record, with a message for a person. */
public record Flag(FlagCode code, String message) implements Serializable {}
