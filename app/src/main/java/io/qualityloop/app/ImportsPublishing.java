package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.jobs.ServiceImports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The imports of a working directory whose rows are being published, as the running service sees
 * them: each publishing import (an {@code ingest} from another terminal, or the service's inbox)
 * holds a lock on its own file in {@code <out.dir>/publishing/} while it publishes. The operating
 * system releases the lock when the process ends, also after {@code kill -9}, so a file without its
 * lock held is left from a killed import and means nothing.
 *
 * <p>While an import publishes, event time must not catch up with the newest event read: the newest
 * may come from the middle of the file, with older steps of other complaints still to be published
 * (see {@link io.qualityloop.jobs.ServiceJob}).
 */
final class ImportsPublishing {
  private static final String SUFFIX = ".lock";
  private static final String HELD = ".held";
  private static final long PID = ProcessHandle.current().pid();

  /**
   * This process's own leases. They are never opened a second time: closing any channel of a file
   * releases every lock the process holds on it.
   */
  private static final Set<String> OWN = ConcurrentHashMap.newKeySet();

  private ImportsPublishing() {}

  /** The folder of the leases of {@code config}'s working directory. */
  static Path folder(QualityLoopConfig config) {
    return config.outDir().resolve("publishing");
  }

  /** A lease held while one import publishes; closing it releases and deletes it. */
  static final class Lease implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private Lease(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    /**
     * Waits until the running service holds event time for this import ({@link #markHeld}), at most
     * {@code timeout}; returns whether it does.
     */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
      Path held = heldFile(file);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Files.exists(held)) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        Thread.sleep(50);
      }
      return true;
    }

    @Override
    public void close() {
      OWN.remove(file.getFileName().toString());
      try {
        lock.release();
        channel.close();
        Files.deleteIfExists(heldFile(file));
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release " + file, e);
      }
    }
  }

  /**
   * Takes a lease in {@code folder} for the import of {@code what} (written into the file). The
   * lease is locked before it gets its name, so no other process finds it unlocked.
   */
  static Lease begin(Path folder, String what) {
    try {
      Files.createDirectories(folder);
      String name = PID + "-" + UUID.randomUUID();
      Path locking = folder.resolve(name + ".locking");
      FileChannel channel =
          FileChannel.open(locking, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      channel.write(ByteBuffer.wrap((what + "\n").getBytes(StandardCharsets.UTF_8)));
      Path file = folder.resolve(name + SUFFIX);
      OWN.add(file.getFileName().toString());
      // The lock is the file's (its inode's), so it stays held under the new name.
      Files.move(locking, file, StandardCopyOption.ATOMIC_MOVE);
      return new Lease(file, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a lease in " + folder, e);
    }
  }

  /**
   * Tells every import holding a lease in {@code folder} now that event time is held for it (the
   * service calls this once its door subtasks hold).
   */
  static void markHeld(Path folder) {
    for (Path lease : leases(folder)) {
      Path held = heldFile(lease);
      if (!Files.exists(held) && isHeld(lease)) {
        try {
          Files.writeString(held, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + held, e);
        }
      }
    }
  }

  /**
   * The running service's view of its imports: pending while an import holds a lease in {@code
   * folder} or {@code inbox} has a file to import ({@link Inbox#hasWork}).
   */
  static ServiceImports forService(Path folder, Path inbox) {
    return new ServiceImports() {
      @Override
      public boolean pending() {
        return any(folder) || Inbox.hasWork(inbox);
      }

      @Override
      public void held() {
        markHeld(folder);
      }
    };
  }

  private static Path heldFile(Path lease) {
    String name = lease.getFileName().toString();
    return lease.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + HELD);
  }

  /**
   * Whether an import holds a lease in {@code folder} now. A lease whose lock nobody holds (its
   * import was killed) is deleted.
   */
  static boolean any(Path folder) {
    boolean held = false;
    for (Path lease : leases(folder)) {
      held |= isHeld(lease);
    }
    return held;
  }

  private static List<Path> leases(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static boolean isHeld(Path lease) {
    if (lease.getFileName().toString().startsWith(PID + "-")) {
      if (OWN.contains(lease.getFileName().toString())) {
        return true;
      }
      try {
        Files.deleteIfExists(heldFile(lease));
        Files.deleteIfExists(lease); // left by a killed process that had this process's number
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the lease " + lease, e);
      }
      return false;
    }
    try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return true; // held by this process under another name: not expected
      }
      if (lock == null) {
        return true; // held by another process
      }
      // Nobody held it: left by an import that was killed.
      lock.release();
      Files.deleteIfExists(heldFile(lease));
      Files.deleteIfExists(lease);
      return false;
    } catch (NoSuchFileException e) {
      return false; // released and deleted meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lease " + lease, e);
    }
  }
}
