package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.LakePurge;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qualityloop purge}: a dry run unless confirmed, retention from the configuration, errors
 * as one line.
 */
class PurgeCommandTest {
  @TempDir Path work;

  record Run(int code, String out, String err) {}

  // callback_surveys: 2 rows of 2022-01-15 (past three years), 1 row of 2025-06-10 (within them).
  @BeforeEach
  void lake() throws Exception {
    Files.createDirectories(work.resolve("config"));
    Files.writeString(work.resolve("config/qualityloop.properties"), "lake.partition=day\n");
    new LakeFixture(work.resolve("lake"))
        .table(
            "callback_surveys",
            survey("S1", "2022-01-15")
                + ","
                + survey("S2", "2022-01-15")
                + ","
                + survey("S3", "2025-06-10"));
  }

  @Test
  void withoutConfirmNothingIsDeletedAndWhatWouldGoIsListed() {
    Run r = run("purge", "--before", "2026-01-01");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Dry run")
        .containsPattern("callback_surveys\\s+2022-01-15\\s+1\\s+2")
        .containsPattern(
            "Kept[\\s\\S]*callback_surveys\\s+2025-06-10 .*retention P3Y, destroyable from"
                + " 2028-06-11")
        .contains("Total: 1 partitions, 1 files, 2 rows.");
    assertThat(work.resolve("lake/callback_surveys/dt=2022-01-15")).isDirectory();
    assertThat(work.resolve("lake").resolve(LakePurge.RECORD_FILE)).doesNotExist();
  }

  @Test
  void confirmedThePartitionGoesAndTheRecordNamesTheOperatingSystemUser() throws Exception {
    Run r = run("purge", "--before", "2026-01-01", "--confirm");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Destroyed:")
        .containsPattern("callback_surveys\\s+2022-01-15\\s+1\\s+2")
        .contains("Total: 1 partitions, 1 files, 2 rows.", "destructions.jsonl");
    assertThat(work.resolve("lake/callback_surveys/dt=2022-01-15")).doesNotExist();
    assertThat(work.resolve("lake/callback_surveys/dt=2025-06-10")).isDirectory();
    List<String> records = Files.readAllLines(work.resolve("lake").resolve(LakePurge.RECORD_FILE));
    assertThat(records).hasSize(1);
    assertThat(records.get(0))
        .contains(
            "\"destroyed_by\": \"" + System.getProperty("user.name") + "\"",
            "\"table\": \"callback_surveys\"",
            "\"partition\": \"2022-01-15\"",
            "\"rows\": 2",
            "\"retention\": \"P3Y\"");
  }

  @Test
  void aCommunicationRecordsRetentionBelowThreeYearsIsRefused() throws Exception {
    Files.writeString(
        work.resolve("config/qualityloop.properties"),
        "lake.partition=day\nlake.retention.callback_surveys=P2Y\n");

    Run r = run("purge", "--before", "2026-01-01", "--confirm");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err())
        .contains("'lake.retention.callback_surveys' = 'P2Y' is shorter than the three years");
    assertThat(work.resolve("lake/callback_surveys/dt=2022-01-15")).isDirectory();
  }

  @Test
  void aMissingOrUnreadableDateIsAUsageErrorOnOneLine() {
    Run missing = run("purge", "--confirm");
    Run bad = run("purge", "--before", "01/01/2023");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().lines().toList()).hasSize(1);
    assertThat(missing.err()).contains("--before");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().lines().toList()).hasSize(1);
    assertThat(work.resolve("lake/callback_surveys/dt=2022-01-15")).isDirectory();
  }

  private Run run(String... args) {
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

  private static String survey(String id, String day) {
    return LakeFixture.row(
        "callback_surveys",
        Map.of("event_id", "'" + id + "'", "project_id", "'P01'", "dt", "date '" + day + "'"));
  }
}
