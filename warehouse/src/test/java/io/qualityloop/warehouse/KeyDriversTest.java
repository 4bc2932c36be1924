package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-driver analysis on surveys built so the answer is known by hand. 2026Q3: 60 answers;
 * speed, completeness, professionalism and attitude drawn 1-5 at random (seeded), result 1-3, and
 * the overall score equal to the result. The regression then fits exactly: result 1, every other
 * dimension 0, R^2 1, intervals of zero width. Mean importance 0.2: only result is at or above it;
 * result's performance ((1..3) - 1) * 25 is at most 50, below the others' (about 50 each, mean of
 * the five below theirs) -> result is "fix first". 2026Q2: 49 answers, one under the minimum of 50
 * (10 per dimension): no analysis. 2026Q1, for the intervals: the 32 combinations of speed,
 * completeness, professionalism and attitude at 2 or 4 and result at 3 or 5, twice (64 answers).
 * Centred, each column is +-1 and the columns are orthogonal, so each coefficient is sum(x_j *
 * overall) / 64 and its variance s^2 / 64. Overall = 3 + (result - 4) in the first copy, 3 in the
 * second: result's coefficient (32 + 0) / 64 = 0.5, every other 0; residuals +-0.5 on all 64, SSE
 * 16, df 64 - 6 = 58, s^2 = 16 / 58 = 0.27586, SE = sqrt(0.27586 / 64) = 0.065653, t(0.975, 58) =
 * 2.001717, half width 0.131419: result 0.369-0.631, the others -0.131-0.131. SST = 32 (first copy
 * +-1, second 0), R^2 = 1 - 16 / 32 = 0.5. Mean importance 0.1: result is important but performs
 * best (mean 4 against 3) -> "keep up"; the others -> "low priority"; nothing to fix first.
 */
class KeyDriversTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  @BeforeAll
  static void buildOnFixture() throws Exception {
    Random random = new Random(20261123);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int result = 1 + random.nextInt(3);
      rows.add(
          survey(
              "Q3-" + i,
              "2026-08-01",
              (2 + random.nextInt(4))
                  + ", "
                  + (2 + random.nextInt(4))
                  + ", "
                  + (2 + random.nextInt(4))
                  + ", "
                  + (2 + random.nextInt(4))
                  + ", "
                  + result
                  + ", "
                  + result));
    }
    for (int i = 0; i < 49; i++) {
      rows.add(
          survey(
              "Q2-" + i,
              "2026-05-01",
              (1 + random.nextInt(5))
                  + ", "
                  + (1 + random.nextInt(5))
                  + ", "
                  + (1 + random.nextInt(5))
                  + ", "
                  + (1 + random.nextInt(5))
                  + ", "
                  + (1 + random.nextInt(5))
                  + ", "
                  + (1 + random.nextInt(5))));
    }
    for (int copy = 0; copy < 2; copy++) {
      for (int bits = 0; bits < 32; bits++) {
        int[] d = new int[5];
        for (int j = 0; j < 4; j++) {
          d[j] = (bits >> j & 1) == 1 ? 4 : 2;
        }
        d[4] = (bits >> 4 & 1) == 1 ? 5 : 3;
        int overall = copy == 0 ? 3 + (d[4] - 4) : 3;
        rows.add(
            survey(
                "Q1-" + copy + "-" + bits,
                "2026-02-01",
                d[0] + ", " + d[1] + ", " + d[2] + ", " + d[3] + ", " + d[4] + ", " + overall));
      }
    }
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("callback_surveys", String.join(",", rows));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theDimensionMovingTheOverallScoreIsFoundWithItsIntervalAndIsFixFirstWhenBelowTheRest() {
    KeyDrivers.Analysis a = KeyDrivers.of(warehouse, "2026Q3");
    assertThat(a.sufficient()).isTrue();
    assertThat(a.answers()).isEqualTo(60);
    assertThat(a.minimum()).isEqualTo(50);
    assertThat(a.rSquared()).isEqualTo(1.0);
    KeyDrivers.Driver top = a.drivers().get(0);
    assertThat(top.dimension()).isEqualTo("result");
    assertThat(top.importance()).isEqualTo(1.0);
    assertThat(top.low()).isEqualTo(1.0);
    assertThat(top.high()).isEqualTo(1.0);
    assertThat(top.quadrant()).isEqualTo(KeyDrivers.Quadrant.FIX_FIRST);
    assertThat(top.performance()).isLessThanOrEqualTo(50.0);
    for (KeyDrivers.Driver d : a.drivers().subList(1, 5)) {
      assertThat(d.importance()).as(d.dimension()).isCloseTo(0.0, within(0.001));
      assertThat(d.quadrant())
          .as(d.dimension())
          .isIn(KeyDrivers.Quadrant.LOW_PRIORITY, KeyDrivers.Quadrant.POSSIBLE_OVERKILL);
    }
    assertThat(a.fixFirst()).isEqualTo(top);
  }

  @Test
  void underTheMinimumSampleThereIsNoAnalysis() {
    KeyDrivers.Analysis a = KeyDrivers.of(warehouse, "2026Q2");
    assertThat(a.answers()).isEqualTo(49);
    assertThat(a.sufficient()).isFalse();
    assertThat(a.fixFirst()).isNull();
    assertThat(KeyDrivers.of(warehouse, "2025Q1").answers()).isZero();
  }

  @Test
  void theIntervalsAreTheOnesWorkedOutByHandOnAnOrthogonalDesign() {
    KeyDrivers.Analysis a = KeyDrivers.of(warehouse, "2026Q1");
    assertThat(a.answers()).isEqualTo(64);
    assertThat(a.rSquared()).isEqualTo(0.5);
    KeyDrivers.Driver result = a.drivers().get(0);
    assertThat(result.dimension()).isEqualTo("result");
    assertThat(result.importance()).isEqualTo(0.5);
    assertThat(result.low()).isEqualTo(0.369);
    assertThat(result.high()).isEqualTo(0.631);
    assertThat(result.quadrant()).isEqualTo(KeyDrivers.Quadrant.KEEP_UP);
    for (KeyDrivers.Driver d : a.drivers().subList(1, 5)) {
      assertThat(d.importance()).as(d.dimension()).isCloseTo(0.0, within(0.0005));
      assertThat(d.low()).as(d.dimension()).isEqualTo(-0.131);
      assertThat(d.high()).as(d.dimension()).isEqualTo(0.131);
      assertThat(d.quadrant()).as(d.dimension()).isEqualTo(KeyDrivers.Quadrant.LOW_PRIORITY);
    }
    assertThat(a.fixFirst()).isNull();
  }

  private static String survey(String id, String day, String scores) {
    return "('"
        + id
        + "', 1, timestamp '"
        + day
        + " 10:00:00', 'REPAIR_CALLBACK', 'PHONE', 'P01', null, null, null, null, 'S001', null, "
        + scores
        + ", null, null, null, 'ANSWERED', 0, 0, date '"
        + day
        + "')";
  }
}
