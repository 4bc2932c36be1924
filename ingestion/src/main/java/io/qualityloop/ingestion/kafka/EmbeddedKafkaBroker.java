package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka 4.x broker in KRaft mode (combined broker + controller) running inside
 * this JVM, bound to 127.0.0.1 on ports chosen at start. Used by the demo and the tests; in
 * production QualityLoop talks to any cluster through its bootstrap servers instead.
 *
 * <p>It uses Kafka's own production classes: the storage {@link Formatter} (what {@code
 * kafka-storage.sh format} runs) and {@link KafkaRaftServer} (what {@code kafka-server-start.sh}
 * runs).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String HOST = KafkaNodes.HOST;

  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private int brokerPort;

  /** Users and passwords of a SASL/PLAIN listener, the first the broker's own; empty: PLAINTEXT. */
  private final Map<String, String> saslUsers;

  /** Where ports come from: free ones, or, in a test, taken ones first. */
  private final IntSupplier ports;

  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Path logDir, boolean deleteLogDirOnClose, Map<String, String> saslUsers, IntSupplier ports) {
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.saslUsers = saslUsers;
    this.ports = ports;
    this.brokerPort = ports.getAsInt();
  }

  /** Starts a broker whose log lives in a fresh temporary directory, deleted on close. */
  public static EmbeddedKafkaBroker start() {
    try {
      return start(Files.createTempDirectory("qualityloop-kafka-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the Kafka log", e);
    }
  }

  public static EmbeddedKafkaBroker start(Path logDir, boolean deleteLogDirOnClose) {
    return start(logDir, deleteLogDirOnClose, KafkaNodes::freePort);
  }

  /** As {@link #start(Path, boolean)}, its ports from {@code ports} (a test gives taken ones). */
  static EmbeddedKafkaBroker start(Path logDir, boolean deleteLogDirOnClose, IntSupplier ports) {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(logDir, deleteLogDirOnClose, Map.of(), ports);
    broker.formatAndStart();
    return broker;
  }

  /**
   * Starts a broker (log in a fresh temporary directory) whose only client listener is
   * SASL_PLAINTEXT with the PLAIN mechanism, for these users and passwords (name -> password); the
   * broker logs in as the first. Clients reach it only with {@link #saslClientSettings}.
   */
  public static EmbeddedKafkaBroker startWithSaslPlain(LinkedHashMap<String, String> users) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("a SASL listener needs at least one user");
    }
    try {
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              Files.createTempDirectory("qualityloop-kafka-sasl-"),
              true,
              users,
              KafkaNodes::freePort);
      broker.formatAndStart();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the Kafka log", e);
    }
  }

  /** The client settings that log in to this broker's SASL/PLAIN listener as {@code user}. */
  public KafkaClientSettings saslClientSettings(String user, String password) {
    return new KafkaClientSettings(
        bootstrapServers(),
        Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", plainLogin(user, password)));
  }

  /** Settings that reach this broker: PLAINTEXT, or its SASL listener as its own (first) user. */
  public KafkaClientSettings clientSettings() {
    if (saslUsers.isEmpty()) {
      return KafkaClientSettings.plaintext(bootstrapServers());
    }
    var self = saslUsers.entrySet().iterator().next();
    return saslClientSettings(self.getKey(), self.getValue());
  }

  private static String plainLogin(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** Creates the topics (idempotent: existing topics are kept). */
  public void createTopics(Collection<String> topics, int partitions) {
    KafkaNodes.createTopics(clientSettings(), topics, partitions, (short) 1, Map.of());
  }

  /** Attempts at starting, each on ports chosen again, when one was taken meanwhile. */
  private static final int START_ATTEMPTS = 5;

  /**
   * Formats the log (once) and starts the broker. A port is chosen free and bound a moment later,
   * so another process may take it in between (an outgoing connection's local port, another
   * broker): then the broker is started again on ports chosen again. During start-up Kafka's fatal
   * fault handler would end the whole JVM with exit code 1 and nothing on the console (a taken
   * controller port does so): it throws instead, so the start can be tried again or fail with a
   * message. Once started, Kafka's own exit procedures apply again.
   */
  private void formatAndStart() {
    for (int attempt = 1; ; attempt++) {
      try {
        Exit.setExitProcedure(EmbeddedKafkaBroker::fatal);
        Exit.setHaltProcedure(EmbeddedKafkaBroker::fatal);
        startOnce();
        return;
      } catch (RuntimeException e) {
        stopQuietly();
        if (attempt == START_ATTEMPTS || !worthAnotherStart(e)) {
          throw new IllegalStateException(
              "the embedded Kafka broker did not start: " + rootMessage(e), e);
        }
        brokerPort = ports.getAsInt();
      } finally {
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
      }
    }
  }

  private static void fatal(int status, String message) {
    throw new IllegalStateException(
        "Kafka ended the broker with status " + status + (message == null ? "" : ": " + message));
  }

  /**
   * Whether a start failed in a way new ports may mend: a port taken (a bind failure among the
   * causes), or Kafka's fatal fault handler called during start-up, which is how a taken controller
   * port shows (the bind failure itself only reaches the log).
   */
  private static boolean worthAnotherStart(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")
          || String.valueOf(t.getMessage()).contains("SocketServer Acceptors")
          || String.valueOf(t.getMessage()).contains("Kafka ended the broker")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private void stopQuietly() {
    if (server != null) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException ignored) {
        // a broker that did not start has little to stop
      }
      server = null;
    }
  }

  private void startOnce() {
    int controllerPort = ports.getAsInt();
    String clusterId = Uuid.randomUuid().toString();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    String listener = saslUsers.isEmpty() ? "PLAINTEXT" : "SASL_PLAINTEXT";
    props.put(
        "listeners",
        listener
            + "://"
            + HOST
            + ":"
            + brokerPort
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", listener + "://" + HOST + ":" + brokerPort);
    props.put(
        "listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", listener);
    if (!saslUsers.isEmpty()) {
      var self = saslUsers.entrySet().iterator().next();
      StringBuilder jaas =
          new StringBuilder(
                  "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"")
              .append(self.getKey())
              .append("\" password=\"")
              .append(self.getValue())
              .append('"');
      saslUsers.forEach(
          (user, password) ->
              jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
      props.put("sasl.enabled.mechanisms", "PLAIN");
      props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }
    props.put("log.dirs", logDir.toString());
    props.put("num.partitions", "2");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "2");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        KafkaNodes.format(1, clusterId, logDir);
      }
      server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
      server.startup();
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
    if (deleteLogDirOnClose) {
      deleteRecursively(logDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory left behind is harmless
    }
  }
}
