package io.qualityloop.jobs.complaints.timeline;

import java.time.LocalDateTime;

/**
 * A stretch while the complaint waits on the customer or on parts; {@code end} is null while it
 * lasts.
 */
public record Pause(LocalDateTime start, LocalDateTime end, String reason) {}
