package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** t quantiles from commons-math3 at the confidence of confidence_z (issue 22, item 5). */
class StudentTTest {
  /** The printed two-sided 95% table that reference/t_critical_95.csv held before. */
  private static final String PRINTED_95 =
      "1,12.706 2,4.303 3,3.182 4,2.776 5,2.571 6,2.447 7,2.365 8,2.306 9,2.262 10,2.228 11,2.201"
          + " 12,2.179 13,2.16 14,2.145 15,2.131 16,2.12 17,2.11 18,2.101 19,2.093 20,2.086 21,2.08"
          + " 22,2.074 23,2.069 24,2.064 25,2.06 26,2.056 27,2.052 28,2.048 29,2.045 30,2.042"
          + " 40,2.021 50,2.009 60,2.0 80,1.99 100,1.984 120,1.98 200,1.972 500,1.965 1000,1.962"
          + " 100000,1.96";

  @Test
  void atTheShippedConfidenceZTheWarehouseHasThePrintedTable(@TempDir Path dir) throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100)));
    Map<Integer, Double> printed = new LinkedHashMap<>();
    for (String row : PRINTED_95.split(" ")) {
      printed.put(Integer.valueOf(row.split(",")[0]), Double.valueOf(row.split(",")[1]));
    }

    try (Warehouse w = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      Map<Integer, Double> built = new LinkedHashMap<>();
      w.query("select df, t from ref_t_critical_95 order by df")
          .forEach(r -> built.put((Integer) r.get("df"), (Double) r.get("t")));
      assertThat(built).containsExactlyEntriesOf(printed);
    }

    // A company that reports at 99% (confidence_z 2.576) gets 99% t multipliers with it.
    Path settings = lake.resolve("reference/metric_settings.csv");
    Files.writeString(
        settings, Files.readString(settings).replace("confidence_z,1.96,", "confidence_z,2.576,"));
    try (Warehouse w = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      assertThat(w.query("select t from ref_t_critical_95 where df = 10"))
          .containsExactly(Map.of("t", 3.169));
    }
  }
}
