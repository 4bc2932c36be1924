package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Response rate = answered / sent, from survey attempts that record how they came out. */
class SurveyResponseRateTest {
  @TempDir static Path lake;
  private static Warehouse warehouse;

  // 2026Q3. P01 repair callbacks: 8 answered (overall 4), 1 no answer, 1 refused.
  //   P02 annual revisits: 1 answered (overall 5, an older record without a response field), 1
  // unreachable.
  @BeforeAll
  static void buildOnFixture() throws Exception {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(attempt("A" + i, "P01", "REPAIR_CALLBACK", "'ANSWERED'", "4"));
    }
    rows.add(attempt("N1", "P01", "REPAIR_CALLBACK", "'NO_ANSWER'", "null"));
    rows.add(attempt("R1", "P01", "REPAIR_CALLBACK", "'REFUSED'", "null"));
    rows.add(attempt("Y1", "P02", "ANNUAL_REVISIT", "null", "5"));
    rows.add(attempt("U1", "P02", "ANNUAL_REVISIT", "'UNREACHABLE'", "null"));
    new LakeFixture(lake)
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table("callback_surveys", String.join(",", rows));
    warehouse = Warehouse.build(lake, null, ModelCatalog.shipped());
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void theResponseRateIsAnsweredOverSentWithAWilsonInterval() {
    // 8 / 10 = 0.8. Wilson, z = 1.96, z^2 = 3.8416: centre (0.8 + 3.8416 / 20) / (1 + 3.8416 / 10)
    // = 0.99208 / 1.38416 = 0.71674;
    //   half-width 1.96 * sqrt(0.8 * 0.2 / 10 + 3.8416 / 400) / 1.38416 = 1.96 * 0.160012 / 1.38416
    // = 0.22658 -> [0.4902, 0.9433].
    assertThat(rate("project_id = 'P01'"))
        .isEqualTo("REPAIR_CALLBACK 10 8 1 1 0 0.8 0.4902 0.9433");
    // A record without a response field was answered: 1 / 2.
    assertThat(rate("project_id = 'P02'")).startsWith("ANNUAL_REVISIT 2 1 0 0 1 0.5 ");
    assertThat(rate("scope = 'company' and survey_type = 'REPAIR_CALLBACK'"))
        .isEqualTo("REPAIR_CALLBACK 10 8 1 1 0 0.8 0.4902 0.9433");
  }

  @Test
  void attemptsWithoutAnAnswerDoNotCountInSatisfaction() {
    Map<String, Object> r =
        warehouse
            .query(
                "select responses, satisfaction_index from satisfaction_quarterly where quarter ="
                    + " '2026Q3' and project_id = 'P01'")
            .get(0);
    assertThat(r.get("responses")).isEqualTo(8L);
    assertThat(((Number) r.get("satisfaction_index")).doubleValue()).isEqualTo(75.0);
  }

  private static String rate(String where) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select * from survey_response_rate_quarterly where quarter = '2026Q3' and " + where);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.get(0);
    return r.get("survey_type")
        + " "
        + r.get("sent")
        + " "
        + r.get("answered")
        + " "
        + r.get("no_answer")
        + " "
        + r.get("refused")
        + " "
        + r.get("unreachable")
        + " "
        + num(r.get("response_rate"))
        + " "
        + num(r.get("response_rate_low"))
        + " "
        + num(r.get("response_rate_high"));
  }

  private static String num(Object v) {
    return String.valueOf(((Number) v).doubleValue());
  }

  private static String attempt(
      String id, String project, String type, String response, String overall) {
    return LakeFixture.row(
        "callback_surveys",
        Map.of(
            "event_id",
            "'" + id + "'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '2026-08-03 10:00:00'",
            "survey_type",
            "'" + type + "'",
            "channel",
            "'PHONE'",
            "project_id",
            "'" + project + "'",
            "staff_id",
            "'S001'",
            "score_overall",
            overall,
            "response",
            response,
            "dt",
            "date '2026-08-03'"));
  }
}
