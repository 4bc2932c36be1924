package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limit and the daily digest on a clock the test moves, against a robot on the JDK's HTTP
 * server.
 */
class ChannelDispatcherTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDateTime START = LocalDateTime.of(2026, 12, 2, 8, 0);
  @TempDir Path workdir;

  private NotifySettings settings() {
    return NotifySettings.from(
        QualityLoopConfig.load(null, Map.of(), workdir)
            .with("notify.per-minute", "3")
            .with("notify.digest-at", "08:30"));
  }

  private static Outbox.Item item(String id) {
    return new Outbox.Item(
        TestAlerts.decoded(TestAlerts.sla(id, "WARNING", "NORMAL", START)), "r1");
  }

  @Test
  void singlesWhileTheMinuteAllowsThenOneDigestThenWaitForTheWindow() {
    MutableClock clock = new MutableClock(START.atZone(ZONE).toInstant());
    NotifySettings s = settings();
    try (RobotServer robot = new RobotServer();
        DeliveryStore store = new DeliveryStore(s.deliveriesDir(), ZONE, clock)) {
      ChannelDispatcher d =
          new ChannelDispatcher(
              new WeComRobot(robot.url("key=K"), Duration.ofSeconds(5), 3, 4096),
              new MessageTemplates(Language.EN, "http://qm"),
              store,
              s,
              clock,
              new ChannelDispatcher.NotifierStats());
      d.add(item("A1"), List.of(), false);
      d.tick();
      d.add(item("A2"), List.of(), false);
      d.tick();
      assertThat(robot.requests).hasSize(2);
      // one send left in the minute and three waiting: one digest of the three
      d.add(item("A3"), List.of(), false);
      d.add(item("A4"), List.of(), false);
      d.add(item("A5"), List.of(), false);
      d.tick();
      assertThat(robot.requests).hasSize(3);
      assertThat(content(robot, 2))
          .startsWith("### Quality alert digest (rate limit reached, folded): 3")
          .contains("C-A3", "C-A4", "C-A5");
      // the minute is used up: the next waits, it is not dropped
      d.add(item("A6"), List.of(), false);
      clock.advance(Duration.ofSeconds(59));
      d.tick();
      assertThat(robot.requests).hasSize(3);
      assertThat(d.waiting()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(2));
      d.tick();
      assertThat(robot.requests).hasSize(4);
      assertThat(content(robot, 3)).startsWith("### [Warning] Complaint C-A6");
      assertThat(store.latest().values())
          .hasSize(6)
          .allMatch(r -> r.status() == DeliveryStatus.SENT);
    }
  }

  @Test
  void theDailyDigestGoesAtItsTimeAsOneMessage() {
    MutableClock clock = new MutableClock(START.atZone(ZONE).toInstant());
    NotifySettings s = settings();
    try (RobotServer robot = new RobotServer();
        DeliveryStore store = new DeliveryStore(s.deliveriesDir(), ZONE, clock)) {
      ChannelDispatcher d =
          new ChannelDispatcher(
              new WeComRobot(robot.url("key=K"), Duration.ofSeconds(5), 3, 4096),
              new MessageTemplates(Language.ZH_CN, "http://qm"),
              store,
              s,
              clock,
              new ChannelDispatcher.NotifierStats());
      for (String id : List.of("D1", "D2", "D3", "D4")) {
        d.add(item(id), List.of("质量经理"), true);
      }
      clock.advance(Duration.ofMinutes(29));
      d.tick();
      assertThat(robot.requests).isEmpty();
      clock.advance(Duration.ofMinutes(2));
      d.tick();
      d.tick();
      assertThat(robot.requests).hasSize(1);
      assertThat(content(robot, 0)).startsWith("### 每日质量提醒汇总：4 条\n致：质量经理").contains("C-D1", "C-D4");
      assertThat(store.latest().values())
          .allMatch(r -> r.status() == DeliveryStatus.SENT && r.digest() == 4);
    }
  }

  private static String content(RobotServer robot, int i) {
    return robot.requests.get(i).json().get("markdown").get("content").asText();
  }
}
