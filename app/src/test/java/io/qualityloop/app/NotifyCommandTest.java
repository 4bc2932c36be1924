package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qualityloop notify test} against a WeCom robot that accepts, a DingTalk robot that
 * refuses, and GreenMail.
 */
class NotifyCommandTest {
  @TempDir Path dir;
  private HttpServer robots;
  private GreenMail smtp;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void servers() throws Exception {
    robots = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    robots.createContext(
        "/cgi-bin/webhook/send", ex -> answer(ex, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
    robots.createContext(
        "/robot/send",
        ex -> answer(ex, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}"));
    robots.start();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  private void answer(HttpExchange ex, String json) throws IOException {
    bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    byte[] out = json.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @AfterEach
  void stop() {
    robots.stop(0);
    smtp.stop();
  }

  private Path config(boolean channels) throws Exception {
    String robot = "http://127.0.0.1:" + robots.getAddress().getPort();
    return Files.writeString(
        dir.resolve("qualityloop.properties"),
        !channels
            ? ""
            : String.join(
                "\n",
                "notify.wecom.webhook-url=" + robot + "/cgi-bin/webhook/send?key=K",
                "notify.dingtalk.webhook-url=" + robot + "/robot/send?access_token=T",
                "notify.email.smtp-host=127.0.0.1",
                "notify.email.smtp-port=" + smtp.getSmtp().getPort(),
                "notify.email.from=notifier@qualityloop.example",
                "notify.email.starttls=false"));
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Path config, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 4];
    all[0] = "--workdir";
    all[1] = dir.toString();
    all[2] = "--config";
    all[3] = config.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    int exit =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void eachConfiguredChannelGetsATestMessageAndTheServersAnswerIsPrinted() throws Exception {
    Path config = config(true);
    Run all = run(config, "notify", "test");
    assertThat(all.exit()).isEqualTo(1);
    assertThat(all.out())
        .containsPattern(
            "wecom +accepted +WeCom robot http://127\\.0\\.0\\.1:\\d+/cgi-bin/webhook/send\\?…:"
                + " HTTP 200 \\{\"errcode\":0")
        .containsPattern("dingtalk +FAILED .*310000")
        .containsPattern("email +accepted +SMTP 127\\.0\\.0\\.1:\\d+: 250")
        .doesNotContain("key=K")
        .doesNotContain("access_token=T");
    assertThat(bodies.get(0)).contains("\"msgtype\":\"markdown\"", "QualityLoop 测试消息");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
        .isEqualTo("notifier@qualityloop.example");

    Run wecom = run(config, "notify", "test", "--channel", "wecom");
    assertThat(wecom.exit()).isZero();
    assertThat(wecom.out().lines()).hasSize(1);

    Run unknown = run(config, "notify", "test", "--channel", "pager");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("qualityloop: unknown channel 'pager' (wecom, dingtalk or email)")
        .doesNotContain("Exception");
  }

  @Test
  void withoutChannelsItSaysWhatToSet() throws Exception {
    Run none = run(config(false), "notify", "test");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out()).contains("No channel is configured: set notify.wecom.webhook-url");
    Run email = run(config(false), "notify", "test", "--channel", "email");
    assertThat(email.exit()).isEqualTo(1);
  }
}
