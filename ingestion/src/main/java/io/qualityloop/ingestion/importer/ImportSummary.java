package io.qualityloop.ingestion.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did: rows read, events published and rejected (each in the rejects file with its
 * line and reason), the encoding used, and the columns it ignored.
 */
public record ImportSummary(
    String file,
    String encoding,
    long read,
    long published,
    long rejected,
    Path rejectsFile,
    List<String> ignoredColumns) {
  public String describe() {
    return String.format(
        "%s (%s): %,d rows read, %,d published, %,d rejected%s%s",
        file,
        encoding,
        read,
        published,
        rejected,
        rejected > 0 ? " (see " + rejectsFile + ")" : "",
        ignoredColumns.isEmpty()
            ? ""
            : "; columns not in the mapping, ignored: " + String.join(", ", ignoredColumns));
  }
}
