package io.qualityloop.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}}, at most
 * 4,096 bytes, 20 a minute.
 */
public final class WeComRobot implements NotificationChannel {
  private final String url;
  private final RobotWebhook webhook;
  private final int perMinute;
  private final int maxBytes;

  public WeComRobot(String url, Duration timeout, int perMinute, int maxBytes) {
    this.url = url;
    this.webhook = new RobotWebhook(timeout);
    this.perMinute = perMinute;
    this.maxBytes = maxBytes;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.WECOM;
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
        url, Map.of("msgtype", "markdown", "markdown", Map.of("content", m.text())));
  }

  @Override
  public String toString() {
    return "WeCom robot " + RobotWebhook.safe(url);
  }
}
