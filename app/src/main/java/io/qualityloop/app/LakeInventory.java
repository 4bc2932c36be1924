package io.qualityloop.app;

import io.qualityloop.warehouse.LakeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How many Parquet files a reader of a lake table reads ({@link LakeFiles}), and their size. */
record LakeInventory(long files, long bytes) {

  static LakeInventory of(Path tableDir) {
    List<Path> files = LakeFiles.of(tableDir);
    long bytes = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new LakeInventory(files.size(), bytes);
  }

  String describe() {
    return String.format("%,d files, %.1f MiB", files, bytes / 1024.0 / 1024.0);
  }
}
