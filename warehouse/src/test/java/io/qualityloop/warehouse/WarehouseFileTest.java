package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

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
    // Nothing of the build is left beside the file.
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly("warehouse.duckdb", "warehouse.duckdb.lock");
    }

    // A changed reference file is an input too: built whole.
    Path projects = lake.resolve("reference/projects.csv");
    Files.writeString(projects, Files.readString(projects) + "\n");
    assertThat(file.refresh()).isTrue();
    assertThat(file.builds()).isEqualTo(3);
    assertThat(file.refreshes()).isEqualTo(1);
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

  private static String survey(String id, String day, int overall) {
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
            "'P01'",
            "staff_id",
            "'S001'",
            "score_overall",
            String.valueOf(overall),
            "dt",
            "date '" + day + "'"));
  }
}
