package io.qualityloop.jobs.lake;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.StaffRef;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.ValidationRules;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's validator for one stream with the company's reference data (projects, staff, and the
 * codes a complaint step may carry), read again from the reference folder when one of its files
 * changes: a project, staff member or building component the company adds while the service runs is
 * known at the door within {@link #LOOK_EVERY} of the next record, not flagged unknown until a
 * restart. A file changed into one that cannot be read leaves the reference as it was, with a
 * warning in the log once per change.
 *
 * <p>Looked at on the task's thread, at most once per {@link #LOOK_EVERY}, by the size and time of
 * each file the reference is read from; read again only when they changed. While one of them is
 * gone (being replaced, or a folder this task manager cannot see), the reference stays as it was:
 * reading then would turn its check off.
 */
public final class DoorReference implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DoorReference.class);

  /** How often the reference folder is looked at, at most. */
  public static final Duration LOOK_EVERY = Duration.ofSeconds(5);

  private final EventStream stream;
  private final ValidationRules atStart;

  /** The reference folder; null when the rules are fixed. */
  private final String folder;

  /** The folder's files when {@link #atStart} was read. */
  private final String stampAtStart;

  private transient EventValidator validator;
  private transient String stamp;
  private transient long lookedAt;

  private DoorReference(
      EventStream stream, ValidationRules atStart, String folder, String stampAtStart) {
    this.stream = stream;
    this.atStart = atStart;
    this.folder = folder;
    this.stampAtStart = stampAtStart;
  }

  /** Rules that never change (tests, an import's own validation). */
  public static DoorReference fixed(EventStream stream, ValidationRules rules) {
    return new DoorReference(stream, rules, null, null);
  }

  /**
   * {@code rules}, read from {@code folder} when its files were as {@code stampBefore} says ({@link
   * #stamp(Path)}, taken before the read), read again when they change (also when they changed
   * before the first record).
   */
  static DoorReference watching(
      EventStream stream, ValidationRules rules, Path folder, String stampBefore) {
    return new DoorReference(stream, rules, folder.toAbsolutePath().toString(), stampBefore);
  }

  /**
   * {@code limits} with the company's projects, staff and codes from {@code folder} (a missing
   * projects or staff file: not checked).
   */
  public static ValidationRules read(ValidationRules limits, Path folder) {
    Set<String> projects =
        ids(
            folder.resolve(ReferenceData.PROJECTS_FILE),
            ReferenceData::readProjects,
            ProjectRef::projectId);
    Set<String> staff =
        ids(folder.resolve(ReferenceData.STAFF_FILE), ReferenceData::readStaff, StaffRef::staffId);
    return limits.withReference(projects, staff).withCodes(ReferenceData.readCodes(folder));
  }

  /** The ids of the rows of {@code file}; none (not checked) when it is missing. */
  private static <T> Set<String> ids(
      Path file, Function<Path, List<T>> read, Function<T, String> id) {
    return Files.exists(file)
        ? read.apply(file).stream().map(id).collect(Collectors.toSet())
        : Set.of();
  }

  /** The validator of the reference as it is now (looked at most once per {@link #LOOK_EVERY}). */
  public EventValidator validator(long nanoTime) {
    if (validator == null) {
      validator = new EventValidator(stream, atStart);
      stamp = stampAtStart;
      lookedAt = nanoTime - LOOK_EVERY.toNanos(); // looked at now: the job may have run a while
    }
    if (folder == null || nanoTime - lookedAt < LOOK_EVERY.toNanos()) {
      return validator;
    }
    lookedAt = nanoTime;
    Path dir = Path.of(folder);
    String now = stamp(dir);
    if (now.equals(stamp)) {
      return validator;
    }
    String before = stamp;
    stamp = now;
    if (lost(before, now)) {
      // a file being replaced (deleted, then written), or a folder this task cannot see (a task
      // manager on another host): reading now would turn a check off, not on
      LOG.warn(
          "door ({}): a reference file in {} is gone ({}); the door keeps the reference it had",
          stream,
          dir,
          now);
      return validator;
    }
    try {
      validator = new EventValidator(stream, read(atStart, dir));
      LOG.info("door ({}): the reference files in {} changed; read again", stream, dir);
    } catch (RuntimeException e) {
      LOG.warn(
          "door ({}): the reference files in {} changed but cannot be read ({}); the door keeps"
              + " the reference it had",
          stream,
          dir,
          e.getMessage());
    }
    return validator;
  }

  /** The files the door's reference is read from (a missing one: not checked). */
  private static final List<String> READ =
      List.of(
          ReferenceData.PROJECTS_FILE,
          ReferenceData.STAFF_FILE,
          "building_components.csv",
          "complaint_taxonomy.csv",
          "root_causes.csv",
          "departments.csv");

  private static final String GONE = ":gone";

  /**
   * Each file the reference is read from, with its size and modification time ({@value #GONE} when
   * it is not there).
   */
  public static String stamp(Path dir) {
    return READ.stream().map(name -> fileStamp(dir.resolve(name))).collect(Collectors.joining(";"));
  }

  /** Whether a file that {@code before} had is gone in {@code now} (stamps of the same files). */
  private static boolean lost(String before, String now) {
    String[] was = before.split(";");
    String[] is = now.split(";");
    for (int i = 0; i < Math.min(was.length, is.length); i++) {
      if (!was[i].endsWith(GONE) && is[i].endsWith(GONE)) {
        return true;
      }
    }
    return false;
  }

  private static String fileStamp(Path file) {
    try {
      return file.getFileName()
          + ":"
          + Files.size(file)
          + ":"
          + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return file.getFileName() + GONE;
    }
  }
}
