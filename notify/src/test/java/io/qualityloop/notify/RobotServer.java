package io.qualityloop.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A group robot's webhook on the JDK's HTTP server: records every request and answers as told. */
final class RobotServer implements AutoCloseable {
  /** One request as the robot got it. */
  record Request(String query, byte[] body, JsonNode json) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile Function<Request, String> answer = r -> "{\"errcode\":0,\"errmsg\":\"ok\"}";

  RobotServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/robot/send",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          Request r = new Request(ex.getRequestURI().getRawQuery(), body, JSON.readTree(body));
          requests.add(r);
          byte[] out = answer.apply(r).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  String url(String query) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?" + query;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
