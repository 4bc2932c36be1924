package io.qualityloop.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How many finished Parquet files a lake table holds, and their size. */
record LakeInventory(long files, long bytes) {

  static LakeInventory of(Path tableDir) {
    if (!Files.isDirectory(tableDir)) {
      return new LakeInventory(0, 0);
    }
    try (Stream<Path> paths = Files.walk(tableDir)) {
      long[] totals = new long[2];
      paths.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
          .forEach(p -> {
            totals[0]++;
            totals[1] += p.toFile().length();
          });
      return new LakeInventory(totals[0], totals[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String describe() {
    return String.format("%,d files, %.1f MiB", files, bytes / 1024.0 / 1024.0);
  }
}
