package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducible grades: the reference files behind a grade are versioned by the warehouse build, and
 * a build as of a past moment reads the versions in force then, so last month's grade survives a
 * later edit of {@code staff_assessment.csv} or {@code prohibited_behaviours.csv}.
 */
class ReferenceHistoryTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** When the August grades were made: the files had been as shipped since 2026-09-01. */
  private static final AsOf GRADED = AsOf.parse("2026-09-30").inZone(SHANGHAI);

  @TempDir Path lake;
  private Path reference;

  /**
   * The shipped models that staff_scores_monthly needs (and every source): a build in seconds on a
   * busy machine.
   */
  private static ModelCatalog staffScores;

  @BeforeAll
  static void staffScoresModels(@TempDir Path models) throws Exception {
    ModelCatalog shipped = ModelCatalog.shipped();
    Map<String, Model> byName = new LinkedHashMap<>();
    shipped.models().forEach(m -> byName.put(m.name(), m));
    Set<String> needed = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of("staff_scores_monthly"));
    while (!todo.isEmpty()) {
      Model m = byName.get(todo.pop());
      if (!needed.add(m.name())) {
        continue;
      }
      String body = m.body() + m.header();
      byName.keySet().stream()
          .filter(
              o -> !needed.contains(o) && Pattern.compile("\\b" + o + "\\b").matcher(body).find())
          .forEach(todo::push);
    }
    for (Model m : shipped.models()) {
      if (m.layer().equals(Model.SOURCES) || needed.contains(m.name())) {
        Files.createDirectories(models.resolve(m.layer()));
        Files.writeString(
            models.resolve(m.layer()).resolve(m.name() + ".sql"), m.sql(), StandardCharsets.UTF_8);
      }
    }
    for (Model m : shipped.macros()) {
      Files.createDirectories(models.resolve(ModelCatalog.MACROS));
      Files.writeString(
          models.resolve(ModelCatalog.MACROS).resolve(m.name() + ".sql"),
          m.sql(),
          StandardCharsets.UTF_8);
    }
    staffScores = ModelCatalog.fromDirectory(models);
  }

  // S023: five perfect callbacks in August 2026 (score 100.0, grade A with the shipped thresholds).
  @BeforeEach
  void lakeWithFilesUnchangedSinceSeptember() throws Exception {
    List<String> facts = new ArrayList<>();
    List<String> surveys = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      facts.add(
          LakeFixture.row(
              "complaint_facts",
              Map.of(
                  "complaint_id",
                  "'K" + i + "'",
                  "cycle",
                  "1",
                  "project_id",
                  "'P01'",
                  "handler_staff_id",
                  "'S023'",
                  "cycle_started_at",
                  "timestamp '2026-08-01 09:00:00'",
                  "ended_at",
                  "timestamp '2026-08-01 18:00:00'",
                  "dt",
                  "date '2026-08-01'")));
      surveys.add(
          "('K"
              + i
              + "-CB', 1, timestamp '2026-08-15 10:00:00', 'COMPLAINT_CALLBACK', 'PHONE', 'P01',"
              + " null, null, null, null, 'S001', 'K"
              + i
              + "', 5, 5, 5, 5, null, 5, null, null, null, null, 0, 0, date '2026-08-15')");
    }
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts))
        .table("callback_surveys", String.join(",", surveys));
    reference = lake.resolve("reference");
    Files.writeString(
        reference.resolve("staff.csv"),
        Files.readString(reference.resolve("staff.csv")) + "S023,员工S023,technician,维修一组,华东服务中心\n",
        StandardCharsets.UTF_8);
    for (String f : ReferenceHistory.VERSIONED) {
      if (Files.exists(reference.resolve(f))) {
        Files.setLastModifiedTime(
            reference.resolve(f), FileTime.from(Instant.parse("2026-09-01T00:00:00Z")));
      }
    }
  }

  @Test
  void aLaterProhibitedBehaviourDoesNotChangeThePastGrade() throws Exception {
    assertThat(grade(GRADED)).isEqualTo("100.0 A score");
    Files.writeString(
        reference.resolve("prohibited_behaviours.csv"),
        """
        occurred_on,staff_id,behaviour,evidence_id,confirmed
        2026-08-20,S023,arguing_with_customer,REC-0815,true
        """,
        StandardCharsets.UTF_8);
    assertThat(grade(AsOf.NOW)).isEqualTo("100.0 C prohibited_behaviour");
    assertThat(grade(GRADED)).isEqualTo("100.0 A score");
    // As of a moment after the edit, the edited file is the one in force.
    assertThat(grade(AsOf.through(LocalDateTime.now(SHANGHAI).plusMinutes(1)).inZone(SHANGHAI)))
        .isEqualTo("100.0 C prohibited_behaviour");
  }

  @Test
  void aLaterThresholdChangeDoesNotChangeThePastGradeAndEachVersionIsKeptWithTimeAndAuthor()
      throws Exception {
    new ReferenceHistory(reference, Clock.systemUTC())
        .record(System.getProperty("user.name")); // as a build before the edit would
    Path settings = reference.resolve("staff_assessment.csv");
    Files.writeString(
        settings,
        Files.readString(settings).replace("grade_a_min,90,", "grade_a_min,101,"),
        StandardCharsets.UTF_8);
    assertThat(grade(AsOf.NOW)).isEqualTo("100.0 B score");
    assertThat(grade(GRADED)).isEqualTo("100.0 A score");

    List<ReferenceHistory.Version> versions =
        new ReferenceHistory(reference, Clock.systemUTC()).versions("staff_assessment.csv");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).from()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
    assertThat(versions.get(0).copy().getFileName().toString())
        .isEqualTo("20260901T000000Z-" + System.getProperty("user.name") + ".csv");
    assertThat(Files.readString(versions.get(1).copy())).contains("grade_a_min,101,");
    assertThat(versions.get(1).from()).isAfter(Instant.parse("2026-09-01T00:00:00Z"));
  }

  @Test
  void anUnchangedFileIsKeptOnceAndAFileWithoutVersionsIsReadAsItIs() {
    ReferenceHistory history = new ReferenceHistory(reference, Clock.systemUTC());
    assertThat(history.record("alice"))
        .extracting(ReferenceHistory.Version::file)
        .contains("staff_assessment.csv", "prohibited_behaviours.csv");
    assertThat(history.record("bob")).isEmpty();
    assertThat(history.inForce("projects.csv", Instant.EPOCH))
        .isEqualTo(reference.resolve("projects.csv"));
    // Before the first kept version, the oldest content known stands in.
    assertThat(history.inForce("staff_assessment.csv", Instant.EPOCH).getFileName().toString())
        .isEqualTo("20260901T000000Z-alice.csv");
  }

  @Test
  void keepingAVersionDoesNotMakeTheWarehouseFileStaleButAnEditDoes(@TempDir Path out)
      throws Exception {
    WarehouseFile file =
        new WarehouseFile(out.resolve("warehouse.duckdb"), lake, staffScores, ProjectScope.ALL);
    file.refresh(); // the first build keeps the first versions
    assertThat(Files.isDirectory(reference.resolve(ReferenceHistory.HISTORY_DIR))).isTrue();
    assertThat(file.isCurrent()).isTrue();
    Files.writeString(
        reference.resolve("prohibited_behaviours.csv"),
        "occurred_on,staff_id,behaviour,evidence_id,confirmed\n"
            + "2026-08-20,S023,arguing_with_customer,REC-0815,true\n",
        StandardCharsets.UTF_8);
    assertThat(file.isCurrent()).isFalse();
  }

  private String grade(AsOf asOf) {
    try (Warehouse warehouse = Warehouse.build(lake, null, staffScores, asOf)) {
      List<Map<String, Object>> rows =
          warehouse.query(
              "select score, grade, grade_reason from staff_scores_monthly where staff_id = 'S023'"
                  + " and month = '2026-08'");
      assertThat(rows).hasSize(1);
      Map<String, Object> r = rows.get(0);
      return ((Number) r.get("score")).doubleValue()
          + " "
          + r.get("grade")
          + " "
          + r.get("grade_reason");
    }
  }
}
