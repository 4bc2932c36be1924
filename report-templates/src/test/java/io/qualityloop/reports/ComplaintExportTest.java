package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complaint-level export, CSV and xlsx. */
class ComplaintExportTest {
  @TempDir static Path dir;
  private static Warehouse warehouse;

  // K1 (2026Q3, building "=1+1"): received 08-03 09:00, accepted 10:00, resolved 08-04, closed
  // 08-05;
  //   accept_24h MET, callback_1wd MISSED; two callbacks, overall 4 and 5 -> 4.5. K2 was received
  // in Q2.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    Path lake = dir.resolve("lake");
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "complaint_events",
            String.join(
                ",",
                event("K1", 1, "RECEIVED", "2026-08-03 09:00:00"),
                event("K1", 2, "ACCEPTED", "2026-08-03 10:00:00"),
                event("K1", 3, "RESOLVED", "2026-08-04 15:00:00"),
                event("K1", 4, "CLOSED", "2026-08-05 09:00:00"),
                event("K2", 1, "RECEIVED", "2026-05-03 09:00:00")))
        .table(
            "complaint_sla",
            String.join(
                ",", clock("K1", "accept_24h", "MET"), clock("K1", "callback_1wd", "MISSED")))
        .table("callback_surveys", String.join(",", callback("CB1", 4), callback("CB2", 5)));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void csvHasEveryMilestoneSlaResultAndScoreWithFormulasNeutralised() throws Exception {
    Path csv = dir.resolve("complaints.csv");
    assertThat(
            new ComplaintExport(ReportTemplates.shipped(), warehouse)
                .write(Quarter.parse("2026Q3"), null, csv))
        .isEqualTo(1);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0))
        .startsWith("\ufeffcomplaint_id,project_id,project_name,building,")
        .contains(
            "received_at,accepted_at,site_surveyed_at",
            "closed_at,reopens,sla_missed,sla_outcomes,callbacks,callback_overall");
    assertThat(lines.get(1))
        .startsWith("K1,P01,项目P01,'=1+1,")
        .contains(
            "2026-08-03 09:00:00,2026-08-03 10:00:00,,,,2026-08-04 15:00:00,,,2026-08-05"
                + " 09:00:00,0,1,accept_24h=MET; callback_1wd=MISSED,2,4.5");
    assertThat(lines).hasSize(2);
  }

  @Test
  void xlsxOpensWithTypedCells() throws Exception {
    Path xlsx = dir.resolve("complaints.xlsx");
    new ComplaintExport(ReportTemplates.shipped(), warehouse)
        .write(Quarter.parse("2026Q3"), List.of("P01"), xlsx);
    try (InputStream in = Files.newInputStream(xlsx);
        ReadableWorkbook wb = new ReadableWorkbook(in)) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows).hasSize(2);
      List<String> header = rows.get(0).stream().map(c -> c.getRawValue()).toList();
      Map<String, Integer> at = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        at.put(header.get(i), i);
      }
      Row k1 = rows.get(1);
      assertThat(k1.getCellAsString(at.get("complaint_id"))).hasValue("K1");
      assertThat(k1.getCellAsString(at.get("building"))).hasValue("'=1+1");
      assertThat(k1.getCellAsNumber(at.get("callback_overall")).orElseThrow())
          .isEqualByComparingTo("4.5");
      assertThat(k1.getCellAsDate(at.get("received_at")).orElseThrow())
          .isEqualTo("2026-08-03T09:00");
    }
    assertThat(
            new ComplaintExport(ReportTemplates.shipped(), warehouse)
                .rows(Quarter.parse("2026Q3"), List.of("P02")))
        .isEmpty();
  }

  private static String event(String complaint, int n, String type, String at) {
    return LakeFixture.row(
        "complaint_events",
        Map.of(
            "event_id",
            "'" + complaint + "-" + n + "'",
            "occurred_at",
            "timestamp '" + at + "'",
            "complaint_id",
            "'" + complaint + "'",
            "event_type",
            "'" + type + "'",
            "project_id",
            "'P01'",
            "building",
            "'=1+1'",
            "category",
            "'product'",
            "dt",
            "date '" + at.substring(0, 10) + "'"));
  }

  private static String clock(String complaint, String rule, String outcome) {
    return LakeFixture.row(
        "complaint_sla",
        Map.of(
            "outcome_id",
            "'" + complaint + "/1/" + rule + "'",
            "complaint_id",
            "'" + complaint + "'",
            "cycle",
            "1",
            "rule_id",
            "'" + rule + "'",
            "project_id",
            "'P01'",
            "outcome",
            "'" + outcome + "'",
            "started_at",
            "timestamp '2026-08-03 09:00:00'",
            "dt",
            "date '2026-08-03'"));
  }

  private static String callback(String id, int overall) {
    return LakeFixture.row(
        "callback_surveys",
        Map.of(
            "event_id",
            "'" + id + "'",
            "occurred_at",
            "timestamp '2026-08-06 10:00:00'",
            "survey_type",
            "'COMPLAINT_CALLBACK'",
            "project_id",
            "'P01'",
            "complaint_id",
            "'K1'",
            "score_overall",
            String.valueOf(overall),
            "dt",
            "date '2026-08-06'"));
  }
}
