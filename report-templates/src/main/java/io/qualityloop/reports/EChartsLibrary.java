package io.qualityloop.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ECharts JavaScript library from its webjar, inlined into every report so that reports open
 * offline (no CDN). About 1 MB; read once per process.
 */
public final class EChartsLibrary {
  private static final String RESOURCE = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static volatile String script;

  private EChartsLibrary() {}

  public static String script() {
    String s = script;
    if (s == null) {
      try (InputStream in = EChartsLibrary.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("echarts.min.js is missing from the classpath (" + RESOURCE + ")");
        }
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // A literal "</script" inside an inlined script would end the script element early.
      s = s.replace("</script", "<\\/script");
      script = s;
    }
    return s;
  }
}
