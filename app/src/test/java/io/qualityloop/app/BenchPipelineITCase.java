package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile of {@code qualityloop bench pipeline}: proves that every stage still runs and
 * writes its results (real broker, Flink, Parquet, DuckDB, drill-down server); asserts no timings.
 */
class BenchPipelineITCase {
  @TempDir Path workdir;

  @Test
  void theSmokeProfileMeasuresEveryStageAndWritesTheResultsTable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path results = workdir.resolve("results");
    int exit =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "--workdir",
            workdir.toString(),
            "bench",
            "pipeline",
            "--profile",
            "smoke",
            "--results",
            results.toString());
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();

    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(Files.newBufferedReader(results.resolve("smoke.csv")))
            .getRecords();
    List<String> measures =
        rows.stream()
            .map(
                r ->
                    r.get("stage").replaceAll(" \\(.*", "").replaceAll(", [\\d,]+ rows, ", " ")
                        + " / "
                        + r.get("measure"))
            .toList();
    assertThat(measures)
        .contains(
            "baseline: Kafka consumer + Parquet writer / events/s (1 thread)",
            "lake job / events/s per core (2 cores)"
                .replace(
                    "2 cores", Math.min(2, Runtime.getRuntime().availableProcessors()) + " cores"),
            "complaint lifecycle / SLA job / complaint events/s per core ("
                + Math.min(2, Runtime.getRuntime().availableProcessors())
                + " cores)",
            "freshness: produced -> queryable in DuckDB / p95",
            "DuckDB as streamed / warehouse build (all models and model tests)",
            "DuckDB compacted / compaction",
            "DuckDB compacted / report query kpis",
            "DuckDB compacted / drill-down complaint timeline (HTTP)",
            "DuckDB compacted / drill-down SLA board (HTTP)",
            "DuckDB compacted / whole quarterly report (build + render)");
    // Every quarterly-report query and every drill-down request, in both layouts.
    assertThat(measures.stream().filter(m -> m.contains("report query"))).hasSize(2 * 10);
    assertThat(measures.stream().filter(m -> m.contains("drill-down"))).hasSize(2 * 12);
    for (CSVRecord r : rows) {
      if (r.get("measure").startsWith("one-project")) {
        continue;
      }
      // A rate without the fixed cost is not measurable when the run with nothing to read took as
      // long as the run itself (the smoke profile's few events, on a fast machine): left empty,
      // never a number made up.
      if (r.get("measure").endsWith("without that fixed cost") && r.get("value").isEmpty()) {
        continue;
      }
      assertThat(r.get("value")).as(r.get("stage") + " / " + r.get("measure")).isNotEmpty();
      assertThat(Double.parseDouble(r.get("value")))
          .as(r.get("stage") + " / " + r.get("measure"))
          .isPositive();
    }
    // The lake job's rate has its baseline beside it, and each Flink stage its memory.
    CSVRecord lake =
        rows.stream()
            .filter(
                r ->
                    r.get("stage").startsWith("lake job")
                        && r.get("measure").startsWith("events/s per core ("))
            .findFirst()
            .orElseThrow();
    // ... and the fixed cost of a bounded run is measured and taken out.
    assertThat(measures)
        .contains(
            "lake job / fixed cost of a bounded run (the job with nothing to read)",
            "lake job / events/s per core without that fixed cost");
    assertThat(lake.get("ratio")).matches("\\d+\\.\\d\\d");
    assertThat(Long.parseLong(lake.get("peak_heap_mib"))).isPositive();
    // Every event the freshness producer sent was found in the lake.
    Matcher seen =
        Pattern.compile("([\\d,]+) of ([\\d,]+) seen")
            .matcher(
                rows.stream()
                    .filter(r -> r.get("stage").startsWith("freshness"))
                    .findFirst()
                    .orElseThrow()
                    .get("stage"));
    assertThat(seen.find()).isTrue();
    assertThat(seen.group(1)).isEqualTo(seen.group(2));
    // Compaction leaves one file per partition: never more files than the scaled lake had (as many
    // when DuckDB
    // happened to write each partition of a small lake in one file).
    Matcher streamed =
        Pattern.compile("as streamed \\(([\\d,]+) files")
            .matcher(String.join("\n", rows.stream().map(r -> r.get("stage")).toList()));
    Matcher compacted =
        Pattern.compile("compacted \\(([\\d,]+) files")
            .matcher(String.join("\n", rows.stream().map(r -> r.get("stage")).toList()));
    assertThat(streamed.find() && compacted.find()).isTrue();
    assertThat(Long.parseLong(compacted.group(1).replace(",", "")))
        .isPositive()
        .isLessThanOrEqualTo(Long.parseLong(streamed.group(1).replace(",", "")));
    // The Markdown table and where the time went.
    String md = Files.readString(results.resolve("smoke.md"));
    assertThat(md)
        .contains(
            "| stage | measure | value |",
            "cores",
            "## Where the time goes",
            "### lake job",
            "execution samples");
  }
}
