package io.qualityloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.validation.ValidationRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door reads the company's reference files again when they change while the job runs: a project
 * or a building component added is known within the look interval, an unreadable edit leaves the
 * reference as it was.
 */
class DoorReferenceTest {
  private static final Path SAMPLE = Path.of("..", "examples", "imports", "reference");
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path reference;

  private void touch(Path file, int secondsLater) throws Exception {
    // an edit in the same second as the first write still gets a time of its own
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-12-04T08:00:00Z").plusSeconds(secondsLater)));
  }

  @Test
  void aProjectAndAComponentAddedWhileTheJobRunsAreKnownAfterTheNextLookAndABadEditIsIgnored()
      throws Exception {
    Path projects = Files.copy(SAMPLE.resolve("projects.csv"), reference.resolve("projects.csv"));
    Files.copy(SAMPLE.resolve("staff.csv"), reference.resolve("staff.csv"));
    Path components =
        Files.writeString(
            reference.resolve("building_components.csv"),
            "component_id,name_zh,name_en,typical_root_causes\n"
                + "waterproofing,防水渗漏,Waterproofing and leaks,workmanship\n",
            StandardCharsets.UTF_8);
    touch(projects, 0);
    touch(components, 0);
    DoorReference door = watching(reference);
    long t0 = 100 * SECOND;
    // staff changed after the job read its reference, before its first record
    Files.writeString(
        reference.resolve("staff.csv"),
        "S999,新同事,agent,客服一组,华东服务中心\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    ValidationRules first = door.validator(t0).rules();
    assertThat(first.knownProjects()).containsExactlyInAnyOrder("P01", "P02");
    assertThat(first.knownStaff()).as("changed before the first record").contains("S999");
    assertThat(first.knownCodes().components()).containsExactly("waterproofing");

    Files.writeString(
        projects,
        "P03,临江府,杭州,high_rise,900,850,2025-06-30,华东服务中心\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Files.writeString(
        components,
        "solar_panel,光伏板,Solar panels,materials\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    touch(projects, 1);
    touch(components, 1);

    assertThat(door.validator(t0 + SECOND).rules().knownProjects())
        .as("not looked at again before the interval")
        .doesNotContain("P03");
    ValidationRules second = door.validator(t0 + DoorReference.LOOK_EVERY.toNanos()).rules();
    assertThat(second.knownProjects()).containsExactlyInAnyOrder("P01", "P02", "P03");
    assertThat(second.knownCodes().components())
        .containsExactlyInAnyOrder("waterproofing", "solar_panel");
    assertThat(second.maxPayloadBytes())
        .as("the configured limits kept")
        .isEqualTo(ValidationRules.defaults().maxPayloadBytes());

    Files.writeString(
        projects, "P04,半截行,杭州,high_rise,many\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    touch(projects, 2);

    assertThat(door.validator(t0 + 2 * DoorReference.LOOK_EVERY.toNanos()).rules().knownProjects())
        .as("an edit that cannot be read leaves the reference as it was")
        .containsExactlyInAnyOrder("P01", "P02", "P03");
  }

  /** The door as the job ships it to its tasks: serialized and read back. */
  private static DoorReference watching(Path folder) throws Exception {
    String before = DoorReference.stamp(folder);
    return InstantiationUtil.clone(
        DoorReference.watching(
            EventStream.COMPLAINT_EVENTS,
            DoorReference.read(ValidationRules.defaults(), folder),
            folder,
            before));
  }

  @Test
  void aFileBeingReplacedOrAFolderThisTaskCannotSeeLeavesTheChecksOn() throws Exception {
    Path projects = Files.copy(SAMPLE.resolve("projects.csv"), reference.resolve("projects.csv"));
    Files.copy(SAMPLE.resolve("staff.csv"), reference.resolve("staff.csv"));
    DoorReference door = watching(reference);
    long t0 = 100 * SECOND;
    assertThat(door.validator(t0).rules().knownProjects()).containsExactlyInAnyOrder("P01", "P02");

    Files.delete(projects); // an editor saving by delete and rename, half-way
    assertThat(door.validator(t0 + DoorReference.LOOK_EVERY.toNanos()).rules().knownProjects())
        .as("not 'no project checked'")
        .containsExactlyInAnyOrder("P01", "P02");

    Files.writeString(
        projects,
        Files.readString(SAMPLE.resolve("projects.csv"), StandardCharsets.UTF_8)
            + "P03,临江府,杭州,high_rise,900,850,2025-06-30,华东服务中心\n",
        StandardCharsets.UTF_8);
    assertThat(door.validator(t0 + 2 * DoorReference.LOOK_EVERY.toNanos()).rules().knownProjects())
        .as("read again once the file is back")
        .containsExactlyInAnyOrder("P01", "P02", "P03");

    DoorReference elsewhere =
        InstantiationUtil.clone(
            DoorReference.watching(
                EventStream.COMPLAINT_EVENTS,
                DoorReference.read(ValidationRules.defaults(), reference),
                reference.resolve("not-on-this-host"),
                DoorReference.stamp(reference)));
    assertThat(elsewhere.validator(t0).rules().knownProjects())
        .as("a task manager that cannot see the folder keeps the reference the job was built with")
        .containsExactlyInAnyOrder("P01", "P02", "P03");
  }

  @Test
  void fixedRulesAreNeverReadAgain() throws Exception {
    ValidationRules rules = ValidationRules.defaults().withReference(Set.of("P01"), Set.of());
    DoorReference door = DoorReference.fixed(EventStream.SERVICE_INTERACTIONS, rules);

    assertThat(door.validator(0).rules()).isSameAs(rules);
    assertThat(door.validator(60 * SECOND).rules()).isSameAs(rules);
  }
}
