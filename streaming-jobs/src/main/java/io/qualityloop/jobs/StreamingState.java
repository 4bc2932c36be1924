package io.qualityloop.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming state that one run of the jobs leaves for the next on this machine: the savepoints
 * each run stops with ({@code flink.savepoint-dir}) and the checkpoints a run that was killed left
 * behind ({@code flink.checkpoint-dir}, retained). A run resumes from the newest complete one of
 * either, a directory holding its {@code _metadata}: after a clean stop that is the savepoint,
 * after a kill the checkpoint the killed run completed last, so nothing it committed is read twice.
 */
public final class StreamingState {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingState.class);
  private static final String METADATA = "_metadata";

  private StreamingState() {}

  /** The newest complete savepoint or retained checkpoint under either directory, if any. */
  public static Optional<Path> latest(Path savepoints, Path checkpoints) {
    return Stream.concat(snapshots(savepoints, 1), snapshots(checkpoints, 2))
        .max(Comparator.comparingLong(StreamingState::completedAt));
  }

  /**
   * Deletes every savepoint but {@code keep} and every retained checkpoint (with its job's folder):
   * they are older.
   */
  public static void keepOnly(Path keep, Path savepoints, Path checkpoints) {
    Path kept = keep.toAbsolutePath().normalize();
    for (Path dir : Stream.concat(snapshots(savepoints, 1), snapshots(checkpoints, 2)).toList()) {
      if (!dir.toAbsolutePath().normalize().equals(kept)) {
        deleteRecursively(dir);
      }
    }
    // What is left of each finished job's checkpoint folder (shared/, taskowned/) is empty or
    // unused.
    if (Files.isDirectory(checkpoints)) {
      try (Stream<Path> jobs = Files.list(checkpoints)) {
        for (Path job : jobs.filter(Files::isDirectory).toList()) {
          if (!kept.startsWith(job.toAbsolutePath().normalize())) {
            deleteRecursively(job);
          }
        }
      } catch (IOException e) {
        LOG.warn("cannot list {}", checkpoints, e);
      }
    }
  }

  /**
   * Directories {@code depth} levels below {@code root} that hold a {@code _metadata} file. Flink
   * may be discarding an old checkpoint while this looks (a finished job cleans up asynchronously),
   * so a file that vanishes under the walk means: look again.
   */
  private static Stream<Path> snapshots(Path root, int depth) {
    for (int attempt = 0; ; attempt++) {
      if (!Files.isDirectory(root)) {
        return Stream.empty();
      }
      try (Stream<Path> found =
          Files.find(
              root,
              depth + 1,
              (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(METADATA))) {
        List<Path> dirs = found.map(Path::getParent).toList();
        return dirs.stream();
      } catch (IOException | UncheckedIOException e) {
        if (attempt >= 10) {
          throw new UncheckedIOException(
              "cannot list the streaming state in " + root,
              e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        pause();
      }
    }
  }

  private static long completedAt(Path snapshot) {
    try {
      return Files.getLastModifiedTime(snapshot.resolve(METADATA)).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  /**
   * Deletes {@code dir}, best effort: Flink may still be discarding the same checkpoint after the
   * job finished, so files vanish under the walk. A snapshot left behind is only older state (the
   * newest is kept and chosen), so a failure is logged, never the import's failure.
   */
  private static void deleteRecursively(Path dir) {
    IOException last = null;
    for (int attempt = 0; attempt < 10 && Files.exists(dir); attempt++) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        last = e;
      } catch (UncheckedIOException e) {
        last = e.getCause();
      }
      if (Files.exists(dir)) {
        pause();
      }
    }
    if (Files.exists(dir)) {
      LOG.warn(
          "cannot delete the old streaming state {}; it is older than the state kept and is"
              + " ignored",
          dir,
          last);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
