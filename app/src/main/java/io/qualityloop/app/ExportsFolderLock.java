package io.qualityloop.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The drill-down's hold on its exports folder ({@code serve.exports-dir}): a file lock on {@value
 * #NAME} in it, held while the drill-down runs. A second drill-down in another process (a {@code
 * serve} beside an {@code up}, in either order, or two work folders configured with one exports
 * folder) is refused: each keeps its export requests in the folder's {@code requests.json} and
 * would overwrite the other's. Drill-downs of one JVM (tests) share it. The operating system drops
 * the lock of a killed process.
 */
final class ExportsFolderLock implements AutoCloseable {
  static final String NAME = ".drill-down.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private ExportsFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code folder}.
   *
   * @throws IOException when another process holds it, saying so
   */
  static ExportsFolderLock take(Path folder) throws IOException {
    Files.createDirectories(folder);
    FileChannel channel =
        FileChannel.open(folder.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      return new ExportsFolderLock(null, null); // another drill-down of this JVM holds it
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "the exports folder "
              + folder
              + " is held by another drill-down (a serve or an up running): open that one, or give"
              + " this one its own serve.exports-dir");
    }
    return new ExportsFolderLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
      channel.close();
    }
  }
}
