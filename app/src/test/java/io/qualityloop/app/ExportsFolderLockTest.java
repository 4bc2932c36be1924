package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One drill-down per exports folder across processes (a serve beside an up, in either order): a
 * real file lock held by a child JVM, killed with SIGKILL at the end; drill-downs of one JVM share
 * the folder.
 */
class ExportsFolderLockTest {
  @TempDir Path exports;

  @Test
  void aFolderHeldByAnotherProcessIsRefusedUntilThatProcessIsKilled() throws Exception {
    try (HoldingProcess holder = HoldingProcess.start(Holder.class, exports.toString())) {
      assertThatThrownBy(() -> ExportsFolderLock.take(exports))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "the exports folder "
                  + exports
                  + " is held by another drill-down (a serve or an up running): open that one, or"
                  + " give this one its own serve.exports-dir");
    } // SIGKILL: the lock goes with the process
    try (ExportsFolderLock mine = ExportsFolderLock.take(exports);
        ExportsFolderLock sameJvm = ExportsFolderLock.take(exports)) {
      assertThat(mine).as("free once the holder is gone").isNotNull();
      assertThat(sameJvm).as("a second drill-down of this JVM shares it").isNotNull();
    }
  }

  /** Holds the exports folder of its argument for five minutes. */
  public static final class Holder {
    private Holder() {}

    public static void main(String[] args) throws Exception {
      ExportsFolderLock.take(Path.of(args[0]));
      System.out.println("held");
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
