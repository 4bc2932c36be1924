package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDCA: each improvement action's measured effect against the quarter before it started. */
class ImprovementEffectsTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // Closed cycles called back: 2026Q1 6 of 10 (0.6), Q2 7 of 10 (0.7), Q3 9 of 10 (0.9); none
  // reopened.
  // A1: callback coverage +0.20, started 2026-04-10 (Q2), due 2026-09-30 (Q3).
  // A2: reopen rate -0.05, started 2026-04-01 (Q2), due 2026-06-30 (Q2).
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> facts = new ArrayList<>();
    facts.addAll(LakeFixture.closedCycles("2026-02-10", 10, 6));
    facts.addAll(LakeFixture.closedCycles("2026-05-10", 10, 7));
    facts.addAll(LakeFixture.closedCycles("2026-08-10", 10, 9));
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts));
    Files.writeString(
        lake.resolve("reference/improvement_actions.csv"),
        """
        action_id,title_zh,title_en,measure,owner,started_on,due_on,expected_change
        A1,回访专项整改,Callback drive,callback_coverage,客服部,2026-04-10,2026-09-30,0.2
        A2,降低重开率,Fewer reopens,reopen_rate,工程部,2026-04-01,2026-06-30,-0.05
        """,
        StandardCharsets.UTF_8);
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void anActionIsJudgedEachQuarterAgainstTheQuarterBeforeItStarted() {
    // A1: baseline 2026Q1 0.6. Q2: 0.7 - 0.6 = +0.1 < 0.2, not yet due -> in_progress; Q3: 0.9 -
    // 0.6 = +0.3 >= 0.2 -> achieved.
    assertThat(effects("A1"))
        .containsExactly(
            "2026Q2 2026Q1 0.6 0.7 0.1 in_progress", "2026Q3 2026Q1 0.6 0.9 0.3 achieved");
    // A2: reopen rate 0 throughout: effect 0 does not reach -0.05; in progress in its due quarter,
    // missed after it.
    assertThat(effects("A2"))
        .containsExactly(
            "2026Q2 2026Q1 0.0 0.0 0.0 in_progress", "2026Q3 2026Q1 0.0 0.0 0.0 missed");
  }

  private static List<String> effects(String action) {
    return warehouse
        .query(
            "select * from improvement_effects_quarterly where action_id = ? order by quarter",
            action)
        .stream()
        .map(
            r ->
                r.get("quarter")
                    + " "
                    + r.get("baseline_quarter")
                    + " "
                    + num(r.get("baseline_value"))
                    + " "
                    + num(r.get("value"))
                    + " "
                    + num(r.get("effect"))
                    + " "
                    + r.get("status"))
        .toList();
  }

  private static String num(Object v) {
    return String.valueOf(((Number) v).doubleValue());
  }
}
