package io.qualityloop.reports.web;

import io.qualityloop.events.privacy.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Who opened which complaint-level record and when (DOMAIN.md privacy): one tab-separated line per
 * view, {@code time, user, role, what, id}, appended to a file only its owner can read (0600).
 */
public final class AccessLog {
  private final Path file;
  private final Clock clock;

  public AccessLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public void record(User user, String what, String id) {
    record(user.name(), user.role().name().toLowerCase(), what, id);
  }

  /**
   * A line for someone who is not (yet) a signed-in user: a sign-in attempt ({@code role} "-"), or
   * the operator at the command line ({@code role} "operator").
   */
  public synchronized void record(String name, String role, String what, String id) {
    String line =
        OffsetDateTime.now(clock)
            + "\t"
            + clean(name)
            + "\t"
            + role
            + "\t"
            + what
            + "\t"
            + clean(id)
            + "\n";
    try {
      OwnerOnly.ensureFile(file);
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the access log " + file, e);
    }
  }

  private static String clean(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
  }

  public Path file() {
    return file;
  }
}
