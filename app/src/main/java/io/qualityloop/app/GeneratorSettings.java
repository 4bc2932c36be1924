package io.qualityloop.app;

import io.qualityloop.ingestion.generator.GeneratorConfig;
import io.qualityloop.jobs.QualityLoopConfig;
import java.time.LocalDate;

/**
 * The synthetic company's size and seed ({@code generator.*}): the command's settings, read here
 * because the generator is ingestion's.
 */
final class GeneratorSettings {
  private GeneratorSettings() {}

  static GeneratorConfig of(QualityLoopConfig config) {
    return new GeneratorConfig(
        config.parse("generator.seed", Long::parseLong, "a whole number"),
        config.parse("generator.start", LocalDate::parse, "a date YYYY-MM-DD"),
        config.parse("generator.months", Integer::parseInt, "a whole number"),
        config.parse("generator.projects", Integer::parseInt, "a whole number from 1 to 10"),
        config.parse("generator.household-scale", Double::parseDouble, "a number"),
        config.parse("generator.contacts-per-household-year", Double::parseDouble, "a number"),
        config.zone());
  }
}
