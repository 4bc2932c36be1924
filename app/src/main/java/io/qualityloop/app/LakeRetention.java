package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.function.Function;

/**
 * The retention of each lake table from the configuration ({@code lake.retention.<table>}, else
 * {@code lake.retention.default}), as ISO-8601 periods. Communication records are kept at least
 * three years [000 §2.2]: a shorter retention for one of their tables is a configuration error.
 */
final class LakeRetention {
  /** The communication records, whose retention may not be shorter than {@link #FLOOR}. */
  static final List<String> COMMUNICATION_RECORDS =
      List.of("service_interactions", "complaint_events", "callback_surveys");

  static final Period FLOOR = Period.ofYears(3);

  private LakeRetention() {}

  /** The retention of a table by name; a bad or too short value fails with the key named. */
  static Function<String, Period> of(QualityLoopConfig config) {
    Period fallback = period(config, "lake.retention.default");
    for (String table : COMMUNICATION_RECORDS) {
      Period p =
          config.getOptional("lake.retention." + table).isPresent()
              ? period(config, "lake.retention." + table)
              : fallback;
      LocalDate day = LocalDate.of(2000, 3, 1);
      if (day.plus(p).isBefore(day.plus(FLOOR))) {
        throw new IllegalArgumentException(
            "configuration key 'lake.retention."
                + table
                + "' = '"
                + p
                + "' is shorter than the three years communication records are kept (P3Y)");
      }
    }
    return table ->
        config.getOptional("lake.retention." + table).isPresent()
            ? period(config, "lake.retention." + table)
            : fallback;
  }

  private static Period period(QualityLoopConfig config, String key) {
    Period p = config.parse(key, Period::parse, "an ISO-8601 period such as P3Y or P180D");
    if (p.isNegative()) {
      throw new IllegalArgumentException(
          "configuration key '" + key + "' = '" + p + "' is negative");
    }
    return p;
  }
}
