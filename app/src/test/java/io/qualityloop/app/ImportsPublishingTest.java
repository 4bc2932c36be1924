package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leases of imports publishing, with real file locks: held by this process, by another process,
 * and left by a process killed with SIGKILL.
 */
class ImportsPublishingTest {
  @TempDir Path folder;

  @Test
  void aLeaseCountsWhileThisProcessHoldsItAndIsGoneOnceClosed() throws Exception {
    assertThat(ImportsPublishing.any(folder.resolve("none"))).as("no folder yet").isFalse();
    try (ImportsPublishing.Lease lease = ImportsPublishing.begin(folder, "in/客户投诉单-2.csv")) {
      assertThat(ImportsPublishing.any(folder)).isTrue();
      assertThat(ImportsPublishing.any(folder)).as("asking does not release it").isTrue();
      assertThat(Files.readString(only(folder), StandardCharsets.UTF_8))
          .isEqualTo("in/客户投诉单-2.csv\n");
    }
    assertThat(ImportsPublishing.any(folder)).isFalse();
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void aLeaseOfAnotherProcessCountsUntilThatProcessIsKilled() throws Exception {
    try (HoldingProcess holder = HoldingProcess.start(LeaseHolder.class, folder.toString())) {
      assertThat(ImportsPublishing.any(folder)).as("held by the other process").isTrue();
      assertThat(ImportsPublishing.any(folder)).isTrue();
    } // SIGKILL: the process cannot release or delete its lease
    assertThat(folder).isNotEmptyDirectory();
    assertThat(ImportsPublishing.any(folder)).as("left by a killed import").isFalse();
    assertThat(folder).as("the stale lease is deleted").isEmptyDirectory();
  }

  @Test
  void whatAKilledImportLeftIsDeletedButALeaseBeingNamedIsNot() throws Exception {
    Path mark = Files.writeString(folder.resolve("gone.held"), "");
    Path oldLocking = Files.writeString(folder.resolve("killed-before-its-name.locking"), "x");
    Files.setLastModifiedTime(
        oldLocking, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    Path youngLocking = Files.writeString(folder.resolve("being-named.locking"), "x");
    assertThat(ImportsPublishing.any(folder)).isFalse();
    assertThat(mark).as("a mark without its lease").doesNotExist();
    assertThat(oldLocking).doesNotExist();
    assertThat(youngLocking).as("perhaps about to be locked and named").exists();
  }

  @Test
  void anImportWaitsUntilTheServiceHoldsEventTimeForIt() throws Exception {
    try (ImportsPublishing.Lease lease = ImportsPublishing.begin(folder, "in/客户投诉单-3.csv")) {
      assertThat(lease.awaitHeld(Duration.ofMillis(100))).as("no service has held it").isFalse();
      ImportsPublishing.markHeld(folder);
      assertThat(lease.awaitHeld(Duration.ofMillis(100))).isTrue();
      ImportsPublishing.markHeld(folder); // the service's next check: nothing changes
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .hasSize(2)
            .anyMatch(n -> n.endsWith(".lock"))
            .anyMatch(n -> n.endsWith(".held"));
      }
    }
    assertThat(folder).as("the lease and its mark are gone").isEmptyDirectory();
    ImportsPublishing.markHeld(folder);
    assertThat(folder).as("nothing to mark without a lease").isEmptyDirectory();
  }

  private static Path only(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  /** Another process: takes a lease, says so, and holds it until killed. */
  public static final class LeaseHolder {
    private LeaseHolder() {}

    public static void main(String[] args) throws Exception {
      ImportsPublishing.begin(Path.of(args[0]), "held by another process");
      System.out.println("held");
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
