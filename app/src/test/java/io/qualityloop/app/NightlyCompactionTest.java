package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeFiles;
import io.qualityloop.warehouse.testutils.LakeFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's nightly compaction: when it runs, and that it merges open months too. */
class NightlyCompactionTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final LocalTime THREE = LocalTime.of(3, 0);

  @TempDir Path work;

  @Test
  void itRunsAtTheNextThreeOClockLaterTodayElseTomorrow() {
    assertThat(NightlyCompaction.untilNext(at("2026-12-03T02:59:30"), THREE))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(NightlyCompaction.untilNext(at("2026-12-03T03:00:00"), THREE))
        .as("just run: the next is tomorrow's")
        .isEqualTo(Duration.ofHours(24));
    assertThat(NightlyCompaction.untilNext(at("2026-12-03T16:30:00"), THREE))
        .isEqualTo(Duration.ofHours(10).plusMinutes(30));
    assertThat(NightlyCompaction.untilNext(at("2026-12-31T23:00:00"), THREE))
        .as("over the year's end")
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void anEmptySettingIsNeverAndATimeThatIsNoTimeIsRefusedNamingTheKey() throws Exception {
    assertThat(NightlyCompaction.at(config(Map.of()))).contains(THREE);
    assertThat(NightlyCompaction.at(config(Map.of("service.compact-at", "")))).isEmpty();
    assertThatThrownBy(() -> NightlyCompaction.at(config(Map.of("service.compact-at", "3am"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service.compact-at: '3am' is not a time of day such as 03:00 (empty: never)");
  }

  @Test
  void everyPartitionOfSeveralFilesBecomesOneTheCurrentMonthsTooWithEveryRowKept()
      throws Exception {
    Path lake = work.resolve("lake");
    LocalDate thisMonth = LocalDate.now(SHANGHAI).withDayOfMonth(1);
    LakeFixture fixture = new LakeFixture(lake);
    // as the live lake job leaves them: a file per checkpoint with new rows
    for (int i = 1; i <= 3; i++) {
      fixture.table("service_interactions", interaction("NOW" + i, thisMonth.plusDays(i)));
    }
    fixture.table("service_interactions", interaction("OLD1", LocalDate.parse("2026-01-05")));
    fixture.table("service_interactions", interaction("OLD2", LocalDate.parse("2026-01-06")));
    Path table = lake.resolve("service_interactions");
    assertThat(LakeFiles.of(table)).hasSize(5);

    String said =
        NightlyCompaction.run(
            config(Map.of("lake.root", lake.toString(), "lake.compaction.grace-minutes", "0")));

    assertThat(said).startsWith("Lake compacted: 2 partitions, 5 files into 2 (");
    assertThat(LakeFiles.of(table))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("compacted-"));
    assertThat(LakeFiles.of(table))
        .extracting(f -> f.getParent().getFileName().toString())
        .containsExactlyInAnyOrder("dt=" + thisMonth, "dt=2026-01-01");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select string_agg(event_id, ',' order by event_id) from "
                    + LakeFiles.readParquet(LakeFiles.of(table)))) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("NOW1,NOW2,NOW3,OLD1,OLD2");
    }

    assertThat(NightlyCompaction.run(config(Map.of("lake.root", lake.toString()))))
        .as("nothing left to merge the next night")
        .startsWith("Lake compacted: 0 partitions, 0 files into 0 (");
  }

  private static ZonedDateTime at(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), SHANGHAI);
  }

  private static String interaction(String id, LocalDate day) {
    return LakeFixture.row(
        "service_interactions",
        Map.of(
            "event_id",
            "'" + id + "'",
            "occurred_at",
            "timestamp '" + day + " 10:00:00'",
            "project_id",
            "'P01'",
            "dt",
            "date '" + day.withDayOfMonth(1) + "'"));
  }

  private QualityLoopConfig config(Map<String, String> settings) throws Exception {
    Path file = work.resolve("qualityloop.properties");
    StringBuilder text = new StringBuilder("time.zone=Asia/Shanghai\nlake.partition=month\n");
    settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return QualityLoopConfig.load(file, Map.of(), work);
  }
}
