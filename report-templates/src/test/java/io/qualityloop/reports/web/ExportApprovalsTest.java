package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export requests survive a restart of the drill-down: the pending ones can still be decided, the
 * approved files still be downloaded in time, and nothing else is kept.
 */
class ExportApprovalsTest {
  private static final User LEAD2 =
      new User("lead2", Role.QUALITY_MANAGER, List.of("P02"), true); // approver of P02
  private static final User LEAD = new User("lead", Role.QUALITY_MANAGER, null, true);
  private static final User QM = new User("qm", Role.QUALITY_MANAGER, List.of("P01", "P02"));

  @TempDir Path dir;
  private final DrillDownServerTest.MutableClock clock = new DrillDownServerTest.MutableClock();

  /** The users of the users file now, as the drill-down's {@code Users.stillHolds} tells them. */
  private final Set<User> users = new HashSet<>(List.of(LEAD2, LEAD, QM));

  private ExportApprovals server() {
    return new ExportApprovals(
        dir.resolve("exports"),
        Duration.ofHours(24),
        clock,
        new AccessLog(dir.resolve("access.log"), clock),
        users::contains);
  }

  private static byte[] csv(ExportApprovals.Request r) {
    return ("view " + r.view() + " for " + r.requester().name() + " " + r.requester().projects())
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pendingAndApprovedRequestsSurviveARestartAndNothingElseIs() throws Exception {
    ExportApprovals before = server();
    String approved =
        before.request(QM, "drill", Map.of("path", "project_id:P02"), List.of("P02")).id();
    String pending = before.request(LEAD2, "revisit-due", Map.of(), List.of("P02")).id();
    String rejected = before.request(QM, "sla", Map.of("status", "BREACH"), List.of("P01")).id();
    before.decide(LEAD2, approved, true, ExportApprovalsTest::csv);
    before.decide(LEAD, rejected, false, ExportApprovalsTest::csv);
    Path ledger = dir.resolve("exports").resolve(ExportApprovals.LEDGER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ledger)))
        .isEqualTo("rw-------");
    Path stray = Files.writeString(dir.resolve("exports/left-by-hand.csv"), "x");

    clock.advance(Duration.ofHours(2));
    ExportApprovals after = server();
    assertThat(stray).as("no request holds it").doesNotExist();
    assertThat(after.find(pending).orElseThrow().status())
        .isEqualTo(ExportApprovals.Status.PENDING);
    assertThat(after.find(rejected).orElseThrow().status())
        .isEqualTo(ExportApprovals.Status.REJECTED);
    assertThat(new String(after.download(QM, approved), StandardCharsets.UTF_8))
        .isEqualTo("view drill for qm [P01, P02]");
    assertThatThrownBy(() -> after.download(LEAD2, approved))
        .isInstanceOf(ExportApprovals.Refused.class)
        .hasMessage("export.refused.not-requester");
    // the requester and the request's projects as they were asked for
    ExportApprovals.Request kept = after.find(approved).orElseThrow();
    assertThat(kept.requester()).isEqualTo(QM);
    assertThat(kept.parameters()).isEqualTo(Map.of("path", "project_id:P02"));
    assertThat(kept.projects()).containsExactly("P02");

    // the pending one is decided after the restart, by the rules as before
    assertThatThrownBy(() -> after.decide(LEAD2, pending, true, ExportApprovalsTest::csv))
        .hasMessage("export.refused.own");
    after.decide(LEAD, pending, true, ExportApprovalsTest::csv);
    assertThat(new String(after.download(LEAD2, pending), StandardCharsets.UTF_8))
        .isEqualTo("view revisit-due for lead2 [P02]");
    assertThat(after.visibleTo(LEAD))
        .extracting(r -> r.get("id") + " " + r.get("status"))
        .containsExactlyInAnyOrder(
            rejected + " REJECTED", pending + " APPROVED", approved + " APPROVED");

    // past the time limit after another restart: expired, its file deleted
    clock.advance(Duration.ofHours(23));
    ExportApprovals later = server();
    assertThatThrownBy(() -> later.download(QM, approved)).hasMessage("export.refused.expired");
    assertThat(dir.resolve("exports/" + approved + ".csv")).doesNotExist();
    assertThat(server().find(approved).orElseThrow().status())
        .as("expired in the file too")
        .isEqualTo(ExportApprovals.Status.EXPIRED);
    assertThat(Files.readString(dir.resolve("access.log")))
        .contains("export_approved\t" + pending + " requested by lead2")
        .contains("export_expired\t" + approved);
  }

  @Test
  void anApprovedRequestWhoseFileIsGoneIsExpiredAndOldDecisionsAreDropped() throws Exception {
    ExportApprovals before = server();
    String approved = before.request(QM, "drill", Map.of(), List.of("P02")).id();
    String rejected = before.request(QM, "sla", Map.of(), List.of("P02")).id();
    before.decide(LEAD, approved, true, ExportApprovalsTest::csv);
    before.decide(LEAD, rejected, false, ExportApprovalsTest::csv);
    Files.delete(dir.resolve("exports/" + approved + ".csv"));

    ExportApprovals after = server();
    assertThat(after.find(approved).orElseThrow().status())
        .isEqualTo(ExportApprovals.Status.EXPIRED);
    assertThat(Files.readString(dir.resolve("access.log")))
        .contains("export_expired\t" + approved + " file gone");
    server(); // another restart: the expiry was saved, so it is not logged again
    assertThat(Files.readString(dir.resolve("access.log")).split(" file gone", -1)).hasSize(2);

    clock.advance(ExportApprovals.KEPT_AFTER_DECISION.plusDays(1));
    String fresh = after.request(QM, "drill", Map.of(), List.of("P02")).id();
    assertThat(server().visibleTo(LEAD))
        .as("rejected and expired over 30 days ago: dropped at the next change")
        .extracting(r -> r.get("id"))
        .containsExactly(fresh);
  }

  @Test
  void aRequestWhoseRequesterChangedScopeOrLeftIsNeitherDecidedNorDownloaded() throws Exception {
    ExportApprovals before = server();
    String pending = before.request(QM, "drill", Map.of(), List.of("P01")).id();
    String approved = before.request(QM, "sla", Map.of(), List.of("P02")).id();
    before.decide(LEAD, approved, true, ExportApprovalsTest::csv);
    // qm's scope narrowed to P02 in the users file, then a restart
    users.remove(QM);
    User narrowed = new User("qm", Role.QUALITY_MANAGER, List.of("P02"));
    users.add(narrowed);
    ExportApprovals after = server();
    assertThatThrownBy(() -> after.decide(LEAD, pending, true, ExportApprovalsTest::csv))
        .isInstanceOfSatisfying(
            ExportApprovals.Refused.class, r -> assertThat(r.status()).isEqualTo(409))
        .hasMessage("export.refused.requester-changed");
    assertThat(dir.resolve("exports/" + pending + ".csv")).doesNotExist();
    assertThatThrownBy(() -> after.download(narrowed, approved))
        .hasMessage("export.refused.requester-changed");
    assertThat(Files.readString(dir.resolve("access.log")))
        .contains("export_decision_refused\t" + pending + " requester-changed")
        .contains("export_download_refused\t" + approved + " requester changed");
  }

  @Test
  void aLedgerThatNoLongerParsesIsMovedAsideAndABrokenRequestIsSkipped() throws Exception {
    ExportApprovals before = server();
    String kept = before.request(QM, "drill", Map.of(), List.of("P02")).id();
    Path ledger = dir.resolve("exports").resolve(ExportApprovals.LEDGER);
    String text = Files.readString(ledger);
    // a second request edited by hand: rejected, but with no time of decision
    Files.writeString(
        ledger,
        text.substring(0, text.lastIndexOf(']'))
            + ", {\"id\": \"edited\", \"requester\": \"qm\", \"requester_role\":"
            + " \"QUALITY_MANAGER\", \"view\": \"sla\", \"requested_at\":"
            + " \"2026-10-08T01:00:00Z\", \"status\": \"REJECTED\"}]");
    ExportApprovals skipping = server();
    assertThat(skipping.find(kept)).isPresent();
    assertThat(skipping.find("edited")).isEmpty();

    Files.writeString(ledger, "[{\"id\": ");
    ExportApprovals fresh = server();
    assertThat(fresh.find(kept)).as("asked for again").isEmpty();
    try (Stream<Path> files = Files.list(dir.resolve("exports"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(n -> n.startsWith("requests.json.unreadable-"));
    }
    assertThat(fresh.request(QM, "drill", Map.of(), List.of("P02")).id()).isNotBlank();
  }
}
