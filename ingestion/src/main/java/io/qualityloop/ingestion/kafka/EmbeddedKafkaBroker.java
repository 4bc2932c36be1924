package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
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
  private final int brokerPort;

  /** Users and passwords of a SASL/PLAIN listener, the first the broker's own; empty: PLAINTEXT. */
  private final Map<String, String> saslUsers;

  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Path logDir, boolean deleteLogDirOnClose, Map<String, String> saslUsers) {
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.saslUsers = saslUsers;
    this.brokerPort = KafkaNodes.freePort();
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
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, deleteLogDirOnClose, Map.of());
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
              Files.createTempDirectory("qualityloop-kafka-sasl-"), true, users);
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

  private void formatAndStart() {
    int controllerPort = KafkaNodes.freePort();
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
      throw new IllegalStateException(
          "the embedded Kafka broker did not start: " + e.getMessage(), e);
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
