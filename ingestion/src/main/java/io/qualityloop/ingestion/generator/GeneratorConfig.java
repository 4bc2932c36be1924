package io.qualityloop.ingestion.generator;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the synthetic generator makes: same seed and settings, same data, byte for byte.
 *
 * @param start first day of data (inclusive)
 * @param months how many months of data
 * @param projects how many projects (at most 10 are described; at least 1)
 * @param householdScale multiplies every project's household count (1.0 = the documented sizes)
 * @param contactsPerHouseholdYear average customer contacts per occupied household per year
 */
public record GeneratorConfig(
    long seed,
    LocalDate start,
    int months,
    int projects,
    double householdScale,
    double contactsPerHouseholdYear,
    ZoneId zone) {

  /**
   * The demo: 15 months (2025-07 .. 2026-09, so 2026Q3 has a same-quarter-last-year), 10 projects.
   */
  public static GeneratorConfig demo() {
    return new GeneratorConfig(
        20261122L, LocalDate.of(2025, 7, 1), 15, 10, 1.0, 1.2, ZoneId.of("Asia/Shanghai"));
  }

  public GeneratorConfig {
    if (months < 1) {
      throw new IllegalArgumentException("months must be at least 1");
    }
    if (projects < 1 || projects > SyntheticCompany.MAX_PROJECTS) {
      throw new IllegalArgumentException("projects must be 1.." + SyntheticCompany.MAX_PROJECTS);
    }
  }

  public LocalDate endExclusive() {
    return start.plusMonths(months);
  }

  public GeneratorConfig withSize(int months, int projects, double householdScale) {
    return new GeneratorConfig(
        seed, start, months, projects, householdScale, contactsPerHouseholdYear, zone);
  }
}
