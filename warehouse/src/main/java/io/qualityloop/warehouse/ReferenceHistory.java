package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versions of the reference files behind staff grades and targets, kept so that a grade can be
 * reproduced after the company edits a file. Each version is a copy {@code
 * reference/history/<file>/<yyyyMMdd'T'HHmmss'Z'>-<user>.csv}: the time (UTC) from which the
 * content was in force, which is the file's modification time when the change was seen, and the
 * operating-system user of the command that saw it. A build of the warehouse {@linkplain #record
 * records} a version whenever a versioned file differs from its latest copy; a build {@linkplain
 * AsOf as of} a past moment reads {@linkplain #inForce the version in force then}.
 */
public final class ReferenceHistory {
  /** The files versioned: what staff grades, reviews and targets are computed from. */
  public static final List<String> VERSIONED =
      List.of(
          "staff_assessment.csv",
          "prohibited_behaviours.csv",
          "staff_reviews.csv",
          "kpi_targets.csv",
          "metric_settings.csv",
          "staff.csv");

  /** The folder under {@code reference/} holding the versions (not itself reference data). */
  public static final String HISTORY_DIR = "history";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path referenceDir;
  private final Clock clock;

  public ReferenceHistory(Path referenceDir, Clock clock) {
    this.referenceDir = referenceDir;
    this.clock = clock;
  }

  /** The reference folder whose files are versioned. */
  public Path referenceDir() {
    return referenceDir;
  }

  /**
   * One kept version: the file it is a copy of, from when it was in force, who recorded it, and the
   * copy.
   */
  public record Version(String file, Instant from, String user, Path copy) {}

  /**
   * Stores a copy of each versioned file whose content differs from its latest version (or that has
   * none yet). Returns the versions written.
   */
  public List<Version> record(String user) {
    String safeUser =
        user == null || user.isBlank() ? "unknown" : user.replaceAll("[^A-Za-z0-9._-]", "_");
    return VERSIONED.stream()
        .filter(name -> Files.isRegularFile(referenceDir.resolve(name)))
        .map(name -> recordOne(name, safeUser))
        .filter(v -> v != null)
        .toList();
  }

  private Version recordOne(String name, String user) {
    Path current = referenceDir.resolve(name);
    try {
      byte[] content = Files.readAllBytes(current);
      List<Version> versions = versions(name);
      Version latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
      if (latest != null && Arrays.equals(content, Files.readAllBytes(latest.copy()))) {
        return null;
      }
      Instant from = Files.getLastModifiedTime(current).toInstant().truncatedTo(ChronoUnit.SECONDS);
      if (latest != null && !from.isAfter(latest.from())) {
        // A file put back with an old time (a copy keeping times, a restore): in force from now.
        from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!from.isAfter(latest.from())) {
          from = latest.from().plusSeconds(1);
        }
      }
      Path dir = referenceDir.resolve(HISTORY_DIR).resolve(name);
      Files.createDirectories(dir);
      Path copy = dir.resolve(STAMP.format(from) + "-" + user + ".csv");
      Path pending = dir.resolve("." + copy.getFileName() + ".tmp");
      Files.write(pending, content);
      Files.move(
          pending, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Version(name, from, user, copy);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep a version of the reference file "
              + current
              + " in "
              + referenceDir.resolve(HISTORY_DIR),
          e);
    }
  }

  /** The kept versions of {@code name}, oldest first. */
  public List<Version> versions(String name) {
    Path dir = referenceDir.resolve(HISTORY_DIR).resolve(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> parse(name, f))
          .filter(v -> v != null)
          .sorted((a, b) -> a.from().compareTo(b.from()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static Version parse(String name, Path copy) {
    String file = copy.getFileName().toString();
    if (file.startsWith(".")
        || !file.endsWith(".csv")
        || file.length() < 17
        || file.charAt(16) != '-') {
      return null;
    }
    try {
      Instant from = Instant.from(STAMP.parse(file.substring(0, 16)));
      return new Version(name, from, file.substring(17, file.length() - 4), copy);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The file to read for {@code name} at {@code moment}: the latest version in force by then;
   * before the first kept version, that first version (the oldest content known); the current file
   * when the file is not versioned or has no version yet.
   */
  public Path inForce(String name, Instant moment) {
    List<Version> versions = versions(name);
    if (versions.isEmpty()) {
      return referenceDir.resolve(name);
    }
    Version chosen = versions.get(0);
    for (Version v : versions) {
      if (!v.from().isAfter(moment)) {
        chosen = v;
      }
    }
    return chosen.copy();
  }
}
