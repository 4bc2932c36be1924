package io.qualityloop.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code qualityloop notify test}: one test message to each configured channel, once, and what its
 * server answered.
 */
public final class ChannelTester {
  /** The outcome on one channel. */
  public record Outcome(ChannelKind channel, String target, boolean accepted, String answer) {}

  private final NotifySettings settings;
  private final Map<ChannelKind, NotificationChannel> channels;
  private final Clock clock;

  public ChannelTester(
      NotifySettings settings, Map<ChannelKind, NotificationChannel> channels, Clock clock) {
    this.settings = settings;
    this.channels = channels;
    this.clock = clock;
  }

  public Map<ChannelKind, NotificationChannel> channels() {
    return channels;
  }

  /** Sends to {@code only} (null: every configured channel); e-mail goes to {@code emailTo}. */
  public List<Outcome> send(ChannelKind only, List<String> emailTo) {
    if (only != null && !channels.containsKey(only)) {
      throw new IllegalArgumentException(
          "channel " + only.id() + " is not configured (" + configurationKey(only) + " is empty)");
    }
    MessageTemplates templates =
        new MessageTemplates(
            settings.language(),
            settings.publicUrl(),
            ReferenceNames.read(settings.routesFile().getParent()));
    List<Outcome> outcomes = new ArrayList<>();
    for (NotificationChannel channel : channels.values()) {
      if (only != null && channel.kind() != only) {
        continue;
      }
      Message message =
          templates.test(channel.kind(), LocalDateTime.now(clock.withZone(settings.zone())));
      try {
        SendResult r =
            channel.send(message, channel.kind() == ChannelKind.EMAIL ? emailTo : List.of());
        outcomes.add(new Outcome(channel.kind(), channel.toString(), r.accepted(), r.answer()));
      } catch (IOException e) {
        outcomes.add(new Outcome(channel.kind(), channel.toString(), false, e.getMessage()));
      }
    }
    return outcomes;
  }

  public static String configurationKey(ChannelKind kind) {
    return switch (kind) {
      case WECOM -> "notify.wecom.webhook-url";
      case DINGTALK -> "notify.dingtalk.webhook-url";
      case EMAIL -> "notify.email.smtp-host";
    };
  }
}
