package io.qualityloop.reports.web;

import com.sun.net.httpserver.HttpExchange;
import io.qualityloop.reports.EChartsLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A static file of the drill-down whose URL names its version ({@code
 * /static/echarts-5.3.1.min.js}): it never changes at that URL, so browsers keep it a year without
 * asking again ({@code immutable}), and it is gzip-compressed once, when the server starts, for
 * every client that accepts gzip.
 */
public final class ImmutableAsset {
  static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

  private final String path;
  private final String contentType;
  private final byte[] identity;
  private final byte[] gzip;

  ImmutableAsset(String path, String contentType, byte[] content) {
    this.path = path;
    this.contentType = contentType;
    this.identity = content;
    this.gzip = gzip(content);
  }

  /** The ECharts library the drill-down's pages load. */
  public static ImmutableAsset echarts() {
    return new ImmutableAsset(
        "/static/echarts-" + EChartsLibrary.VERSION + ".min.js",
        "text/javascript; charset=utf-8",
        EChartsLibrary.bytes());
  }

  /** The URL path that serves it. */
  public String path() {
    return path;
  }

  /** Answers a GET or HEAD: gzip if the request accepts it, the plain file otherwise. */
  void serve(HttpExchange ex) throws IOException {
    boolean compressed = acceptsGzip(ex.getRequestHeaders().get("Accept-Encoding"));
    byte[] body = compressed ? gzip : identity;
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", CACHE_CONTROL);
    ex.getResponseHeaders().set("Vary", "Accept-Encoding");
    if (compressed) {
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Whether an Accept-Encoding header lists gzip (or *) with a quality above 0. */
  static boolean acceptsGzip(List<String> headers) {
    if (headers == null) {
      return false;
    }
    for (String header : headers) {
      for (String item : header.split(",")) {
        String[] parts = item.trim().split(";");
        String coding = parts[0].trim().toLowerCase();
        if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
          continue;
        }
        double q = 1;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].trim();
          if (p.startsWith("q=")) {
            try {
              q = Double.parseDouble(p.substring(2));
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        if (q > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3);
    try (GZIPOutputStream z =
        new GZIPOutputStream(out) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      z.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
