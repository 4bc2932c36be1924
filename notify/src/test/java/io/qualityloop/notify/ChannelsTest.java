package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Each channel against a real server: the JDK's HTTP server as the robots, GreenMail as the SMTP
 * server.
 */
class ChannelsTest {
  private static final LocalDateTime AT = LocalDateTime.of(2026, 12, 2, 10, 15);
  private final MessageTemplates zh =
      new MessageTemplates(Language.ZH_CN, "http://qm.example:8080");

  @Test
  void weComGetsMarkdownCutToItsLimit() throws Exception {
    try (RobotServer robot = new RobotServer()) {
      WeComRobot wecom = new WeComRobot(robot.url("key=K1"), Duration.ofSeconds(5), 20, 4096);
      SendResult one =
          wecom.send(
              zh.alert(
                  TestAlerts.decoded(TestAlerts.sla("A1", "BREACH", "MAJOR", AT)), List.of("总经理")),
              List.of());
      List<Alert> many = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        many.add(TestAlerts.decoded(TestAlerts.sla("B" + i, "WARNING", "NORMAL", AT)));
      }
      wecom.send(zh.digest(many, List.of(), false), List.of());

      assertThat(one.accepted()).isTrue();
      assertThat(one.answer()).contains("\"errcode\":0");
      RobotServer.Request first = robot.requests.get(0);
      assertThat(first.query()).isEqualTo("key=K1");
      assertThat(first.json().get("msgtype").asText()).isEqualTo("markdown");
      String content = first.json().get("markdown").get("content").asText();
      assertThat(content)
          .startsWith("### 【超时】投诉 C-A1")
          .contains(
              "致：总经理",
              "24小时内受理",
              "截止：2026-12-02 14:15",
              "[在钻取页面查看时间线](http://qm.example:8080/complaint?id=C-A1)");
      String digest = robot.requests.get(1).json().get("markdown").get("content").asText();
      int bytes = digest.getBytes(StandardCharsets.UTF_8).length;
      // 200 lines of ~150 bytes are cut to the limit, not sent whole
      assertThat(bytes).isLessThanOrEqualTo(4096).isGreaterThan(3900);
      assertThat(digest).startsWith("### 质量提醒汇总").endsWith("…");
    }
  }

  @Test
  void anErrcodeIsNotAccepted() throws Exception {
    try (RobotServer robot = new RobotServer()) {
      robot.answer = r -> "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}";
      SendResult r =
          new WeComRobot(robot.url("key=K1"), Duration.ofSeconds(5), 20, 4096)
              .send(new Message("t", "x"), List.of());
      assertThat(r.accepted()).isFalse();
      assertThat(r.answer()).contains("45009");
    }
  }

  @Test
  void dingTalkSignsTheUrlWithHmacSha256OfTimestampAndSecret() throws Exception {
    long millis = 1_764_641_700_123L;
    String secret = "SECtest0123456789";
    try (RobotServer robot = new RobotServer()) {
      DingTalkRobot ding =
          new DingTalkRobot(
              robot.url("access_token=T1"),
              Optional.of(secret),
              Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC),
              Duration.ofSeconds(5),
              20,
              4096);
      SendResult r =
          ding.send(
              zh.alert(TestAlerts.decoded(TestAlerts.emerging("E1", AT)), List.of()), List.of());

      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expectedSign =
          URLEncoder.encode(
              Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal((millis + "\n" + secret).getBytes(StandardCharsets.UTF_8))),
              StandardCharsets.UTF_8);
      assertThat(r.accepted()).isTrue();
      RobotServer.Request req = robot.requests.get(0);
      assertThat(req.query())
          .isEqualTo("access_token=T1&timestamp=" + millis + "&sign=" + expectedSign);
      assertThat(req.json().get("msgtype").asText()).isEqualTo("markdown");
      assertThat(req.json().get("markdown").get("title").asText()).isEqualTo("【新发问题】P09：电梯困人");
      assertThat(req.json().get("markdown").get("text").asText())
          .contains("提及投诉：7 件", "+1300%", "(http://qm.example:8080/#voice)");
    }
  }

  @Test
  void dingTalkWithoutSecretSendsTheUrlAsGiven() throws Exception {
    try (RobotServer robot = new RobotServer()) {
      new DingTalkRobot(
              robot.url("access_token=T2"),
              Optional.empty(),
              Clock.systemUTC(),
              Duration.ofSeconds(5),
              20,
              4096)
          .send(new Message("t", "x"), List.of());
      assertThat(robot.requests.get(0).query()).isEqualTo("access_token=T2");
    }
  }

  @Test
  void emailGoesThroughSmtpWithLogin() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      smtp.setUser("notifier@qualityloop.example", "notifier", "pw-123");
      EmailChannel email =
          new EmailChannel(
              new NotifySettings.EmailSettings(
                  "127.0.0.1",
                  smtp.getSmtp().getPort(),
                  Optional.of("notifier"),
                  Optional.of("pw-123"),
                  "notifier@qualityloop.example",
                  false),
              Duration.ofSeconds(5));
      // names from the reference files (the shipped ones: this directory has none)
      MessageTemplates en =
          new MessageTemplates(
              Language.EN,
              "http://qm.example:8080",
              ReferenceNames.read(Path.of("no-reference-dir")));
      SendResult r =
          email.send(
              en.alert(
                  TestAlerts.decoded(TestAlerts.sla("A2", "ESCALATION", "MAJOR", AT)),
                  List.of("gm@corp.example")),
              List.of("gm@corp.example", "qm@corp.example"));

      assertThat(r.accepted()).isTrue();
      assertThat(r.answer()).startsWith("250");
      assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
      MimeMessage got = smtp.getReceivedMessages()[0];
      assertThat(got.getSubject()).isEqualTo("[Escalation] Complaint C-A2");
      assertThat(got.getAllRecipients())
          .extracting(Object::toString)
          .containsExactly("gm@corp.example", "qm@corp.example");
      assertThat(got.getContent().toString())
          .contains(
              "Severity: major complaint",
              "Time limit: Accepted within 24 h",
              "Category: Product",
              "Responsible department: Engineering",
              "Handler: S0042",
              "http://qm.example:8080/complaint?id=C-A2");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void startTlsWhenConfiguredIsRequiredNotOptional() {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      EmailChannel email =
          new EmailChannel(
              new NotifySettings.EmailSettings(
                  "127.0.0.1",
                  smtp.getSmtp().getPort(),
                  Optional.of("u"),
                  Optional.of("p"),
                  "notifier@qualityloop.example",
                  true),
              Duration.ofSeconds(5));
      // GreenMail offers no STARTTLS: the password must not go out in clear text
      assertThatThrownBy(() -> email.send(new Message("t", "x"), List.of("a@corp.example")))
          .hasMessageContaining("STARTTLS");
      assertThat(smtp.getReceivedMessages()).isEmpty();
    } finally {
      smtp.stop();
    }
  }
}
