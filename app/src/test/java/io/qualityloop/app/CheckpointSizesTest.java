package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSizesTest {
  @TempDir Path dir;

  private void write(String relative, int bytes) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  @Test
  void countsCompletedCheckpointsOnlyAndRemembersTheLargestAfterItIsDeleted() throws Exception {
    CheckpointSizes sizes = new CheckpointSizes(dir);
    write("job-1/chk-1/_metadata", 100);
    write("job-1/chk-1/state-a", 2048);
    write("job-1/chk-2/state-b", 9999); // in progress: no _metadata yet
    sizes.sample();
    assertThat(sizes.largestBytes()).isEqualTo(2148);

    DemoCommand.deleteRecursively(dir.resolve("job-1/chk-1")); // subsumed by chk-2
    write("job-1/chk-2/_metadata", 1);
    sizes.sample();
    assertThat(sizes.largestBytes()).isEqualTo(10000);
    assertThat(sizes.describe()).contains("last (#2) 9.8 KiB");
  }
}
