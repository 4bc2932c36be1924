package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse file for other tools (issue 22, item 3): {@code qualityloop warehouse build} writes
 * a file that a DuckDB 1.x client (duckdb_jdbc 1.5.6, the engine of the duckdb CLI and the Node
 * package of the same version; alone on the class path of a JVM of its own) opens read-only and
 * reads a metric from, and a {@code lake.sql} whose views count each lake row once, also while a
 * half-written file of the lake job lies in the partition.
 */
class WarehouseFileForOtherToolsTest {
  private static final Path CLIENT_JAR = Path.of("target/duckdb-1x-client/duckdb_jdbc-1x.jar");
  private static final Path CLIENT = Path.of("src/test/duckdb-1x-client/ReadWarehouseFile.java");

  @TempDir Path work;

  @Test
  void aDuckDb1ClientOpensTheFileReadOnlyAndReadsAMetricAndTheLakeViews() throws Exception {
    new LakeFixture(work.resolve("lake"))
        .reference(List.of(LakeFixture.project("P01", 100)))
        .table("callback_surveys", String.join(",", survey("S1", 5), survey("S2", 4)));
    Files.writeString(
        work.resolve("lake/callback_surveys/dt=2026-07-05/.part-0-9.parquet.inprogress.x"),
        "half-written");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--workdir",
            work.toString(),
            "warehouse",
            "build",
            "--database",
            work.resolve("bi/quality.duckdb").toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "Warehouse file: " + work.resolve("bi/quality.duckdb"),
            "DuckDB storage v1.4.0",
            "Lake views: " + work.resolve("bi/lake.sql"));

    Process client =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                CLIENT_JAR.toString(),
                CLIENT.toString(),
                work.resolve("bi/quality.duckdb").toString(),
                work.resolve("bi/lake.sql").toString())
            .redirectErrorStream(true)
            .start();
    String read = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(client.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(client.exitValue()).as(read).isZero();
    assertThat(read)
        .containsPattern("version=v1\\.\\d+\\.\\d+")
        .contains("satisfaction_index=", "wilson_low=0.4902", "write=refused", "lake_surveys=2");
    assertThat(read).doesNotContain("satisfaction_index=null");
  }

  private static String survey(String id, int overall) {
    return LakeFixture.row(
        "callback_surveys",
        Map.of(
            "event_id",
            "'" + id + "'",
            "schema_version",
            "1",
            "occurred_at",
            "timestamp '2026-07-05 10:00:00'",
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
            "date '2026-07-05'"));
  }
}
