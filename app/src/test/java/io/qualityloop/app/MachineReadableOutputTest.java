package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query}, {@code metrics} and {@code export} as a script reads them (issue 22, item 1):
 * {@code --format json} is one JSON document on stdout and messages go to stderr; {@code --format
 * csv} neutralises formula text and writes numbers, negative ones too, as numbers. Parsed with
 * Jackson and commons-csv, as a data engineer's tool would.
 */
class MachineReadableOutputTest {
  @TempDir static Path work;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two surveys and one accepted complaint in 2026Q3. */
  @BeforeAll
  static void writeTheLake() throws Exception {
    new LakeFixture(work.resolve("lake"))
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table(
            "callback_surveys",
            String.join(",", survey("S1", "2026-07-05", 5), survey("S2", "2026-08-05", 2)))
        .table(
            "complaint_events",
            String.join(
                ",",
                step("E1", "RECEIVED", "2026-07-01 09:00:00"),
                step("E2", "ACCEPTED", "2026-07-01 09:30:00")));
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

  private static String step(String id, String type, String at) {
    boolean accepted = type.equals("ACCEPTED");
    return LakeFixture.row(
        "complaint_events",
        Map.ofEntries(
            Map.entry("event_id", "'" + id + "'"),
            Map.entry("schema_version", "1"),
            Map.entry("occurred_at", "timestamp '" + at + "'"),
            Map.entry("complaint_id", "'C1'"),
            Map.entry("event_type", "'" + type + "'"),
            Map.entry("channel", "'PHONE'"),
            Map.entry("project_id", "'P01'"),
            Map.entry("staff_id", "'S001'"),
            Map.entry("category", accepted ? "'product'" : "null"),
            Map.entry("sub_category", accepted ? "'house_quality'" : "null"),
            Map.entry("root_cause", accepted ? "'workmanship'" : "null"),
            Map.entry("building_component", accepted ? "'walls_cracks'" : "null"),
            Map.entry("responsible_department", accepted ? "'engineering'" : "null"),
            Map.entry("dt", "date '2026-07-01'")));
  }

  /** Exit code, stdout, stderr. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--workdir";
    all[1] = work.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<CSVRecord> csv(String text) throws Exception {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(text))
        .getRecords();
  }

  @Test
  void queryCsvNeutralisesFormulaTextButWritesNegativeNumbersAsNumbers() throws Exception {
    Run r =
        run(
            "query",
            "select '=HYPERLINK(1)' as cell, '-1+2' as dash_text, -0.0086 as change, -3 as n",
            "--format",
            "csv");

    assertThat(r.code()).as(r.err()).isZero();
    CSVRecord row = csv(r.out()).get(0);
    assertThat(row.get("cell")).isEqualTo("'=HYPERLINK(1)");
    assertThat(row.get("dash_text")).isEqualTo("'-1+2");
    assertThat(Double.parseDouble(row.get("change"))).isEqualTo(-0.0086);
    assertThat(row.get("n")).isEqualTo("-3");
  }

  @Test
  void queryJsonIsOneDocumentWithNumbersAsNumbers() throws Exception {
    Run r =
        run(
            "query",
            "select count(*) as surveys, -0.5 as change from fct_surveys",
            "--format",
            "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode rows = JSON.readTree(r.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows.get(0).get("surveys").asLong()).isEqualTo(2);
    assertThat(rows.get(0).get("change").isNumber()).isTrue();
  }

  @Test
  void metricsJsonIsOneDocumentAndTheHeadingGoesToStderr() throws Exception {
    Run r = run("metrics", "--period", "2026Q3", "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("Metrics for 2026Q3, company");
    assertThat(r.out()).doesNotContain("==", "Metrics for");
    JsonNode doc = JSON.readTree(r.out()); // fails on a second document or a stray line
    assertThat(doc.get("quarter").asText()).isEqualTo("2026Q3");
    JsonNode satisfaction = doc.get("metrics").get("satisfaction_quarterly");
    assertThat(satisfaction.isArray()).isTrue();
    assertThat(satisfaction.get(0).get("quarter").asText()).isEqualTo("2026Q3");
  }

  @Test
  void metricsCsvIsOneTableWithAMetricColumn() throws Exception {
    Run r = run("metrics", "--period", "2026Q3", "--format", "csv");

    assertThat(r.code()).as(r.err()).isZero();
    List<CSVRecord> rows = csv(r.out());
    assertThat(rows).isNotEmpty();
    assertThat(rows).extracting(row -> row.get("metric")).contains("satisfaction_quarterly");
    assertThat(rows).allSatisfy(row -> assertThat(row.get("quarter")).isEqualTo("2026Q3"));
  }

  @Test
  void exportWritesTheSameCsvAndJsonAndSaysSoOnStderr() throws Exception {
    Run csvRun =
        run(
            "export",
            "complaints",
            "--quarter",
            "2026Q3",
            "--format",
            "csv",
            "--output",
            work.resolve("c.csv").toString());
    Run jsonRun =
        run(
            "export",
            "complaints",
            "--quarter",
            "2026Q3",
            "--format",
            "json",
            "--output",
            work.resolve("c.json").toString());

    assertThat(csvRun.code()).as(csvRun.err()).isZero();
    assertThat(jsonRun.code()).as(jsonRun.err()).isZero();
    assertThat(csvRun.out()).isEmpty();
    assertThat(jsonRun.err()).contains("Exported 1 complaints of 2026Q3");
    List<CSVRecord> csvRows =
        csv(Files.readString(work.resolve("c.csv")).substring(1)); // after the byte-order mark
    JsonNode jsonRows = JSON.readTree(work.resolve("c.json").toFile());
    assertThat(csvRows).hasSize(1);
    assertThat(jsonRows.size()).isEqualTo(1);
    assertThat(jsonRows.get(0).get("complaint_id").asText())
        .isEqualTo(csvRows.get(0).get("complaint_id"))
        .isEqualTo("C1");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Run r = run("query", "select 1", "--format", "yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--format", "yaml");
  }
}
