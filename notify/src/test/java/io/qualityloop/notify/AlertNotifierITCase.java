package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.jobs.QualityLoopConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier on a real Kafka broker, with the JDK's HTTP server as the WeCom and DingTalk robots
 * and GreenMail as the SMTP server: a live alert goes out once, and not again after a restart;
 * history and replay mode send nothing; the rate limit folds into digests; failures are retried,
 * then FAILED.
 */
class AlertNotifierITCase {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String ROUTES =
      NotificationRoutes.HEADER
          + "\n"
          + "major_gm_wecom,BREACH|ESCALATION,MAJOR,,,wecom,总经理,immediate,false\n"
          + "major_gm_email,BREACH|ESCALATION,MAJOR,,,email,gm@corp.example,immediate,false\n"
          + "warning_wecom,WARNING,,,,wecom,班组长,immediate,false\n"
          + "breach_dingtalk,BREACH,NORMAL,,,dingtalk,部门负责人,immediate,false\n";
  private static EmbeddedKafkaBroker kafka;
  private static KafkaProducer<byte[], byte[]> producer;
  private static int run;

  @TempDir Path workdir;
  private RobotServer wecom;
  private RobotServer dingtalk;
  private GreenMail smtp;
  private String slaTopic;
  private String textTopic;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafkaBroker.start();
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.close();
  }

  @BeforeEach
  void servers() throws Exception {
    run++;
    slaTopic = "sla-alerts-" + run;
    textTopic = "text-alerts-" + run;
    kafka.createTopics(List.of(slaTopic, textTopic), 2);
    wecom = new RobotServer();
    dingtalk = new RobotServer();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Files.createDirectories(workdir.resolve("lake/reference"));
    Files.writeString(workdir.resolve("lake/reference/notification_routes.csv"), ROUTES);
  }

  @AfterEach
  void stopServers() {
    wecom.close();
    dingtalk.close();
    smtp.stop();
  }

  private QualityLoopConfig config() {
    return QualityLoopConfig.load(null, Map.of(), workdir)
        .with("kafka.topic.sla-alerts", slaTopic)
        .with("kafka.topic.text-alerts", textTopic)
        .with("notify.consumer-group", "notify-" + run)
        .with("serve.public-url", "http://qm.example:8080/")
        .with("notify.wecom.webhook-url", wecom.url("key=W"))
        .with("notify.dingtalk.webhook-url", dingtalk.url("access_token=D"))
        .with("notify.dingtalk.secret", "SEC-it")
        .with("notify.email.smtp-host", "127.0.0.1")
        .with("notify.email.smtp-port", Integer.toString(smtp.getSmtp().getPort()))
        .with("notify.email.from", "notifier@qualityloop.example")
        .with("notify.email.starttls", "false")
        .with("notify.retry.attempts", "3")
        .with("notify.retry.backoff", "PT0.05S");
  }

  private void publish(String topic, String key, Object alert) throws Exception {
    producer.send(new ProducerRecord<>(topic, key.getBytes(), TestAlerts.json(alert))).get();
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZONE);
  }

  @Test
  void aLiveAlertGoesOutOnceAndNotAgainAfterARestartWhileHistoryNeverDoes() throws Exception {
    publish(slaTopic, "C-H1", TestAlerts.sla("H1", "BREACH", "MAJOR", now().minusHours(3)));
    publish(textTopic, "P09", TestAlerts.emerging("H2", now().minusDays(3)));
    publish(slaTopic, "C-L1", TestAlerts.sla("L1", "BREACH", "MAJOR", now()));
    long published = System.nanoTime();

    AlertNotifier.Counts first;
    try (AlertNotifier notifier =
        new AlertNotifier(config(), kafka.bootstrapServers(), Clock.systemUTC()).start()) {
      await(() -> wecom.requests.size() == 1 && smtp.getReceivedMessages().length == 1, 20_000);
      System.out.printf(
          "live alert on WeCom and by e-mail %.1f s after it was published (consumer group join"
              + " included)%n",
          (System.nanoTime() - published) / 1e9);
      await(() -> notifier.counts().read() == 3 && notifier.counts().sent() == 2, 10_000);
      first = notifier.counts();
    }
    assertThat(first.notLive()).isEqualTo(2);
    assertThat(first.sent()).isEqualTo(2);
    assertThat(wecom.requests.get(0).json().get("markdown").get("content").asText())
        .contains("C-L1", "致：总经理");
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("【超时】投诉 C-L1");
    List<DeliveryRecord> records = DeliveryStore.readAll(workdir.resolve("lake/notify_deliveries"));
    assertThat(records).allMatch(r -> r.alertId().equals("L1"));
    assertThat(records)
        .filteredOn(r -> r.status() == DeliveryStatus.SENT)
        .extracting(DeliveryRecord::routeId)
        .containsExactlyInAnyOrder("major_gm_wecom", "major_gm_email");

    // a restart, and the same alert once more (a job that emits it again after its own restart)
    publish(slaTopic, "C-L1", TestAlerts.sla("L1", "BREACH", "MAJOR", now()));
    try (AlertNotifier again =
        new AlertNotifier(config(), kafka.bootstrapServers(), Clock.systemUTC()).start()) {
      await(() -> again.counts().read() == 1, 20_000);
      Thread.sleep(1000);
      assertThat(again.counts().queued()).isZero();
      assertThat(wecom.requests).hasSize(1);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
      // a new alert while the notifier runs (its group joined): how long to the people
      long raised = System.nanoTime();
      publish(slaTopic, "C-L2", TestAlerts.sla("L2", "ESCALATION", "MAJOR", now()));
      await(() -> wecom.requests.size() == 2 && smtp.getReceivedMessages().length == 2, 10_000);
      System.out.printf(
          "a live alert reached WeCom and the SMTP server %.2f s after it was published to a"
              + " running notifier%n",
          (System.nanoTime() - raised) / 1e9);
    }
    assertThat(wecom.requests.get(1).json().get("markdown").get("content").asText())
        .contains("【重大投诉升级】投诉 C-L2");
  }

  @Test
  void replayModeSendsNothingEvenForALiveAlert() throws Exception {
    publish(slaTopic, "C-R1", TestAlerts.sla("R1", "BREACH", "MAJOR", now()));
    try (AlertNotifier notifier =
        new AlertNotifier(
                config().with("notify.mode", "replay"), kafka.bootstrapServers(), Clock.systemUTC())
            .start()) {
      await(() -> notifier.counts().read() == 1, 20_000);
      Thread.sleep(500);
      assertThat(notifier.counts().notLive()).isEqualTo(1);
    }
    assertThat(wecom.requests).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(DeliveryStore.readAll(workdir.resolve("lake/notify_deliveries"))).isEmpty();
  }

  @Test
  void moreThanTheRateLimitIsFoldedIntoDigestsNeverDropped() throws Exception {
    for (int i = 0; i < 45; i++) {
      publish(slaTopic, "C-W" + i, TestAlerts.sla("W" + i, "WARNING", "NORMAL", now()));
    }
    try (AlertNotifier notifier =
        new AlertNotifier(config(), kafka.bootstrapServers(), Clock.systemUTC()).start()) {
      await(() -> notifier.counts().sent() == 45, 20_000);
      assertThat(notifier.counts().digests()).isPositive();
    }
    System.out.println("45 warnings went to the robot in " + wecom.requests.size() + " message(s)");
    assertThat(wecom.requests.size()).isLessThanOrEqualTo(20);
    String all =
        String.join(
            "\n",
            wecom.requests.stream()
                .map(r -> r.json().get("markdown").get("content").asText())
                .toList());
    for (int i = 0; i < 45; i++) {
      assertThat(all).containsPattern("C-W" + i + "\\D");
    }
    assertThat(wecom.requests).allMatch(r -> r.body().length < 4096 + 200);
  }

  @Test
  void aRejectedSendIsRetriedWithBackoffThenRecordedFailed() throws Exception {
    dingtalk.answer = r -> "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
    publish(slaTopic, "C-F1", TestAlerts.sla("F1", "BREACH", "NORMAL", now()));
    try (AlertNotifier notifier =
        new AlertNotifier(config(), kafka.bootstrapServers(), Clock.systemUTC()).start()) {
      await(() -> notifier.counts().failed() == 1, 20_000);
    }
    assertThat(dingtalk.requests).hasSize(3);
    DeliveryRecord failed =
        DeliveryStore.readAll(workdir.resolve("lake/notify_deliveries")).stream()
            .filter(r -> r.status() == DeliveryStatus.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.routeId()).isEqualTo("breach_dingtalk");
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.answer()).contains("310000");
  }

  private static void await(BooleanSupplier condition, long timeoutMillis)
      throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("not reached within " + timeoutMillis + " ms");
      }
      Thread.sleep(50);
    }
  }
}
