package io.qualityloop.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a lake directory tree unwritable and writable again, as a read-only remount or a revoked
 * permission would. Root ignores file modes, so the tree is first made immutable with {@code chattr
 * -R +i} (ext4, xfs, btrfs), and only if that is not supported are write bits removed with {@code
 * chmod -R a-w}. {@link #blocks()} says whether either really stopped a write.
 */
final class LakeLock implements AutoCloseable {
  private final Path root;
  private final String method;
  private boolean locked;

  private LakeLock(Path root, String method) {
    this.root = root;
    this.method = method;
  }

  static LakeLock lock(Path root) throws Exception {
    if (run("chattr", "-R", "+i", root.toString())) {
      LakeLock lock = new LakeLock(root, "chattr +i");
      lock.locked = true;
      return lock;
    }
    run("chmod", "-R", "a-w", root.toString());
    LakeLock lock = new LakeLock(root, "chmod a-w");
    lock.locked = true;
    return lock;
  }

  String method() {
    return method;
  }

  /** True when creating a file in the tree now fails. */
  boolean blocks() {
    Path probe = root.resolve(".lake-lock-probe");
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Makes the tree writable again. */
  @Override
  public void close() throws Exception {
    if (!locked) {
      return;
    }
    if (method.startsWith("chattr")) {
      run("chattr", "-R", "-i", root.toString());
    } else {
      run("chmod", "-R", "u+w", root.toString());
    }
    locked = false;
  }

  private static boolean run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(List.of(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
