package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseBuildTest {

  @Test
  void everyModelHasAHeaderSayingItsGrainAndSources() {
    for (Model model : ModelCatalog.shipped().models()) {
      assertThat(model.header()).as(model.layer() + "/" + model.name()).containsIgnoringCase("grain");
    }
    for (Model metric : ModelCatalog.shipped().layer("metrics")) {
      assertThat(metric.header()).as(metric.name()).contains("Sources:").contains("Definition");
    }
  }

  @Test
  void anEmptyLakeBuildsWithEmptyTablesAndHiddenFilesAreNeverRead(@TempDir Path lake) throws Exception {
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("callback_surveys", "('S1', 1, timestamp '2026-07-05 10:00:00', 'REPAIR_CALLBACK', 'PHONE', 'P01', null, null, null, null, 'S001', null, null, null, null, null, null, 5, null, null, null, 0, 0, date '2026-07-05')");
    // What the lake job leaves while a file is being written, and a hidden file that ends in .parquet.
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

  @Test
  void aBrokenModelFailsTheBuildNamingItsFile(@TempDir Path dir) throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("metrics"));
    Files.writeString(models.resolve("metrics/broken.sql"), "-- Grain: none\nselect no_such_column from no_such_table\n");

    assertThatThrownBy(() -> Warehouse.build(dir, null, ModelCatalog.fromDirectory(models)))
        .isInstanceOf(WarehouseBuildException.class)
        .hasMessageStartingWith("models/metrics/broken.sql: ")
        .hasMessageContaining("no_such_table");
  }

  @Test
  void modelsAreBuiltAfterTheModelsTheyName() {
    List<Model> ordered = Warehouse.dependencyOrder(List.of(
        new Model("metrics", "m", "select * from b"),
        new Model("marts", "b", "select * from a -- not c"),
        new Model("staging", "a", "select 1"),
        new Model("staging", "c", "select 2")));

    assertThat(ordered).extracting(Model::name).containsExactly("a", "b", "m", "c");
  }
}
