package io.qualityloop.notify;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk (钉钉) group robot: {@code {"msgtype":"markdown","markdown":{"title":...,"text":...}}},
 * 20 a minute. With a secret (加签) the URL carries {@code timestamp} (ms) and {@code sign} =
 * URL-encoded Base64 of HMAC-SHA256(key = secret, "timestamp\nsecret").
 */
public final class DingTalkRobot implements NotificationChannel {
  private final String url;
  private final Optional<String> secret;
  private final Clock clock;
  private final RobotWebhook webhook;
  private final int perMinute;
  private final int maxBytes;

  public DingTalkRobot(
      String url,
      Optional<String> secret,
      Clock clock,
      Duration timeout,
      int perMinute,
      int maxBytes) {
    this.url = url;
    this.secret = secret;
    this.clock = clock;
    this.webhook = new RobotWebhook(timeout);
    this.perMinute = perMinute;
    this.maxBytes = maxBytes;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.DINGTALK;
  }

  @Override
  public int perMinute() {
    return perMinute;
  }

  @Override
  public int maxBytes() {
    return maxBytes;
  }

  @Override
  public SendResult send(Message message, List<String> recipients) throws IOException {
    Message m = message.fitTo(maxBytes);
    return webhook.post(
        signedUrl(clock.millis()),
        Map.of("msgtype", "markdown", "markdown", Map.of("title", m.title(), "text", m.text())));
  }

  String signedUrl(long timestamp) {
    if (secret.isEmpty()) {
      return url;
    }
    return url
        + (url.contains("?") ? "&" : "?")
        + "timestamp="
        + timestamp
        + "&sign="
        + URLEncoder.encode(sign(timestamp, secret.get()), StandardCharsets.UTF_8);
  }

  /** Base64 of HMAC-SHA256 of "timestamp\nsecret" keyed by the secret (before URL encoding). */
  static String sign(long timestamp, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(
              mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "DingTalk robot " + RobotWebhook.safe(url);
  }
}
