package io.qualityloop.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs JSON to a group robot's webhook; accepted when HTTP 2xx and {@code errcode} 0 (WeCom,
 * DingTalk).
 */
final class RobotWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Duration timeout;

  RobotWebhook(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  SendResult post(String url, Object payload) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending", e);
    }
    String body = response.body();
    boolean ok = response.statusCode() / 100 == 2;
    if (ok) {
      try {
        JsonNode answer = JSON.readTree(body);
        ok = answer != null && answer.path("errcode").asInt(-1) == 0;
      } catch (IOException e) {
        ok = false;
      }
    }
    return new SendResult(ok, "HTTP " + response.statusCode() + " " + body);
  }

  static String safe(String url) {
    // the query of a webhook URL holds its key or access token: never in logs or records
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
