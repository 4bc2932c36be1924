package io.qualityloop.notify;

import java.nio.charset.StandardCharsets;

/** A rendered message: a title (e-mail subject, DingTalk title) and a markdown text. */
public record Message(String title, String text) {
  private static final String CUT = "\n…";

  /**
   * This message with its text cut, at a character boundary, to at most {@code maxBytes} UTF-8
   * bytes.
   */
  public Message fitTo(int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return this;
    }
    int budget = maxBytes - bytes(CUT);
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = bytes(new String(Character.toChars(cp)));
      if (used + n > budget) {
        break;
      }
      b.appendCodePoint(cp);
      used += n;
      i += Character.charCount(cp);
    }
    return new Message(title, b + CUT);
  }

  public static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
