package io.qualityloop.notify;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The channels the settings configure: a robot when its webhook URL is set, e-mail when its SMTP
 * host is.
 */
public final class Channels {
  private Channels() {}

  public static Map<ChannelKind, NotificationChannel> configured(NotifySettings s, Clock clock) {
    Map<ChannelKind, NotificationChannel> channels = new EnumMap<>(ChannelKind.class);
    s.wecomUrl()
        .ifPresent(
            url ->
                channels.put(
                    ChannelKind.WECOM,
                    new WeComRobot(url, s.httpTimeout(), s.perMinute(), s.maxMessageBytes())));
    s.dingtalkUrl()
        .ifPresent(
            url ->
                channels.put(
                    ChannelKind.DINGTALK,
                    new DingTalkRobot(
                        url,
                        s.dingtalkSecret(),
                        clock,
                        s.httpTimeout(),
                        s.perMinute(),
                        s.maxMessageBytes())));
    s.email().ifPresent(e -> channels.put(ChannelKind.EMAIL, new EmailChannel(e, s.httpTimeout())));
    return channels;
  }
}
