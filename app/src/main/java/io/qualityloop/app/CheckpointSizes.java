package io.qualityloop.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The real size of the job's state: the bytes of its completed checkpoints on disk. Flink keeps only
 * the latest checkpoint ({@code <dir>/<job id>/chk-<n>/}, complete once its {@code _metadata} is
 * written) and deletes the one it replaces, so the directory is sampled while the job runs.
 */
final class CheckpointSizes {
  private final Path directory;
  private final AtomicLong largest = new AtomicLong();
  private final AtomicLong latest = new AtomicLong();
  private final AtomicLong latestId = new AtomicLong();

  CheckpointSizes(Path directory) {
    this.directory = directory;
  }

  /** Looks at the completed checkpoints now on disk. Safe to call while Flink writes and deletes them. */
  void sample() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> checkpoints = Files.find(directory, 2, (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("chk-"))) {
      checkpoints.filter(chk -> Files.exists(chk.resolve("_metadata"))).forEach(chk -> {
        long id = Long.parseLong(chk.getFileName().toString().substring(4));
        long bytes = bytesUnder(chk);
        largest.accumulateAndGet(bytes, Math::max);
        if (id >= latestId.get()) {
          latestId.set(id);
          latest.set(bytes);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a checkpoint deleted while being measured: the next sample sees its successor
    }
  }

  private static long bytesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(CheckpointSizes::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String describe() {
    if (latestId.get() == 0) {
      return "checkpoints: none completed while sampled (directory " + directory + ")";
    }
    return String.format("checkpoints (all operator state, on disk): largest %,.1f KiB, last (#%d) %,.1f KiB",
        largest.get() / 1024.0, latestId.get(), latest.get() / 1024.0);
  }

  long largestBytes() {
    return largest.get();
  }
}
