package io.qualityloop.reports;

/**
 * JSON made safe to place inside an HTML {@code <script>} element: {@code <}, {@code >}, {@code &}
 * and the JavaScript line separators are written as {@code \\uXXXX} escapes, which every JSON
 * reader reads back as the same characters. In valid JSON these characters occur only inside
 * strings, so no value (a label from the reference data, a comment) can close the script element or
 * open another one.
 */
public final class ScriptJson {
  private ScriptJson() {}

  public static String embed(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
