package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a reader reads at each step of a compaction's switch. */
class LakeFilesTest {
  @Test
  void theRenameOfTheCompactedFileIsTheOneStepThatSwitchesReaders(@TempDir Path lake)
      throws Exception {
    Path table = lake.resolve("complaint_events");
    Path partition = Files.createDirectories(table.resolve("dt=2026-07-01"));
    Files.writeString(partition.resolve("part-a.parquet"), "a");
    Files.writeString(partition.resolve("part-b.parquet"), "b");
    Files.writeString(partition.resolve(".part-c.parquet.inprogress"), "still being written");

    // 1. The compacted file is written hidden: readers see the old files.
    Files.writeString(partition.resolve(".compacting-1.parquet"), "ab");
    assertThat(names(table)).containsExactly("part-a.parquet", "part-b.parquet");
    // 2. The tombstone names a file that is not visible yet: still the old files.
    Files.writeString(
        partition.resolve("_replaced-1.txt"),
        "compacted-1.parquet\npart-a.parquet\npart-b.parquet\n");
    assertThat(names(table)).containsExactly("part-a.parquet", "part-b.parquet");
    // 3. The rename: only the compacted file.
    Files.move(
        partition.resolve(".compacting-1.parquet"), partition.resolve("compacted-1.parquet"));
    assertThat(names(table)).containsExactly("compacted-1.parquet");
    // A file the stream lands later in the same partition is read beside it.
    Files.writeString(partition.resolve("part-d.parquet"), "d");
    assertThat(names(table)).containsExactly("compacted-1.parquet", "part-d.parquet");
    // 4. Cleanup deletes the replaced files first, then the tombstone: nothing comes back.
    Files.delete(partition.resolve("part-a.parquet"));
    Files.delete(partition.resolve("part-b.parquet"));
    Files.delete(partition.resolve("_replaced-1.txt"));
    assertThat(names(table)).containsExactly("compacted-1.parquet", "part-d.parquet");
  }

  @Test
  void aTableWithoutFilesHasNone(@TempDir Path lake) {
    assertThat(LakeFiles.of(lake.resolve("missing"))).isEmpty();
  }

  private static List<String> names(Path table) {
    return LakeFiles.of(table).stream().map(f -> f.getFileName().toString()).toList();
  }
}
