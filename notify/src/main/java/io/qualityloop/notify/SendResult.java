package io.qualityloop.notify;

/**
 * What a channel's server answered to one message.
 *
 * @param accepted the server took the message (HTTP 2xx and errcode 0; SMTP 250)
 * @param answer the server's answer as it came (trimmed), for the delivery record and {@code notify
 *     test}
 */
public record SendResult(boolean accepted, String answer) {
  private static final int MAX_ANSWER = 500;

  public SendResult {
    answer = answer == null ? "" : answer.strip();
    if (answer.length() > MAX_ANSWER) {
      answer = answer.substring(0, MAX_ANSWER);
    }
  }
}
