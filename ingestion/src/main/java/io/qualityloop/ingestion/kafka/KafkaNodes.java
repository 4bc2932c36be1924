package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.KafkaClientSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** What the in-process broker and cluster share: ports, storage formatting, topic creation. */
final class KafkaNodes {
  static final String HOST = "127.0.0.1";

  private KafkaNodes() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** What {@code kafka-storage.sh format} does; a log formatted before keeps its cluster id. */
  static void format(int nodeId, String clusterId, Path logDir) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(nodeId)
        .setClusterId(clusterId)
        .addDirectory(logDir.toString())
        .setMetadataLogDirectory(logDir.toString())
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setControllerListenerName("CONTROLLER")
        .setIgnoreFormatted(true)
        .run();
  }

  /** Creates the topics (idempotent: existing topics are kept). */
  static void createTopics(
      KafkaClientSettings kafka,
      Collection<String> topics,
      int partitions,
      short replicas,
      Map<String, String> configs) {
    try (Admin admin = Admin.create(kafka.properties())) {
      List<NewTopic> newTopics =
          topics.stream().map(t -> new NewTopic(t, partitions, replicas).configs(configs)).toList();
      admin
          .createTopics(newTopics)
          .values()
          .forEach(
              (topic, future) -> {
                try {
                  future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                        "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("cannot create topic " + topic, e);
                }
              });
    }
  }
}
