package io.qualityloop.events.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner can read (0600 / 0700): personal data, password hashes, keys
 * and logs of who read what. Created with those permissions from the start, so they are never
 * readable by others, not even for a moment. On a file system without POSIX permissions the calls
 * fall back to plain creation.
 */
public final class OwnerOnly {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates the folder and any missing parents as 0700 (existing ones are left as they are). */
  public static Path createDirectories(Path dir) {
    try {
      Path absolute = dir.toAbsolutePath();
      if (Files.isDirectory(absolute)) {
        return dir;
      }
      if (absolute.getParent() != null) {
        createDirectories(absolute.getParent());
      }
      try {
        Files.createDirectory(absolute, attribute(absolute, DIRECTORY));
      } catch (FileAlreadyExistsException e) {
        // made by someone else meanwhile
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /**
   * Creates the file (empty, 0600) if it does not exist, with its folder; an existing file is made
   * 0600.
   */
  public static Path ensureFile(Path file) {
    try {
      createDirectories(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, attribute(file, FILE));
        } catch (FileAlreadyExistsException e) {
          // made by someone else meanwhile
        }
      }
      restrict(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /** Makes an existing file or folder owner-only. */
  public static void restrict(Path path) {
    if (!posix(path)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + path, e);
    }
  }

  private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> permissions) {
    return posix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
