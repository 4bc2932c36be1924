package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live: read in live mode no later than notify.max-age after its alert_at (company time). */
class LiveAlertTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  @TempDir Path workdir;

  private AlertNotifier notifier(String mode) {
    NotifySettings s =
        NotifySettings.from(
            QualityLoopConfig.load(null, Map.of(), workdir)
                .with("notify.max-age", "PT15M")
                .with("notify.mode", mode));
    return new AlertNotifier(
        s,
        new NotificationRoutes(List.of()),
        Map.of(),
        KafkaClientSettings.plaintext("127.0.0.1:1"),
        new MutableClock(NOW.atZone(ZONE).toInstant()));
  }

  @Test
  void withinMaxAgeIsLiveOlderIsHistory() {
    try (AlertNotifier live = notifier("live")) {
      assertThat(live.isLive(TestAlerts.decoded(TestAlerts.sla("a", "BREACH", "MAJOR", NOW))))
          .isTrue();
      assertThat(
              live.isLive(
                  TestAlerts.decoded(TestAlerts.sla("b", "BREACH", "MAJOR", NOW.minusMinutes(15)))))
          .isTrue();
      assertThat(
              live.isLive(
                  TestAlerts.decoded(
                      TestAlerts.sla(
                          "c", "BREACH", "MAJOR", NOW.minusMinutes(15).minusSeconds(1)))))
          .isFalse();
      // an emerging issue: alert_at is its week's end, raised hours later
      assertThat(live.isLive(TestAlerts.decoded(TestAlerts.emerging("d", NOW.minusHours(10)))))
          .isTrue();
      assertThat(
              live.isLive(
                  TestAlerts.decoded(TestAlerts.emerging("e", NOW.minusDays(2).minusSeconds(1)))))
          .isFalse();
    }
  }

  @Test
  void replayModeIsNeverLive() {
    try (AlertNotifier replay = notifier("replay")) {
      assertThat(replay.isLive(TestAlerts.decoded(TestAlerts.sla("a", "BREACH", "MAJOR", NOW))))
          .isFalse();
    }
  }
}
