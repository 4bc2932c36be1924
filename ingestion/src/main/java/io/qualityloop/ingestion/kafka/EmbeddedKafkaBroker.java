package io.qualityloop.ingestion.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

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
  private static final String HOST = "127.0.0.1";

  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final int brokerPort;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path logDir, boolean deleteLogDirOnClose) {
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.brokerPort = freePort();
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
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, deleteLogDirOnClose);
    broker.formatAndStart();
    return broker;
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** Creates the topics (idempotent: existing topics are kept). */
  public void createTopics(Collection<String> topics, int partitions) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      List<NewTopic> newTopics =
          topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).collect(Collectors.toList());
      admin.createTopics(newTopics).values().forEach((topic, future) -> {
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
          }
        } catch (Exception e) {
          throw new IllegalStateException("cannot create topic " + topic, e);
        }
      });
    }
  }

  private void formatAndStart() {
    int controllerPort = freePort();
    String clusterId = Uuid.randomUuid().toString();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
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
        formatStorage(clusterId);
      }
      server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
      server.startup();
    } catch (Exception e) {
      throw new IllegalStateException("the embedded Kafka broker did not start: " + e.getMessage(), e);
    }
  }

  /** What {@code kafka-storage.sh format} does; a log kept from an earlier start keeps its cluster id. */
  private void formatStorage(String clusterId) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(clusterId)
        .addDirectory(logDir.toString())
        .setMetadataLogDirectory(logDir.toString())
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setControllerListenerName("CONTROLLER")
        .setIgnoreFormatted(true)
        .run();
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
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
