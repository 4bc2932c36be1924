package io.qualityloop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real standalone Flink session cluster on 127.0.0.1: one JobManager and {@code n} TaskManagers,
 * each its own JVM process started from the Maven Central jars in {@code lib} (what {@code
 * bin/jobmanager.sh} and {@code bin/taskmanager.sh} of a distribution start: {@code
 * StandaloneSessionClusterEntrypoint} and {@code TaskManagerRunner}). Logs go to {@code <dir>/log}.
 * A TaskManager can be killed with SIGKILL and started again.
 */
final class FlinkStandaloneCluster implements AutoCloseable {
  static final List<String> JAVA_OPENS =
      List.of(
          "--add-opens=java.base/java.util=ALL-UNNAMED",
              "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
              "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
              "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
              "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
              "--add-opens=java.base/java.text=ALL-UNNAMED");

  private final Path lib;
  private final Path dir;
  private final Path logs =
      Path.of("target", "flink-logs", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
  private final int restPort = freePort();
  private final int rpcPort = freePort();
  private Process jobManager;
  private List<List<String>> tmResources;
  private final List<Process> taskManagers = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FlinkStandaloneCluster(Path lib, Path dir) {
    this.lib = lib;
    this.dir = dir;
  }

  static FlinkStandaloneCluster start(Path lib, Path dir, int taskManagers) throws Exception {
    FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(lib, dir);
    try {
      cluster.writeConfiguration();
      cluster.jobManager =
          cluster.launch(
              "jobmanager",
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              List.of(List.of("-Xmx512m"), List.of()));
      cluster.awaitRest(Duration.ofSeconds(90));
      for (int i = 0; i < taskManagers; i++) {
        cluster.taskManagers.add(null);
        cluster.startTaskManager(i);
      }
      cluster.awaitTaskManagers(taskManagers, Duration.ofSeconds(90));
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /**
   * Under target/, so the processes' logs outlive the test's temporary directory (CI keeps them).
   */
  Path logDir() {
    return logs;
  }

  /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
  void killTaskManager(int index) throws InterruptedException {
    Process p = taskManagers.get(index);
    p.destroyForcibly();
    p.waitFor();
  }

  void startTaskManager(int index) throws IOException {
    List<String> dynamic = new ArrayList<>(taskManagerResources().get(1));
    dynamic.add("-D");
    dynamic.add("taskmanager.resource-id=taskmanager-" + (index + 1));
    taskManagers.set(
        index,
        launch(
            "taskmanager-" + (index + 1),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of(taskManagerResources().get(0), dynamic)));
  }

  /** The index of a TaskManager that runs tasks (has a slot in use), or -1. */
  int busyTaskManager() throws Exception {
    JsonNode all = new ObjectMapper().readTree(get("/taskmanagers"));
    for (JsonNode tm : all.get("taskmanagers")) {
      if (tm.get("freeSlots").asInt() < tm.get("slotsNumber").asInt()) {
        return Integer.parseInt(tm.get("id").asText().substring("taskmanager-".length())) - 1;
      }
    }
    return -1;
  }

  /**
   * What {@code bin/taskmanager.sh} asks {@code BashJavaUtils} for: the JVM memory options and the
   * dynamic properties of the TaskManager's resource spec, derived from the configuration.
   */
  private List<List<String>> taskManagerResources() throws IOException {
    if (tmResources == null) {
      Process p =
          new ProcessBuilder(
                  java(),
                  "-cp",
                  lib.toAbsolutePath() + "/*",
                  "org.apache.flink.runtime.util.bash.BashJavaUtils",
                  "GET_TM_RESOURCE_PARAMS",
                  "--configDir",
                  dir.resolve("conf").toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      List<String> results =
          out.lines()
              .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
              .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
              .toList();
      if (results.size() < 2) {
        throw new IllegalStateException("BashJavaUtils gave no TaskManager resources: " + out);
      }
      tmResources =
          List.of(List.of(results.get(0).split("\\s+")), List.of(results.get(1).split("\\s+")));
    }
    return tmResources;
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** How many TaskManagers the JobManager has registered. */
  int registeredTaskManagers() throws Exception {
    String body = get("/taskmanagers");
    return body.split("\"id\"", -1).length - 1;
  }

  void awaitTaskManagers(int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (registeredTaskManagers() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            n
                + " TaskManagers did not register within "
                + timeout
                + "; logs in "
                + logDir()
                + "; taskmanager-1.out ends: "
                + tail(logDir().resolve("taskmanager-1.out"))
                + "; taskmanager-1.log ends: "
                + tail(logDir().resolve("taskmanager-1.log")));
      }
      Thread.sleep(250);
    }
  }

  String get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(restUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  HttpClient http() {
    return http;
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file);
      return text.substring(Math.max(0, text.length() - 3000));
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  private void awaitRest(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        get("/overview");
        return;
      } catch (IOException | IllegalStateException e) {
        if (!jobManager.isAlive()) {
          throw new IllegalStateException(
              "the JobManager exited with " + jobManager.exitValue() + "; log in " + logDir());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the JobManager's REST API did not answer within "
                  + timeout
                  + "; log in "
                  + logDir());
        }
        Thread.sleep(250);
      }
    }
  }

  /**
   * {@code jvmAndDynamic}: JVM options, then {@code -D key=value} properties after the
   * configuration directory.
   */
  private Process launch(String name, String mainClass, List<List<String>> jvmAndDynamic)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmAndDynamic.get(0));
    command.addAll(JAVA_OPENS);
    command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri());
    command.add("-cp");
    command.add(lib.toAbsolutePath() + "/*");
    command.add(mainClass);
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    command.addAll(jvmAndDynamic.get(1));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir().resolve(name + ".out").toFile()))
        .start();
  }

  private void writeConfiguration() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(logDir());
    Files.createDirectories(dir.resolve("upload"));
    Files.writeString(
        dir.resolve("conf/config.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + rpcPort,
            "jobmanager.bind-host: 127.0.0.1",
            "jobmanager.memory.process.size: 1024m",
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.numberOfTaskSlots: 2",
            "taskmanager.memory.process.size: 1400m",
            "taskmanager.memory.managed.size: 64m",
            "parallelism.default: 2",
            // one task slot of each TaskManager before two of one: killing either hits the job
            "taskmanager.load-balance.mode: SLOTS",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "web.upload.dir: " + dir.resolve("upload"),
            // a TaskManager that died is noticed within seconds, not the default 50
            "heartbeat.interval: 1000",
            "heartbeat.timeout: 5000",
            "env.java.opts.all: " + String.join(" ", JAVA_OPENS),
            ""));
    Files.writeString(
        dir.resolve("conf/log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = MainAppender",
            "appender.main.name = MainAppender",
            "appender.main.type = File",
            "appender.main.fileName = ${sys:log.file}",
            "appender.main.layout.type = PatternLayout",
            "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            "logger.parquet.name = org.apache.parquet",
            "logger.parquet.level = WARN",
            ""));
  }

  @Override
  public void close() {
    for (Process p : taskManagers) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    if (jobManager != null) {
      jobManager.destroyForcibly();
    }
    for (Process p : taskManagers) {
      if (p != null) {
        try {
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
