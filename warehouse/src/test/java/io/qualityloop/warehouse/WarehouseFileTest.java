package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseFileTest {
  private static final String SURVEYS = "select count(*) as n from stg_callback_surveys";
  private static final String INDEX =
      "select satisfaction_index from satisfaction_quarterly where scope = 'company' and quarter ="
          + " '2026Q3'";

  @Test
  void theFileIsRebuiltWhenALakeFileIsAddedAndNotOtherwise(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5));
    WarehouseFile file =
        new WarehouseFile(
            dir.resolve("out/warehouse.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    assertThat(file.isCurrent()).isFalse();

    String first;
    try (Warehouse w = file.open()) {
      assertThat(w.count("stg_callback_surveys")).isEqualTo(1);
      assertThat(w.modelTestsRun()).isPositive();
      first = w.fingerprint();
    }
    assertThat(file.builds()).isEqualTo(1);
    assertThat(file.builtFingerprint()).isEqualTo(first).isEqualTo(file.inputsFingerprint());

    // Nothing changed, or only what a reader must not read (the lake job's in-progress dot-file):
    // no rebuild.
    Files.writeString(
        lake.resolve("callback_surveys/dt=2026-07-05/.part-0-9.parquet.inprogress.x"),
        "half-written");
    try (Warehouse w = file.open()) {
      assertThat(w.count("stg_callback_surveys")).isEqualTo(1);
    }
    assertThat(file.builds()).isEqualTo(1);
    assertThat(file.refresh()).isFalse();

    // A committed lake file: refreshed in place (its rows appended), once.
    fixture.table("callback_surveys", survey("S2", "2026-08-05", 3));
    assertThat(file.isCurrent()).isFalse();
    try (Warehouse w = file.open()) {
      assertThat(w.count("stg_callback_surveys")).isEqualTo(2);
      assertThat(w.fingerprint()).isNotEqualTo(first);
      assertThat(w.query(INDEX).get(0).get("satisfaction_index"))
          .as("what reads the appended rows is computed again")
          .isNotNull();
      assertThat(w.query("select inputs from " + Warehouse.BUILD_TABLE).get(0).get("inputs"))
          .asString()
          .endsWith("; refreshed in place: 1 new lake files");
    }
    assertThat(file.builds()).isEqualTo(2);
    assertThat(file.refreshes()).isEqualTo(1);
    assertThat(file.refresh()).isFalse();
    // Nothing of the build is left beside the file (the file it replaced deleted on a thread of
    // its own, at once).
    assertThat(filesLeftIn(dir.resolve("out")))
        .containsExactly("warehouse.duckdb", "warehouse.duckdb.lock");

    // A changed reference file is an input too: built whole.
    Path projects = lake.resolve("reference/projects.csv");
    Files.writeString(projects, Files.readString(projects) + "\n");
    assertThat(file.refresh()).isTrue();
    assertThat(file.builds()).isEqualTo(3);
    assertThat(file.refreshes()).isEqualTo(1);
  }

  /**
   * The service's file: its writer stays open between refreshes, each refresh after the first made
   * in it and copied over the file; a file another process refreshed meanwhile opens the writer
   * again from the file (else the writer would miss that process's lake files).
   */
  @Test
  void aHeldWriterRefreshesInItselfReopensWhenAnotherProcessRefreshedAndLeavesNothingWhenClosed(
      @TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5));
    Path out = dir.resolve("out");
    WarehouseFile reader =
        new WarehouseFile(
            out.resolve("warehouse.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    Path writerFile = out.resolve("warehouse.duckdb.writer-" + ProcessHandle.current().pid());
    Path endedWriter = out.resolve("warehouse.duckdb.writer-999999999");
    try (WarehouseFile held = reader.holdingItsWriter()) {
      assertThat(held.refresh()).isTrue();
      assertThat(held.refreshes()).isZero();
      assertThat(writerFile).as("a full build holds no writer").doesNotExist();

      fixture.table("callback_surveys", survey("S2", "2026-08-05", 3));
      assertThat(held.refresh()).isTrue();
      assertThat(held.lastRefreshPhases()).containsKey("copy of the file (the writer opened)");
      assertThat(writerFile).exists();
      fixture.table("callback_surveys", survey("S3", "2026-09-05", 4));
      assertThat(held.refresh()).isTrue();
      assertThat(held.refreshes()).isEqualTo(2);
      assertThat(held.lastRefreshPhases())
          .as("refreshed in the writer it held")
          .doesNotContainKey("copy of the file (the writer opened)")
          .containsKey("move into place");
      try (Warehouse w = reader.open()) {
        assertThat(w.count("stg_callback_surveys")).isEqualTo(3);
        assertThat(w.query("select inputs from " + Warehouse.BUILD_TABLE).get(0).get("inputs"))
            .asString()
            .endsWith("; refreshed by the held writer: 1 new lake files");
      }
      assertThat(reader.builds()).as("the reader found the file current").isZero();

      // Another process refreshes the file (here an instance without a writer), then the held one
      // refreshes after a further file: its writer is opened again from the file.
      fixture.table("callback_surveys", survey("S4", "2026-09-06", 2));
      assertThat(reader.refresh()).isTrue();
      Files.writeString(endedWriter, "a writer of a process that ended");
      fixture.table("callback_surveys", survey("S5", "2026-09-07", 5));
      assertThat(held.refresh()).isTrue();
      assertThat(held.lastRefreshPhases()).containsKey("copy of the file (the writer opened)");
      assertThat(endedWriter).as("deleted by the next writer").doesNotExist();
      Path whole = dir.resolve("whole.duckdb");
      try (Warehouse w = reader.open();
          Warehouse built =
              new WarehouseFile(whole, lake, ModelCatalog.shipped(), ProjectScope.ALL).open()) {
        assertThat(w.count("stg_callback_surveys")).isEqualTo(5);
        assertThat(w.query(INDEX)).isEqualTo(built.query(INDEX));
      }
    }
    assertThat(filesLeftIn(out))
        .as("the writer's file deleted when closed")
        .containsExactly("warehouse.duckdb", "warehouse.duckdb.lock");
  }

  /** As the drill-down of the service reads it: each refresh of the held writer is read next. */
  @Test
  void aServedWarehouseReadsEachRefreshOfTheHeldWriter(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5));
    try (WarehouseFile held =
            new WarehouseFile(
                    dir.resolve("out/warehouse.duckdb"),
                    lake,
                    ModelCatalog.shipped(),
                    ProjectScope.ALL)
                .holdingItsWriter();
        Warehouse served = held.open()) {
      assertThat(held.refresh(served)).as("nothing new").isFalse();
      for (int n = 2; n <= 4; n++) {
        fixture.table("callback_surveys", survey("S" + n, "2026-08-0" + n, 3));
        assertThat(held.refresh(served)).isTrue();
        assertThat(served.count("stg_callback_surveys")).isEqualTo(n);
      }
      assertThat(held.refreshes()).isEqualTo(3);
    }
  }

  /**
   * Only a lake that has gained files is refreshed in place: a file gone (compacted, purged) or
   * rewritten means rows may have left, and the file is built whole.
   */
  @Test
  void aLakeFileRemovedOrRewrittenBuildsTheFileWhole(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5));
    fixture.table("callback_surveys", survey("S2", "2026-08-05", 3));
    WarehouseFile file =
        new WarehouseFile(
            dir.resolve("out/warehouse.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    file.refresh();
    List<Path> files = LakeFiles.of(lake.resolve("callback_surveys"));
    assertThat(files).hasSize(2);

    Files.delete(files.get(1));
    assertThat(file.refresh()).isTrue();
    try (Warehouse w = file.open()) {
      assertThat(w.count("stg_callback_surveys")).isEqualTo(1);
      assertThat(w.query("select inputs from " + Warehouse.BUILD_TABLE).get(0).get("inputs"))
          .asString()
          .endsWith("; built whole");
    }
    assertThat(file.builds()).isEqualTo(2);
    assertThat(file.refreshes()).isZero();

    Files.setLastModifiedTime(
        files.get(0), FileTime.fromMillis(Files.getLastModifiedTime(files.get(0)).toMillis() + 1));
    assertThat(file.refresh()).isTrue();
    assertThat(file.builds()).isEqualTo(3);
    assertThat(file.refreshes()).isZero();
  }

  @Test
  void aReaderHoldingTheOldFileKeepsReadingItWhileARebuildReplacesIt(@TempDir Path dir)
      throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table(
        "callback_surveys", survey("S1", "2026-07-05", 5) + "," + survey("S2", "2026-08-05", 3));
    WarehouseFile file =
        new WarehouseFile(
            dir.resolve("warehouse.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    try (Warehouse old = file.open()) {
      // A reader querying all along, while another rebuilds the file after a new lake file.
      AtomicBoolean stop = new AtomicBoolean();
      List<String> inconsistent = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  long n = ((Number) old.query(SURVEYS).get(0).get("n")).longValue();
                  Object index = old.query(INDEX).get(0).get("satisfaction_index");
                  if (n != 2 || !Double.valueOf(75.0).equals(index)) {
                    inconsistent.add(n + " rows, index " + index);
                  }
                }
              });
      reader.start();
      fixture.table("callback_surveys", survey("S3", "2026-09-05", 1));
      try (Warehouse fresh = file.open()) {
        assertThat(file.builds()).isEqualTo(2);
        assertThat(fresh.query(SURVEYS).get(0)).containsEntry("n", 3L);
        assertThat(fresh.query(INDEX).get(0).get("satisfaction_index")).isEqualTo(50.0);
      }
      stop.set(true);
      reader.join();
      assertThat(inconsistent).isEmpty();
      // The old reader still reads the old file, consistently, until it switches.
      assertThat(old.query(SURVEYS).get(0)).containsEntry("n", 2L);
      assertThat(file.refresh(old)).isTrue();
      assertThat(old.query(SURVEYS).get(0)).containsEntry("n", 3L);
      assertThat(old.query(INDEX).get(0).get("satisfaction_index")).isEqualTo(50.0);
      assertThat(file.refresh(old)).isFalse();
    }
  }

  @Test
  void twoBuildsAtOnceBuildOnceTheOtherWaitsAndReadsIt(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("callback_surveys", survey("S1", "2026-07-05", 5));
    Path path = dir.resolve("warehouse.duckdb");
    // Two commands: each its own WarehouseFile, as two processes would have.
    List<WarehouseFile> files =
        List.of(
            new WarehouseFile(path, lake, ModelCatalog.shipped(), ProjectScope.ALL),
            new WarehouseFile(path, lake, ModelCatalog.shipped(), ProjectScope.ALL));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> counts = new ArrayList<>();
      for (WarehouseFile f : files) {
        counts.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Warehouse w = f.open()) {
                    return w.count("stg_callback_surveys");
                  }
                }));
      }
      start.countDown();
      for (Future<Long> c : counts) {
        assertThat(c.get()).isEqualTo(1L);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(files.get(0).builds() + files.get(1).builds()).isEqualTo(1);
  }

  @Test
  void aScopeHasItsOwnFile(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table("callback_surveys", survey("S1", "2026-07-05", 5));
    Path company = dir.resolve("warehouse.duckdb");
    ProjectScope p02 = ProjectScope.projects(List.of("P02"));
    assertThat(WarehouseFile.forScope(company, p02)).isEqualTo(dir.resolve("warehouse-P02.duckdb"));
    try (Warehouse w =
        new WarehouseFile(WarehouseFile.forScope(company, p02), lake, ModelCatalog.shipped(), p02)
            .open()) {
      assertThat(w.scope()).isEqualTo(p02);
      assertThat(w.scopeProjects()).containsExactly("P02");
      assertThat(w.count("stg_callback_surveys")).isZero();
    }
  }

  /**
   * {@code lake_positions} appends: the new files' rows and the new rows of the staging models it
   * reads (quarantine, duplicates), none of their old rows a second time.
   */
  @Test
  void aRefreshAppendsTheNewPositionsOfTablesAndQuarantineOnce(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5));
    fixture.table("quarantine", quarantined("Q1", 7));
    WarehouseFile file =
        new WarehouseFile(
            dir.resolve("out/warehouse.duckdb"), lake, ModelCatalog.shipped(), ProjectScope.ALL);
    file.refresh();

    fixture.table("quarantine", quarantined("Q2", 8));
    fixture.table("callback_surveys", survey("S2", "2026-08-05", 3));
    assertThat(file.refresh()).isTrue();
    assertThat(file.refreshes()).isEqualTo(1);
    try (Warehouse w = file.open()) {
      assertThat(
              w.query(
                  "select destination, count(*) as n from lake_positions group by all order by"
                      + " all"))
          .extracting(r -> r.get("destination") + " " + r.get("n"))
          .containsExactly("quarantine 2", "table 2");
    }

    fixture.table("callback_surveys", survey("S3", "2026-09-05", 4));
    assertThat(file.refresh()).isTrue();
    assertThat(file.refreshes()).isEqualTo(2);
    try (Warehouse w = file.open()) {
      assertThat(w.count("lake_positions")).as("the quarantine's rows not again").isEqualTo(5);
    }
  }

  /**
   * The names of the files in {@code folder} once the replaced files' second names are gone (a
   * thread deletes them after each move; 10 s at most).
   */
  private static List<String> filesLeftIn(Path folder) throws Exception {
    long until = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<String> names;
      try (var files = Files.list(folder)) {
        names = files.map(f -> f.getFileName().toString()).sorted().toList();
      }
      if (names.stream().noneMatch(n -> n.contains(".retired-")) || System.nanoTime() > until) {
        return names;
      }
      Thread.sleep(20);
    }
  }

  private static String quarantined(String id, long offset) {
    return LakeFixture.row(
        "quarantine",
        Map.of(
            "quarantine_id",
            "'" + id + "'",
            "stream",
            "'CALLBACK_SURVEYS'",
            "src_topic",
            "'ql.callback-surveys.v1'",
            "src_partition",
            "0",
            "src_offset",
            String.valueOf(offset),
            "reason_code",
            "'SCHEMA'",
            "message",
            "'not a survey'",
            "received_at",
            "timestamp '2026-07-05 10:00:00'",
            "dt",
            "date '2026-07-05'"));
  }

  /** A lake of projects P01 and P02 with one survey, of P01. */
  private static LakeFixture twoProjectsOneSurvey(Path dir) throws Exception {
    LakeFixture fixture =
        new LakeFixture(dir.resolve("lake"))
            .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 80)));
    fixture.table("callback_surveys", survey("S1", "2026-07-05", 5, "P01"));
    return fixture;
  }

  /** The warehouse file of that lake with {@link #withKeyedModels}, built. */
  private static WarehouseFile builtWithKeyedModels(Path dir, String flagsSql) throws Exception {
    WarehouseFile file =
        new WarehouseFile(
            dir.resolve("out/warehouse.duckdb"),
            dir.resolve("lake"),
            withKeyedModels(dir, flagsSql),
            ProjectScope.ALL);
    file.refresh();
    return file;
  }

  /**
   * The shipped models and two more: {@code survey_projects}, computed whole (the projects with a
   * survey), and {@code project_survey_flags}, computed for the changed projects from it.
   */
  private static ModelCatalog withKeyedModels(Path dir, String flagsSql) throws Exception {
    Path models = dir.resolve("models");
    try (Stream<Path> paths = Files.walk(Path.of("models"))) {
      for (Path p : paths.toList()) {
        Path target = models.resolve(Path.of("models").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.writeString(
        models.resolve("marts/survey_projects.sql"),
        "-- Depends: stg_callback_surveys\n-- Grain: one row per project with a survey.\n"
            + "-- Test: unique(project_id)\n"
            + "select distinct project_id from stg_callback_surveys\n");
    Files.writeString(
        models.resolve("marts/project_survey_flags.sql"),
        "-- Refresh: by project_id\n-- Depends: survey_projects\n-- Grain: one row per project.\n"
            + "-- Test: unique(project_id)\n"
            + flagsSql);
    return ModelCatalog.fromDirectory(models);
  }

  /**
   * A model computed whole whose rows did not change changes nothing after it; when they changed, a
   * model after it declaring {@code Refresh: by project_id} is computed for the changed projects.
   */
  @Test
  void aModelComputedWholeToTheSameRowsLeavesTheModelsAfterItAsTheyAre(@TempDir Path dir)
      throws Exception {
    LakeFixture fixture = twoProjectsOneSurvey(dir);
    WarehouseFile file =
        builtWithKeyedModels(
            dir, "select project_id, 'has surveys' as flag from survey_projects\n");

    // Another survey of P01: the projects with a survey are the same.
    fixture.table("callback_surveys", survey("S2", "2026-08-05", 3, "P01"));
    assertThat(file.refresh()).isTrue();
    assertThat(file.refreshes()).isEqualTo(1);
    assertThat(file.lastRefreshPhases())
        .containsKey("  survey_projects")
        .doesNotContainKey("  project_survey_flags");

    // A first survey of P02: computed for P02.
    fixture.table("callback_surveys", survey("S3", "2026-08-06", 4, "P02"));
    assertThat(file.refresh()).isTrue();
    assertThat(file.refreshes()).isEqualTo(2);
    assertThat(file.lastRefreshPhases()).containsKey("  project_survey_flags");
    try (Warehouse w = file.open()) {
      assertThat(w.query("select project_id, flag from project_survey_flags order by 1"))
          .extracting(r -> r.get("project_id") + " " + r.get("flag"))
          .containsExactly("P01 has surveys", "P02 has surveys");
    }
  }

  /**
   * A model declaring {@code Refresh: by project_id} whose rows are not each of one project (here a
   * company row) gives, computed for the changed projects, rows of other keys: the refresh fails
   * and the file is built whole, the build record saying why.
   */
  @Test
  void aWrongRefreshKeyBuildsTheFileWhole(@TempDir Path dir) throws Exception {
    LakeFixture fixture = twoProjectsOneSurvey(dir);
    WarehouseFile file =
        builtWithKeyedModels(
            dir,
            "select 'ALL' as project_id, count(*) || ' projects' as flag from survey_projects\n");

    fixture.table("callback_surveys", survey("S2", "2026-08-06", 4, "P02"));
    assertThat(file.refresh()).isTrue();
    assertThat(file.refreshes()).isZero();
    try (Warehouse w = file.open()) {
      assertThat(w.query("select flag from project_survey_flags"))
          .extracting(r -> r.get("flag"))
          .containsExactly("2 projects");
      assertThat(w.query("select inputs from " + Warehouse.BUILD_TABLE).get(0).get("inputs"))
          .asString()
          .contains("built whole: the refresh in place failed:")
          .contains("Refresh: by project_id gave rows of other project_id values");
    }
  }

  /**
   * A model computed for the changed keys is checked for copies of a key among its new rows (its
   * old rows with those keys were deleted first): two rows of the changed project fail its {@code
   * unique(project_id)}, in the refresh and in the whole build after it.
   */
  @Test
  void twoNewRowsOfAChangedKeyFailTheModelsUniqueTest(@TempDir Path dir) throws Exception {
    LakeFixture fixture = twoProjectsOneSurvey(dir);
    WarehouseFile file =
        builtWithKeyedModels(
            dir,
            "select project_id, 'has surveys' as flag from survey_projects union all select"
                + " project_id, 'again' from survey_projects where project_id = 'P02'\n");

    fixture.table("callback_surveys", survey("S2", "2026-08-06", 4, "P02"));
    assertThatThrownBy(file::refresh)
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageContaining("project_survey_flags.sql: unique(project_id) fails for 1 row(s)");
  }

  private static String survey(String id, String day, int overall) {
    return survey(id, day, overall, "P01");
  }

  private static String survey(String id, String day, int overall, String project) {
    return LakeFixture.row(
        "callback_surveys",
        Map.of(
            "event_id",
            "'" + id + "'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '" + day + " 10:00:00'",
            "survey_type",
            "'REPAIR_CALLBACK'",
            "channel",
            "'PHONE'",
            "project_id",
            "'" + project + "'",
            "staff_id",
            "'S001'",
            "score_overall",
            String.valueOf(overall),
            "dt",
            "date '" + day + "'"));
  }
}
