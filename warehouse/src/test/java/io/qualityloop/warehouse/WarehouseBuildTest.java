package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarehouseBuildTest {

  @Test
  void everyModelHasAHeaderSayingItsGrainAndSources() {
    for (Model model : ModelCatalog.shipped().models()) {
      assertThat(model.header())
          .as(model.layer() + "/" + model.name())
          .containsIgnoringCase("grain");
    }
    for (Model metric : ModelCatalog.shipped().layer("metrics")) {
      assertThat(metric.header()).as(metric.name()).contains("Sources:").contains("Definition");
    }
  }

  @Test
  void anEmptyLakeBuildsWithEmptyTablesAndHiddenFilesAreNeverRead(@TempDir Path lake)
      throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "callback_surveys",
            "('S1', 1, timestamp '2026-07-05 10:00:00', 'REPAIR_CALLBACK', 'PHONE', 'P01', null,"
                + " null, null, null, 'S001', null, null, null, null, null, null, 5, null, null,"
                + " null, null, 0, 0, date '2026-07-05')");
    // What the lake job leaves while a file is being written, and a hidden file that ends in
    // .parquet.
    Path partition = lake.resolve("callback_surveys/dt=2026-07-05");
    Files.writeString(partition.resolve(".part-0-1.parquet.inprogress.abc"), "half-written");
    Files.writeString(partition.resolve(".part-0-2.parquet"), "not parquet yet");

    try (Warehouse warehouse = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      assertThat(warehouse.count("stg_callback_surveys")).isEqualTo(1);
      assertThat(warehouse.count("stg_complaint_events")).isZero();
      assertThat(warehouse.count("stg_quarantine")).isZero();
      assertThat(warehouse.count("complaints_by_category_quarterly")).isZero();
    }
  }

  /**
   * A company's edit of a reference file that DuckDB cannot read stops the build with one line
   * naming the file and the line to correct, not DuckDB's thirty lines (its sniffing error names no
   * line at all).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a name opened with a quote and never closed|P02,\"新项目,杭州,high_rise,100,100"
            + "|line 3: not valid CSV: Missing closing quote",
        "a quote never closed on a row of the right width|P02,\"新项目,杭州,high_rise,100,100{rest}"
            + "|line 3: not valid CSV: Missing closing quote",
        "a number written with a thousands separator|P02,新项目,杭州,high_rise,\"1,420\",100{rest}"
            + "|line 3: Error when converting column \"households\"",
        "a comma without quotes in a name|P02,新项目,二期,杭州,high_rise,100,100{rest}"
            + "|line 3: a cell past the header's last column: a cell holding a comma without"
            + " quotes around it?"
      })
  void aReferenceFileDuckDbCannotReadStopsTheBuildNamingItsLineInOneLine(
      String edit, String row, String expected, @TempDir Path lake) throws Exception {
    new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    Path projects = lake.resolve("reference/projects.csv");
    List<String> lines = Files.readAllLines(projects);
    String header = lines.get(0);
    String p01 = lines.get(1);
    // {rest}: the fixture's columns after those the row fills (delivery date, service office)
    String rest = p01.substring(nthComma(p01, 6));
    Files.writeString(projects, header + "\n" + p01 + "\n" + row.replace("{rest}", rest) + "\n");

    assertThatThrownBy(() -> Warehouse.build(lake, null, ModelCatalog.shipped()).close())
        .as(edit)
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageStartingWith(projects + " " + expected)
        .hasMessageContaining("(a reference file")
        .hasMessageNotContaining("sniffing")
        .hasMessageNotContaining("\n");
  }

  /** The index of the {@code n}-th comma of {@code line} (1-based). */
  private static int nthComma(String line, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = line.indexOf(',', at + 1);
    }
    return at;
  }

  @Test
  void theWarehouseIsASnapshotOfTheLakeAsTheBuildReadIt(@TempDir Path lake) throws Exception {
    LakeFixture fixture = new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    fixture.table(
        "callback_surveys", survey("S1", "2026-07-05", 5) + "," + survey("S2", "2026-08-05", 3));
    String index =
        "select satisfaction_index from satisfaction_quarterly where scope = 'company' and quarter"
            + " = '2026Q3'";
    try (Warehouse before = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      assertThat(
              before
                  .query(
                      "select table_type from information_schema.tables where table_name ="
                          + " 'kpi_quarterly'")
                  .get(0))
          .containsEntry("table_type", "BASE TABLE");
      // 2 answers: (100 + 50) / 2 = 75.0. A third lands after the build: this warehouse keeps 75.0,
      // the next build sees 50.0.
      fixture.table("callback_surveys", survey("S3", "2026-09-05", 1));
      assertThat(before.query(index).get(0).get("satisfaction_index")).isEqualTo(75.0);
      try (Warehouse after = Warehouse.build(lake, null, ModelCatalog.shipped())) {
        assertThat(after.query(index).get(0).get("satisfaction_index")).isEqualTo(50.0);
      }
    }
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

  @Test
  void aBrokenModelFailsTheBuildNamingItsFile(@TempDir Path dir) throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("metrics"));
    Files.writeString(
        models.resolve("metrics/broken.sql"),
        "-- Grain: none\n-- Depends: none\nselect no_such_column from no_such_table\n");

    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageStartingWith("models/metrics/broken.sql: ")
        .hasMessageContaining("no_such_table");
  }

  @Test
  void modelsAreBuiltAfterTheModelsTheirDependsLineNames() {
    List<Model> ordered =
        Warehouse.dependencyOrder(
            List.of(
                new Model("metrics", "m", "-- Depends: b\nselect * from b"),
                new Model("marts", "b", "-- Grain: x\n-- Depends: a\nselect * from a -- not c"),
                new Model("staging", "a", "-- Depends: none\nselect 1"),
                new Model("staging", "c", "-- depends:\nselect 2")));

    assertThat(ordered).extracting(Model::name).containsExactly("a", "b", "m", "c");
  }

  @Test
  void aModelWithoutADependsLineOrNamingAnUnknownModelOrACycleFailsNamingTheModel() {
    assertThatThrownBy(
            () ->
                Warehouse.dependencyOrder(
                    List.of(
                        new Model("staging", "a", "-- Depends: none\nselect 1"),
                        new Model("marts", "b", "-- Grain: x\nselect * from a"),
                        new Model("metrics", "m", "-- Grain: x\nselect 2"))))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessage(
            "models/marts/b.sql has no '-- Depends:' line in its header naming the models it reads"
                + " (its SQL names a: add '-- Depends: a')\n"
                + "models/metrics/m.sql has no '-- Depends:' line in its header naming the models"
                + " it reads (its SQL names no model: add '-- Depends: none')");

    assertThatThrownBy(
            () ->
                Warehouse.dependencyOrder(
                    List.of(
                        new Model("marts", "b", "-- Depends: a, stg_nothing\nselect * from a"),
                        new Model("staging", "a", "-- Depends: none\nselect 1"))))
        .hasMessage(
            "models/marts/b.sql depends on stg_nothing, which is not a model"
                + " (models/{staging,marts,metrics}/stg_nothing.sql)");

    assertThatThrownBy(
            () ->
                Warehouse.dependencyOrder(
                    List.of(
                        new Model("staging", "a", "-- Depends: none\nselect 1"),
                        new Model("marts", "b", "-- Depends: a, c\nselect * from a, c"),
                        new Model("marts", "c", "-- Depends: b\nselect * from b"))))
        .hasMessage("models depend on each other in a cycle (their Depends: lines): b -> c -> b");

    assertThatThrownBy(() -> new Model("marts", "b", "-- Depends: a; c\nselect 1").dependsOn())
        .hasMessageContaining("models/marts/b.sql: 'a;' on its Depends: line is not a model name");
  }

  @Test
  void aModelThatReadsAModelItDoesNotNameOrNamesOneItDoesNotReadFailsTheBuild(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("staging"));
    Files.createDirectories(models.resolve("marts"));
    Files.writeString(
        models.resolve("staging/a.sql"), "-- Grain: x\n-- Depends: none\nselect 1 as id\n");
    Files.writeString(
        models.resolve("staging/c.sql"), "-- Grain: x\n-- Depends: none\nselect 2 as id\n");
    // b reads a (declared) and, inside a subquery, c (not declared); a CTE named like nothing is no
    // model.
    Files.writeString(
        models.resolve("marts/b.sql"),
        String.join(
            "\n",
            "-- Grain: x",
            "-- Depends: a",
            "with a_ids as (select id from a)",
            "select id from a_ids where id not in (select id from c)"));
    // DuckDB would build b (c happens to come first); the check fails the build before any model.
    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessage("models/marts/b.sql reads c but its Depends: line does not name it");

    Files.writeString(
        models.resolve("marts/b.sql"), "-- Grain: x\n-- Depends: a, c\nselect id from a\n");
    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .hasMessage("models/marts/b.sql names c on its Depends: line but does not read it");

    Files.writeString(
        models.resolve("marts/b.sql"),
        "-- Grain: x\n-- Depends: a, c\nselect id from a union all select id from c\n");
    try (Warehouse warehouse = Warehouse.build(dir, null, ModelCatalog.fromDirectory(models))) {
      assertThat(warehouse.count("b")).isEqualTo(2);
    }
  }

  @Test
  void everyShippedModelNamesTheModelsItReads() {
    for (Model model : ModelCatalog.shipped().models()) {
      if (!model.layer().equals(Model.SOURCES)) {
        assertThat(model.dependsOn()).as(model.path()).isPresent();
      }
    }
  }

  @Test
  void failingModelTestsFailTheBuildNamingEachModelTestAndSomeRows(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("staging"));
    Files.writeString(
        models.resolve("staging/r.sql"),
        "-- Grain: one code\n-- Depends: none\nselect 'a' as code\n");
    Files.writeString(
        models.resolve("staging/t.sql"),
        String.join(
            "\n",
            "-- Grain: one row per id (it is not: the tests say so)",
            "-- Depends: none",
            "-- Test: unique(id)",
            "-- Test: not_null(id, code)",
            "-- Test: accepted_values(code: a, b)",
            "-- Test: relationship(code -> r.code)",
            "-- Test: same_rows(r)",
            "-- Test: check(id > 0)",
            "select * from (values (1, 'a'), (1, 'b'), (null, 'z')) v(id, code)"));

    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageContaining(
            "models/staging/t.sql: unique(id) fails for 1 row(s), e.g. [{id=1, copies=2}]")
        .hasMessageContaining(
            "models/staging/t.sql: not_null(id, code) fails for 1 row(s), e.g. [{id=null, code=z}]")
        .hasMessageContaining(
            "models/staging/t.sql: accepted_values(code: a, b) fails for 1 row(s), e.g. [{id=null,"
                + " code=z}]")
        .hasMessageContaining(
            "models/staging/t.sql: relationship(code -> r.code) fails for 2 row(s)")
        .hasMessageContaining(
            "models/staging/t.sql: same_rows(r) fails for 1 row(s), e.g. [{model_rows=3,"
                + " other_rows=1}]")
        .hasMessageContaining(
            "models/staging/t.sql: check(id > 0) fails for 1 row(s), e.g. [{id=null, code=z}]");
  }

  @Test
  void aModelTestThatCannotRunFailsTheBuildNamingIt(@TempDir Path dir) throws Exception {
    // The tests run as one query; when it cannot run, they run one by one to find the one that
    // cannot.
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("staging"));
    Files.writeString(
        models.resolve("staging/t.sql"),
        String.join(
            "\n",
            "-- Grain: one row per id",
            "-- Depends: none",
            "-- Test: unique(id)",
            "-- Test: check(no_such_column > 0)",
            "-- Test: not_null(id)",
            "select * from (values (1), (2)) v(id)"));

    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageStartingWith("models/staging/t.sql: test check(no_such_column > 0) cannot run:")
        .hasMessageContaining("no_such_column");
  }

  @Test
  void passingModelTestsAreCountedAndAnUnknownKindIsNamed(@TempDir Path dir) throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("staging"));
    Files.writeString(
        models.resolve("staging/t.sql"),
        "-- Grain: one row per id\n"
            + "-- Depends: none\n"
            + "-- Test: unique(id)\n"
            + "-- Test: check(id is null or id between 1 and 2)\n"
            + "select * from (values (1), (2), (null)) v(id)\n");
    try (Warehouse warehouse = Warehouse.build(dir, null, ModelCatalog.fromDirectory(models))) {
      assertThat(warehouse.modelTestsRun()).isEqualTo(2);
    }

    Files.writeString(
        models.resolve("staging/t.sql"),
        "-- Grain: x\n-- Depends: none\n-- Test: uniqe(id)\nselect 1 as id\n");
    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .hasMessage(
            "models/staging/t.sql: unknown test 'uniqe' (not_null, unique, accepted_values,"
                + " relationship, same_rows, check)");
  }

  @Test
  void theShippedModelsDeclareTestsOnEveryStagingAndMartModel() {
    for (Model model : ModelCatalog.shipped().models()) {
      if (model.layer().equals("staging") || model.layer().equals("marts")) {
        assertThat(ModelTest.declaredIn(model)).as(model.path()).isNotEmpty();
      }
    }
  }

  @Test
  void excludeDeclarationsTakeOffendingRowsOutBeforeAnyModelReadsThemAndRecordWhy(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("staging"));
    Files.createDirectories(models.resolve("marts"));
    Files.writeString(
        models.resolve("staging/r.sql"),
        "-- Grain: one code\n-- Depends: none\nselect 'a' as code\n");
    // id 1 twice (landed 1 and 2: the later is kept), id 2 with a code r does not have, id 3 fine.
    Files.writeString(
        models.resolve("staging/t.sql"),
        String.join(
            "\n",
            "-- Grain: one row per id",
            "-- Depends: r",
            "-- Exclude: unique(id) keep landed desc",
            "-- Exclude: relationship(code -> r.code)",
            "-- Test: unique(id)",
            "select * from (values (1, 'a', 1, 'P01'), (1, 'a', 2, 'P01'), (2, 'zz', 1, 'P02'), (3,"
                + " 'a', 1, null)) v(id, code, landed, project_id)"));
    Files.writeString(
        models.resolve("marts/m.sql"),
        "-- Grain: one row per id of t\n-- Depends: t\nselect id, landed from t\n");

    try (Warehouse warehouse = Warehouse.build(dir, null, ModelCatalog.fromDirectory(models))) {
      assertThat(warehouse.query("select id, landed from m order by id"))
          .containsExactly(Map.of("id", 1, "landed", 2), Map.of("id", 3, "landed", 1));
      assertThat(
              warehouse.query(
                  "select model, test, kind, row_key, value, project_id, reason from excluded_rows"
                      + " order by kind"))
          .containsExactly(
              row(
                  "models/staging/t.sql",
                  "relationship(code -> r.code)",
                  "relationship",
                  "2",
                  "zz",
                  "P02",
                  "code is not in r.code"),
              row(
                  "models/staging/t.sql",
                  "unique(id) keep landed desc",
                  "unique",
                  "1",
                  "1",
                  "P01",
                  "another row with the same id is kept (the first by landed desc)"));
      assertThat(warehouse.excludedRows()).isEqualTo(2);
      assertThat(warehouse.modelTestsRun()).isEqualTo(3);
    }

    Files.writeString(
        models.resolve("staging/t.sql"),
        "-- Grain: x\n-- Depends: r\n-- Exclude: same_rows(r)\nselect 1 as id\n");
    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .hasMessageContaining("Exclude: same_rows(r) is not row-level");
    Files.writeString(
        models.resolve("staging/t.sql"),
        "-- Grain: x\n-- Depends: none\n-- Exclude: unique(id)\nselect 1 as id\n");
    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .hasMessageContaining("must read unique(columns) keep <order>");
  }

  private static Map<String, Object> row(
      String model,
      String test,
      String kind,
      String key,
      String value,
      String project,
      String reason) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("model", model);
    row.put("test", test);
    row.put("kind", kind);
    row.put("row_key", key);
    row.put("value", value);
    row.put("project_id", project);
    row.put("reason", reason);
    return row;
  }
}
