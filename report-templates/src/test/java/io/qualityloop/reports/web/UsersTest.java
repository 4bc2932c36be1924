package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.ProjectRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users file as {@code users add} writes it: a scope names real projects or a real office, and
 * never widens by mistake.
 */
class UsersTest {
  private static final List<ProjectRef> KNOWN =
      List.of(project("P01", "华东服务中心"), project("P02", "华东服务中心"), project("P03", "华南=服务:中心"));
  @TempDir Path dir;

  @Test
  void anEmptyALineBreakOrAnUnknownProjectOrRegionIsRefused() {
    char[] pw = "password-1".toCharArray();
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, "", null, KNOWN))
        .hasMessageContaining("none empty");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, "P01,", null, KNOWN))
        .hasMessageContaining("none empty");
    assertThatThrownBy(
            () ->
                Users.entry("qm", Role.QUALITY_MANAGER, pw, "P01\nuser.qm.projects=", null, KNOWN))
        .hasMessageContaining("\\u000a")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, "P01,P09", null, KNOWN))
        .hasMessage("unknown project(s) P09: the reference projects are P01, P02, P03");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, null, "", KNOWN))
        .hasMessageContaining("unknown region ''");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, null, "华东服务中心\n", KNOWN))
        .hasMessageContaining("unknown region");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, null, "华北服务中心", KNOWN))
        .hasMessageContaining("unknown region");
    assertThatThrownBy(() -> Users.entry("qm", Role.QUALITY_MANAGER, pw, "P01", "华东服务中心", KNOWN))
        .hasMessageContaining("not both");
  }

  @Test
  void theFileIsReadAgainWhenItChangesAndAFileThatCannotBeReadKeepsTheUsersReadLast()
      throws Exception {
    Path file = dir.resolve("changing.properties");
    String qm = Users.entry("qm", Role.QUALITY_MANAGER, "password-1".toCharArray());
    Files.writeString(file, qm, StandardCharsets.UTF_8);
    Users users = Users.load(file, region -> List.of());
    User signedIn = users.authenticate("qm", "password-1".toCharArray()).orElseThrow();
    assertThat(users.authenticate("boss", "password-2".toCharArray())).isEmpty();

    String boss =
        Users.entry("boss", Role.EXECUTIVE, "password-2".toCharArray(), "P01", null, KNOWN);
    rewrite(file, qm + boss, 1);
    assertThat(users.authenticate("boss", "password-2".toCharArray()))
        .map(User::projects)
        .contains(List.of("P01"));
    assertThat(users.stillHolds(signedIn)).isTrue();

    // qm limited to P02: the user signed in for every project no longer holds
    String qmP02 =
        Users.entry("qm", Role.QUALITY_MANAGER, "password-1".toCharArray(), "P02", null, KNOWN);
    rewrite(file, qmP02 + boss, 2);
    assertThat(users.stillHolds(signedIn)).isFalse();
    User narrowed = users.authenticate("qm", "password-1".toCharArray()).orElseThrow();
    assertThat(narrowed.projects()).containsExactly("P02");

    // an edit that breaks the file (an unknown role) keeps the users read last
    rewrite(file, "user.qm.role=superuser\n" + boss, 3);
    assertThat(users.stillHolds(narrowed)).isTrue();
    assertThat(users.all()).extracting(User::name).containsExactly("boss", "qm");

    // the file removed: nobody, never everybody
    Files.delete(file);
    assertThat(users.stillHolds(narrowed)).isFalse();
    assertThat(users.authenticate("boss", "password-2".toCharArray())).isEmpty();
    assertThat(users.all()).isEmpty();
  }

  /**
   * Writes the users file as {@code users add} or an editor would, its modification time {@code
   * step} seconds on, so that two writes within one clock tick still read as a change.
   */
  static void rewrite(Path file, String text, int step) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(step * 10L)));
  }

  @Test
  void whatIsWrittenReadsBackAsTheSameScopeEvenWithCharactersAPropertiesFileGivesMeaningTo()
      throws Exception {
    Path file = dir.resolve("users.properties");
    Files.writeString(
        file,
        Users.entry(
                "a", Role.QUALITY_MANAGER, "password-1".toCharArray(), " P01 , P02", null, KNOWN)
            + Users.entry(
                "b", Role.QUALITY_MANAGER, "password-2".toCharArray(), null, "华南=服务:中心", KNOWN)
            + Users.entry("c", Role.EXECUTIVE, "password-3".toCharArray()),
        StandardCharsets.UTF_8);
    Users users =
        Users.load(file, region -> region.equals("华南=服务:中心") ? List.of("P03") : List.of());
    assertThat(users.all())
        .extracting(u -> u.name() + " " + u.projects())
        .containsExactly("a [P01, P02]", "b [P03]", "c null");
    assertThat(users.authenticate("b", "password-2".toCharArray())).isPresent();
  }

  @Test
  void anApproverIsWrittenAndReadBackAndAPlannerApprovesNothing() throws Exception {
    Path file = dir.resolve("approvers.properties");
    String lead =
        Users.entry(
            "lead", Role.QUALITY_MANAGER, "password-1".toCharArray(), "P02", null, KNOWN, true);
    assertThat(lead).contains("user.lead.approver=true\n");
    Files.writeString(
        file,
        lead
            + Users.entry(
                "qm", Role.QUALITY_MANAGER, "password-2".toCharArray(), "P02", null, KNOWN)
            + Users.entry(
                "boss", Role.EXECUTIVE, "password-3".toCharArray(), null, null, KNOWN, true),
        StandardCharsets.UTF_8);
    Users users = Users.load(file, region -> List.of());
    assertThat(users.all())
        .extracting(User::name, User::approver, User::projects)
        .containsExactlyInAnyOrder(
            Tuple.tuple("lead", true, List.of("P02")),
            Tuple.tuple("qm", false, List.of("P02")),
            Tuple.tuple("boss", true, null));
    assertThatThrownBy(
            () ->
                Users.entry("p", Role.PLANNER, "password-4".toCharArray(), null, null, KNOWN, true))
        .hasMessageContaining("a planner approves no exports");
    // an approver's scope covers a request's when it is every project or holds each of the
    // request's projects
    assertThat(ExportApprovals.covers(null, null)).isTrue();
    assertThat(ExportApprovals.covers(List.of("P02"), List.of("P02"))).isTrue();
    assertThat(ExportApprovals.covers(List.of("P02"), List.of("P01"))).isFalse();
    assertThat(ExportApprovals.covers(List.of("P02"), List.of("P01", "P02"))).isFalse();
    assertThat(ExportApprovals.covers(List.of("P02"), null))
        .as("a request over every project")
        .isFalse();
  }

  @Test
  void aScopeKeyLeftEmptyInTheFileShowsNothingInsteadOfEverything() throws Exception {
    Path file = dir.resolve("users.properties");
    String entry = Users.entry("qm", Role.QUALITY_MANAGER, "password-1".toCharArray());
    Files.writeString(file, entry + "user.qm.projects=\n", StandardCharsets.UTF_8);
    assertThat(Users.load(file, region -> List.of()).all().get(0).projects()).isEmpty();
    Files.writeString(file, entry + "user.qm.region=\n", StandardCharsets.UTF_8);
    assertThat(Users.load(file, region -> List.of("P01")).all().get(0).projects()).isEmpty();
  }

  private static ProjectRef project(String id, String office) {
    return new ProjectRef(
        id, "项目" + id, "杭州", "high_rise", 100, 100, LocalDate.of(2024, 1, 1), office);
  }
}
