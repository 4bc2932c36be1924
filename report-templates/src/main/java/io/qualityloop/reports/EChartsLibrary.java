package io.qualityloop.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ECharts JavaScript library from its webjar: inlined into every report so that reports open
 * offline (no CDN), and served as a static file by the drill-down. About 1 MB; read once per
 * process.
 */
public final class EChartsLibrary {
  /**
   * The webjar's version, which names the drill-down's static file (a new version is a new URL).
   */
  public static final String VERSION = "5.3.1";

  private static final String RESOURCE =
      "/META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";
  private static volatile byte[] bytes;
  private static volatile String script;

  private EChartsLibrary() {}

  /** The library as the webjar holds it. */
  public static byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      try (InputStream in = EChartsLibrary.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "echarts.min.js is missing from the classpath (" + RESOURCE + ")");
        }
        b = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bytes = b;
    }
    return b;
  }

  /** The library to inline in a {@code <script>} element. */
  public static String script() {
    String s = script;
    if (s == null) {
      // A literal "</script" inside an inlined script would end the script element early.
      s = new String(bytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
      script = s;
    }
    return s;
  }
}
