package io.qualityloop.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code perMinute} sends in any 60 seconds (a sliding window over the sends' times). */
final class RateLimit {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private final int perMinute;
  private final Clock clock;
  private final Deque<Instant> sends = new ArrayDeque<>();

  RateLimit(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Sends allowed now. */
  synchronized int available() {
    Instant cutoff = clock.instant().minus(WINDOW);
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(cutoff)) {
      sends.pollFirst();
    }
    return perMinute == Integer.MAX_VALUE ? Integer.MAX_VALUE : perMinute - sends.size();
  }

  synchronized void record() {
    if (perMinute != Integer.MAX_VALUE) {
      sends.addLast(clock.instant());
    }
  }
}
