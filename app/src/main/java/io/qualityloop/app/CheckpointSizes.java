package io.qualityloop.app;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;

/**
 * The real size of the job's state: the bytes of its completed checkpoints on disk. Flink keeps
 * only the latest checkpoint ({@code <dir>/<job id>/chk-<n>/}, complete once its {@code _metadata}
 * is written) and deletes the one it replaces, so the directory is sampled while the job runs.
 */
final class CheckpointSizes {
  private final Path directory;
  private final AtomicLong largest = new AtomicLong();
  private final AtomicLong latest = new AtomicLong();
  private final AtomicLong latestId = new AtomicLong();

  /**
   * Per checkpoint id, the checkpointed state bytes of the operator with uid {@link #operatorUid}
   * (all subtasks).
   */
  private final ConcurrentSkipListMap<Long, Long> operatorBytes = new ConcurrentSkipListMap<>();

  private final String operatorUid;

  CheckpointSizes(Path directory) {
    this(directory, null);
  }

  /**
   * Also reads, from each completed checkpoint's {@code _metadata}, the state size of the operator
   * with {@code operatorUid}.
   */
  CheckpointSizes(Path directory, String operatorUid) {
    this.directory = directory;
    this.operatorUid = operatorUid;
  }

  /**
   * Looks at the completed checkpoints now on disk. Safe to call while Flink writes and deletes
   * them.
   */
  void sample() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> checkpoints =
        Files.find(
            directory,
            2,
            (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("chk-"))) {
      checkpoints
          .filter(chk -> Files.exists(chk.resolve("_metadata")))
          .forEach(
              chk -> {
                long id = Long.parseLong(chk.getFileName().toString().substring(4));
                long bytes = bytesUnder(chk);
                if (operatorUid != null && !operatorBytes.containsKey(id)) {
                  Long op = operatorStateBytes(chk.resolve("_metadata"), operatorUid);
                  if (op != null) {
                    operatorBytes.put(id, op);
                  }
                }
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

  /**
   * The state size Flink recorded for the operator with {@code uid} in a checkpoint's metadata (all
   * subtasks, keyed state with its timers), or null if the metadata cannot be read (yet).
   */
  static Long operatorStateBytes(Path metadata, String uid) {
    OperatorID id = operatorId(uid);
    try (DataInputStream in = new DataInputStream(Files.newInputStream(metadata))) {
      var meta =
          Checkpoints.loadCheckpointMetadata(
              in, CheckpointSizes.class.getClassLoader(), metadata.getParent().toString());
      for (var state : meta.getOperatorStates()) {
        if (state.getOperatorID().equals(id)) {
          return state.getStateSize();
        }
      }
      return 0L;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The operator id Flink derives from a user-specified uid (StreamGraphHasherV2: murmur3_128, seed
   * 0, of the uid).
   */
  static OperatorID operatorId(String uid) {
    return new OperatorID(
        Hashing.murmur3_128(0).newHasher().putString(uid, StandardCharsets.UTF_8).hash().asBytes());
  }

  /**
   * Checkpoint id -> state bytes of the operator given at construction, for each completed
   * checkpoint seen.
   */
  NavigableMap<Long, Long> operatorBytes() {
    return operatorBytes;
  }

  String describe() {
    if (latestId.get() == 0) {
      return "checkpoints: none completed while sampled (directory " + directory + ")";
    }
    return String.format(
        "checkpoints (all operator state, on disk): largest %,.1f KiB, last (#%d) %,.1f KiB",
        largest.get() / 1024.0, latestId.get(), latest.get() / 1024.0);
  }

  long largestBytes() {
    return largest.get();
  }
}
