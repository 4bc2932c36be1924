package io.qualityloop.ingestion.generator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complaints each household made so far, as the generator writes them: whether a new one is a
 * repeat (重复投诉) by the warehouse's rule: an earlier complaint at most {@link #WINDOW_DAYS} days
 * before, or at any time before about the same building component.
 */
final class HouseholdHistory {
  static final int WINDOW_DAYS = 90;

  private record Earlier(OffsetDateTime at, String component) {}

  private final Map<String, List<Earlier>> byHousehold = new HashMap<>();

  /**
   * Whether a complaint of {@code household} received at {@code at} is a repeat; then records it.
   */
  boolean repeatThenRecord(String household, OffsetDateTime at, String component) {
    List<Earlier> earlier = byHousehold.computeIfAbsent(household, k -> new ArrayList<>());
    boolean repeat =
        earlier.stream()
            .anyMatch(
                e ->
                    !e.at().isAfter(at)
                        && (!e.at().plusDays(WINDOW_DAYS).isBefore(at)
                            || (known(component) && component.equals(e.component()))));
    earlier.add(new Earlier(at, component));
    return repeat;
  }

  private static boolean known(String component) {
    return component != null && !component.equals("none") && !component.equals("unknown");
  }
}
