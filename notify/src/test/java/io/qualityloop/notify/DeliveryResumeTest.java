package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notifier that stopped with deliveries routed but not sent, or cut off in mid-send, and starts
 * again.
 */
class DeliveryResumeTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  @TempDir Path workdir;

  @Test
  void queuedDeliveriesGoOutAfterARestartAndOnesCutOffMidSendAreNeverSentTwice() throws Exception {
    NotifySettings s = NotifySettings.from(QualityLoopConfig.load(null, Map.of(), workdir));
    LocalDateTime at = LocalDateTime.now(ZONE);
    Alert queued = TestAlerts.decoded(TestAlerts.sla("Q1", "WARNING", "NORMAL", at));
    Alert sending = TestAlerts.decoded(TestAlerts.sla("S1", "WARNING", "NORMAL", at));
    try (DeliveryStore before = new DeliveryStore(s.deliveriesDir(), ZONE, Clock.systemUTC())) {
      before.append(
          List.of(
              new DeliveryRecord(
                  "Q1",
                  "lead",
                  "wecom",
                  DeliveryStatus.QUEUED,
                  "WARNING",
                  at,
                  "P01",
                  "C-Q1",
                  1,
                  0,
                  "",
                  at,
                  queued.fields()),
              new DeliveryRecord(
                  "S1",
                  "lead",
                  "wecom",
                  DeliveryStatus.QUEUED,
                  "WARNING",
                  at,
                  "P01",
                  "C-S1",
                  1,
                  0,
                  "",
                  at,
                  sending.fields()),
              new DeliveryRecord(
                  "S1",
                  "lead",
                  "wecom",
                  DeliveryStatus.SENDING,
                  "WARNING",
                  at,
                  "P01",
                  "C-S1",
                  1,
                  0,
                  "",
                  at,
                  null)));
    }
    // and a line cut off by a crash
    try (var dir = Files.walk(s.deliveriesDir())) {
      Path file = dir.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
      Files.writeString(file, "{\"alert_id\":\"X", StandardOpenOption.APPEND);
    }
    NotificationRoutes routes =
        new NotificationRoutes(
            List.of(
                new NotificationRoute(
                    "lead",
                    Set.of("WARNING"),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    ChannelKind.WECOM,
                    List.of("组长"),
                    false,
                    false)));
    try (RobotServer robot = new RobotServer()) {
      Map<ChannelKind, NotificationChannel> channels =
          Map.of(
              ChannelKind.WECOM,
              new WeComRobot(robot.url("key=K"), Duration.ofSeconds(5), 20, 4096));
      // no Kafka behind this address: only what the records hold is sent
      try (AlertNotifier notifier =
          new AlertNotifier(
                  s,
                  routes,
                  channels,
                  KafkaClientSettings.plaintext("127.0.0.1:9"),
                  Clock.systemUTC())
              .start()) {
        long end = System.currentTimeMillis() + 10_000;
        while (notifier.counts().sent() < 1 && System.currentTimeMillis() < end) {
          Thread.sleep(20);
        }
      }
      assertThat(robot.requests).hasSize(1);
      assertThat(robot.requests.get(0).json().get("markdown").get("content").asText())
          .contains("C-Q1")
          .doesNotContain("C-S1");
    }
    Map<DeliveryRecord.DeliveryKey, DeliveryStatus> latest = new HashMap<>();
    DeliveryStore.readAll(s.deliveriesDir()).forEach(r -> latest.put(r.key(), r.status()));
    assertThat(latest)
        .containsEntry(new DeliveryRecord.DeliveryKey("Q1", "lead"), DeliveryStatus.SENT)
        .containsEntry(new DeliveryRecord.DeliveryKey("S1", "lead"), DeliveryStatus.UNCONFIRMED);
  }
}
