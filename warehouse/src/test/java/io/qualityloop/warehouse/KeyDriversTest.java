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
 * The key-driver analysis on surveys built so the answer is known by hand.
 * 2026Q3: 60 answers; speed, completeness, professionalism and attitude drawn 1-5 at random
 * (seeded), result 1-3, and the overall score equal to the result. The regression then fits
 * exactly: result 1, every other dimension 0, R^2 1, intervals of zero width. Mean importance
 * 0.2: only result is at or above it; result's performance ((1..3) - 1) * 25 is at most 50, below
 * the others' (about 50 each, mean of the five below theirs) -> result is "fix first".
 * 2026Q2: 49 answers, one under the minimum of 50 (10 per dimension): no analysis.
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
      rows.add(survey("Q3-" + i, "2026-08-01", (2 + random.nextInt(4)) + ", " + (2 + random.nextInt(4)) + ", " + (2 + random.nextInt(4))
          + ", " + (2 + random.nextInt(4)) + ", " + result + ", " + result));
    }
    for (int i = 0; i < 49; i++) {
      rows.add(survey("Q2-" + i, "2026-05-01", (1 + random.nextInt(5)) + ", " + (1 + random.nextInt(5)) + ", " + (1 + random.nextInt(5))
          + ", " + (1 + random.nextInt(5)) + ", " + (1 + random.nextInt(5)) + ", " + (1 + random.nextInt(5))));
    }
    new LakeFixture(lake).reference(List.of(LakeFixture.project("P01", 100))).table("callback_surveys", String.join(",", rows));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theDimensionThatMovesTheOverallScoreIsFoundWithItsIntervalAndIsFixFirstWhenItPerformsBelowTheRest() {
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
      assertThat(d.quadrant()).as(d.dimension()).isIn(KeyDrivers.Quadrant.LOW_PRIORITY, KeyDrivers.Quadrant.POSSIBLE_OVERKILL);
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

  private static String survey(String id, String day, String scores) {
    return "('" + id + "', 1, timestamp '" + day + " 10:00:00', 'REPAIR_CALLBACK', 'PHONE', 'P01', null, null, null, null, 'S001', null, "
        + scores + ", null, null, null, 'ANSWERED', 0, 0, date '" + day + "')";
  }
}
