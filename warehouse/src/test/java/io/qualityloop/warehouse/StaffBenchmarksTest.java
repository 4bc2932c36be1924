package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.StaffRef;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staff against their team, 2026Q3, worked by hand (points = (overall - 1) * 25): 客服一组: S001 5
 * answers of 5 (100), S002 5 of 3 (50), S003 2 of 4 (75): team (500 + 250 + 150) / 12 = 75.0 S001
 * 100.0, +25.0, rank 100; S002 50.0, -25.0, rank 0; S003 75.0, 0.0, under 5 answers: small_sample,
 * no rank 维修一组: S004 5 answers of 4 (75), alone: team 75.0, 0.0, rank 100
 */
class StaffBenchmarksTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> facts = new ArrayList<>();
    List<String> surveys = new ArrayList<>();
    credited(facts, surveys, "S001", 5, 5);
    credited(facts, surveys, "S002", 3, 5);
    credited(facts, surveys, "S003", 4, 2);
    credited(facts, surveys, "S004", 4, 5);
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("complaint_facts", String.join(",", facts))
        .table("callback_surveys", String.join(",", surveys));
    ReferenceData.writeStaff(
        lake.resolve("reference").resolve(ReferenceData.STAFF_FILE),
        List.of(
            new StaffRef("S001", "王芳", "agent", "客服一组", "华东服务中心"),
                new StaffRef("S002", "李伟", "agent", "客服一组", "华东服务中心"),
            new StaffRef("S003", "张娜", "agent", "客服一组", "华东服务中心"),
                new StaffRef("S004", "刘敏", "technician", "维修一组", "华东服务中心")));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void eachStaffMemberAgainstTheTeamWithSmallSamplesNeverRanked() {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from staff_benchmarks_quarterly where quarter = '2026Q3' order by staff_id");
    assertThat(rows)
        .extracting(
            r ->
                r.get("staff_id")
                    + " "
                    + r.get("team")
                    + " "
                    + r.get("answers")
                    + " "
                    + r.get("satisfaction")
                    + " "
                    + r.get("team_satisfaction")
                    + " "
                    + r.get("difference")
                    + " "
                    + r.get("rank_in_team")
                    + " "
                    + r.get("sample_note"))
        .containsExactly(
            "S001 客服一组 5 100.0 75.0 25.0 100.0 ok",
            "S002 客服一组 5 50.0 75.0 -25.0 0.0 ok",
            "S003 客服一组 2 75.0 75.0 0.0 null small_sample",
            "S004 维修一组 5 75.0 75.0 0.0 100.0 ok");
  }

  private static int seq;

  private static void credited(
      List<String> facts, List<String> surveys, String staff, int overall, int n) {
    for (int i = 0; i < n; i++) {
      String complaint = "K" + (++seq);
      facts.add(
          LakeFixture.row(
              "complaint_facts",
              Map.of(
                  "complaint_id",
                  "'" + complaint + "'",
                  "cycle",
                  "1",
                  "project_id",
                  "'P01'",
                  "handler_staff_id",
                  "'" + staff + "'",
                  "cycle_started_at",
                  "timestamp '2026-08-01 09:00:00'",
                  "ended_at",
                  "timestamp '2026-08-01 18:00:00'",
                  "dt",
                  "date '2026-08-01'")));
      surveys.add(
          "('"
              + complaint
              + "-CB', 1, timestamp '2026-08-15 10:00:00', 'COMPLAINT_CALLBACK', 'PHONE', 'P01',"
              + " null, null, null, null, 'S001', '"
              + complaint
              + "', "
              + overall
              + ", "
              + overall
              + ", "
              + overall
              + ", "
              + overall
              + ", null, "
              + overall
              + ", null, null, null, 'ANSWERED', 0, 0, date '2026-08-15')");
    }
  }
}
