package io.qualityloop.notify;

import java.io.IOException;
import java.util.List;

/** A way to deliver a message: a group robot's webhook or an SMTP server. */
public interface NotificationChannel {
  ChannelKind kind();

  /** Messages allowed per minute (group robots: 20); more are folded into digests. */
  int perMinute();

  /** The most UTF-8 bytes a message's text may have. */
  int maxBytes();

  /**
   * Sends {@code message} to {@code recipients} (addresses for e-mail; for a robot the people named
   * at the message's head, already in the text).
   *
   * @throws IOException when the server could not be reached or broke off
   */
  SendResult send(Message message, List<String> recipients) throws IOException;
}
