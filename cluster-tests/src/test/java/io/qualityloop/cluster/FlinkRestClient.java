package io.qualityloop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Flink's REST API a deployment script uses: upload a jar, run it, watch it, stop it.
 */
final class FlinkRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FlinkStandaloneCluster cluster;

  FlinkRestClient(FlinkStandaloneCluster cluster) {
    this.cluster = cluster;
  }

  /** POST /jars/upload, then /jars/:id/run; returns the job id. */
  String submit(Path jar, String entryClass, List<String> args, String savepointPath)
      throws Exception {
    String boundary = "----qualityloop" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode uploaded =
        send(
            HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
            "upload " + jar.getFileName());
    String jarId = Path.of(uploaded.get("filename").asText()).getFileName().toString();
    Map<String, Object> run =
        new HashMap<>(Map.of("entryClass", entryClass, "programArgsList", args));
    if (savepointPath != null) {
      run.put("savepointPath", savepointPath);
      run.put("allowNonRestoredState", false);
    }
    JsonNode started =
        send(
            HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(run))),
            "run " + jarId);
    return started.get("jobid").asText();
  }

  JsonNode job(String jobId) throws Exception {
    return JSON.readTree(cluster.get("/jobs/" + jobId));
  }

  String state(String jobId) throws Exception {
    return job(jobId).get("state").asText();
  }

  /** True when the job and every one of its tasks run. */
  boolean allTasksRunning(String jobId) throws Exception {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.get("state").asText())) {
      return false;
    }
    for (JsonNode v : job.get("vertices")) {
      JsonNode tasks = v.get("tasks");
      int running = tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt();
      if (running < v.get("parallelism").asInt()) {
        return false;
      }
    }
    return true;
  }

  JsonNode checkpoints(String jobId) throws Exception {
    return JSON.readTree(cluster.get("/jobs/" + jobId + "/checkpoints"));
  }

  JsonNode exceptions(String jobId) throws Exception {
    return JSON.readTree(cluster.get("/jobs/" + jobId + "/exceptions"));
  }

  /** Stops the job with a savepoint under {@code directory}; returns the savepoint's path. */
  String stopWithSavepoint(String jobId, String directory, Duration timeout) throws Exception {
    JsonNode trigger =
        send(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of("targetDirectory", directory, "drain", false)))),
            "stop " + jobId);
    String requestId = trigger.get("request-id").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = JSON.readTree(cluster.get("/jobs/" + jobId + "/savepoints/" + requestId));
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode op = status.get("operation");
        if (op.has("failure-cause")) {
          throw new IllegalStateException("stop with savepoint failed: " + op.get("failure-cause"));
        }
        return op.get("location").asText();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no savepoint within " + timeout);
  }

  void cancel(String jobId) throws Exception {
    HttpResponse<String> r =
        cluster
            .http()
            .send(
                HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("cancel " + jobId + ": " + r.statusCode() + " " + r.body());
    }
  }

  private JsonNode send(HttpRequest.Builder request, String what) throws Exception {
    HttpResponse<String> r =
        cluster
            .http()
            .send(
                request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private URI uri(String path) {
    return URI.create(cluster.restUrl() + path);
  }
}
