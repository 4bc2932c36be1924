package io.qualityloop.jobs.complaints;

import java.time.Duration;

/**
 * How the complaint lifecycle job runs.
 *
 * @param warningShare share of a limit used when the WARNING alert fires (default 0.8)
 * @param retentionAfterClose how long a closed complaint's state is kept for late events
 */
public record ComplaintJobSettings(double warningShare, Duration retentionAfterClose) {}
