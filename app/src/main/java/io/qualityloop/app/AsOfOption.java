package io.qualityloop.app;

import io.qualityloop.warehouse.AsOf;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts {@code --as-of 2026-10-05} or {@code --as-of 2026-10-05T09:30} for picocli. */
final class AsOfOption implements ITypeConverter<AsOf> {
  static final String DESCRIPTION =
      "Read only the records that had landed by then: a date (its end) such as 2026-10-05, or a"
          + " local time such as 2026-10-05T09:30. Regenerates what a report showed at that"
          + " moment.";

  @Override
  public AsOf convert(String value) {
    try {
      return AsOf.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
