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
import java.util.ArrayList;
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
 * lock held is left from a killed import and means nothing (it is deleted when found).
 *
 * <p>While an import publishes, event time must stand still: the newest event read may come from
 * the middle of the file, with older steps of other complaints still to be published ({@link
 * io.qualityloop.jobs.ServiceJob}). So an import sending to the running service waits, before its
 * first row, until the service has written {@code <lease>.held} beside its lease: event time is
 * then held for it.
 */
final class ImportsPublishing {
  private static final String LOCKING = ".locking";
  private static final String SUFFIX = ".lock";
  private static final String HELD = ".held";

  /**
   * The names (without their ending) of this process's own leases. They are never opened a second
   * time: closing any channel of a file releases every lock the process holds on it.
   */
  private static final Set<String> OWN = ConcurrentHashMap.newKeySet();

  private ImportsPublishing() {}

  /** The folder of the leases of {@code config}'s working directory. */
  static Path folder(QualityLoopConfig config) {
    return config.outDir().resolve("publishing");
  }

  /** A lease held while one import publishes; closing it releases and deletes it. */
  static final class Lease implements AutoCloseable {
    private final String name;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private Lease(String name, Path file, FileChannel channel, FileLock lock) {
      this.name = name;
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    /**
     * Waits until the running service holds event time for this import ({@link #markHeld}), at most
     * {@code timeout}; returns whether it does.
     */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
      Path held = sibling(file, HELD);
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
      try {
        lock.release();
        channel.close();
        Files.deleteIfExists(sibling(file, HELD));
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release " + file, e);
      } finally {
        OWN.remove(name);
      }
    }
  }

  /**
   * Takes a lease in {@code folder} for the import of {@code what} (written into the file). The
   * lease is locked before it gets its name, so no other process finds it unlocked.
   */
  static Lease begin(Path folder, String what) {
    String name = UUID.randomUUID().toString();
    OWN.add(name);
    FileChannel channel = null;
    try {
      Files.createDirectories(folder);
      Path locking = folder.resolve(name + LOCKING);
      channel = FileChannel.open(locking, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      channel.write(ByteBuffer.wrap((what + "\n").getBytes(StandardCharsets.UTF_8)));
      // The lock is the file's (its inode's), so it stays held under the new name.
      Path file =
          Files.move(locking, folder.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
      return new Lease(name, file, channel, lock);
    } catch (IOException e) {
      OWN.remove(name);
      try {
        if (channel != null) {
          channel.close();
        }
        Files.deleteIfExists(folder.resolve(name + LOCKING));
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write a lease in " + folder, e);
    }
  }

  /**
   * Tells every import holding a lease in {@code folder} now that event time is held for it (the
   * service calls this once its door subtasks hold). A mark written just as its import ended is
   * deleted at the next look.
   */
  static void markHeld(Path folder) {
    for (Path lease : leases(folder)) {
      Path held = sibling(lease, HELD);
      if (!Files.exists(held)) {
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
  static ServiceImports forService(Path folder, Inbox inbox) {
    return new ServiceImports() {
      @Override
      public boolean pending() {
        return any(folder) || inbox.hasWork();
      }

      @Override
      public void held() {
        markHeld(folder);
      }
    };
  }

  /** Whether an import holds a lease in {@code folder} now. */
  static boolean any(Path folder) {
    return !leases(folder).isEmpty();
  }

  /**
   * The leases held in {@code folder} now. What a killed import left (a lease nobody holds, one
   * being named, a mark without its lease) is deleted.
   */
  private static List<Path> leases(Path folder) {
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    List<Path> held = new ArrayList<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (n.endsWith(SUFFIX)) {
        if (isHeld(f)) {
          held.add(f);
        }
      } else if (n.endsWith(LOCKING)) {
        if (olderThanAMinute(f)) {
          isHeld(f); // a kill between its creation and its name; one younger may be being locked
        }
      } else if (n.endsWith(HELD) && !Files.exists(sibling(f, SUFFIX))) {
        delete(f);
      }
    }
    return held;
  }

  /** Whether {@code lease}'s lock is held; a lease nobody holds is deleted with its mark. */
  private static boolean isHeld(Path lease) {
    if (OWN.contains(baseName(lease))) {
      return true; // never opened again here: that would release this process's lock
    }
    try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return true; // held by this process: not expected for a name it does not own
      }
      if (lock == null) {
        return true; // held by another process
      }
      // Nobody held it: left by an import that was killed.
      lock.release();
      delete(sibling(lease, HELD));
      delete(lease);
      return false;
    } catch (NoSuchFileException e) {
      return false; // released and deleted meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lease " + lease, e);
    }
  }

  private static boolean olderThanAMinute(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() < System.currentTimeMillis() - 60_000;
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }

  private static String baseName(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static Path sibling(Path file, String ending) {
    return file.resolveSibling(baseName(file) + ending);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
