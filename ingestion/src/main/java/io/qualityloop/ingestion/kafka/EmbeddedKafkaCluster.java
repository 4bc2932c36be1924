package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.KafkaClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real multi-node Kafka 4.x cluster in KRaft mode inside this JVM: {@code n} nodes, each a
 * combined broker and controller, with a static controller quorum of all of them, on 127.0.0.1.
 * Internal topics and the topics it creates are replicated to every node with {@code
 * min.insync.replicas = n - 1}, so the cluster keeps accepting acknowledged writes while one node
 * is down. A node can be stopped and started again on the same ports and log, which is how the
 * fault tests bounce a broker.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final String HOST = KafkaNodes.HOST;

  private final Path root;
  private final String clusterId = Uuid.randomUuid().toString();
  private final int[] brokerPorts;
  private final int[] controllerPorts;
  private final KafkaRaftServer[] servers;

  private EmbeddedKafkaCluster(Path root, int nodes) {
    this.root = root;
    this.brokerPorts = new int[nodes];
    this.controllerPorts = new int[nodes];
    this.servers = new KafkaRaftServer[nodes];
    for (int i = 0; i < nodes; i++) {
      brokerPorts[i] = KafkaNodes.freePort();
      controllerPorts[i] = KafkaNodes.freePort();
    }
  }

  /** Formats and starts {@code nodes} nodes with their logs under {@code root}. */
  public static EmbeddedKafkaCluster start(Path root, int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(root, nodes);
    try {
      for (int i = 0; i < nodes; i++) {
        cluster.format(i);
      }
      // The controllers elect a leader only once a majority runs: start them all before waiting on
      // any.
      List<Thread> starting = new ArrayList<>();
      List<RuntimeException> failures = new CopyOnWriteArrayList<>();
      for (int i = 0; i < nodes; i++) {
        int node = i;
        Thread t =
            new Thread(
                () -> {
                  try {
                    cluster.startNode(node);
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                },
                "kafka-node-" + (i + 1) + "-start");
        t.start();
        starting.add(t);
      }
      for (Thread t : starting) {
        t.join();
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cluster.close();
      throw new IllegalStateException("interrupted while starting the Kafka cluster", e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public int size() {
    return servers.length;
  }

  /** Every node's {@code host:port}, for clients. */
  public String bootstrapServers() {
    List<String> all = new ArrayList<>();
    for (int port : brokerPorts) {
      all.add(HOST + ":" + port);
    }
    return String.join(",", all);
  }

  /** Creates the topics replicated to every node (idempotent: existing topics are kept). */
  public void createTopics(Collection<String> topics, int partitions) {
    KafkaNodes.createTopics(
        KafkaClientSettings.plaintext(bootstrapServers()),
        topics,
        partitions,
        (short) servers.length,
        Map.of("min.insync.replicas", String.valueOf(minInsyncReplicas())));
  }

  /** Stops node {@code index} (0-based) cleanly; its log stays for {@link #startNode}. */
  public void stopNode(int index) {
    KafkaRaftServer server = servers[index];
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      servers[index] = null;
    }
  }

  /** Starts node {@code index} (0-based) on its ports and log; it catches up from the others. */
  public void startNode(int index) {
    if (servers[index] != null) {
      return;
    }
    try {
      KafkaRaftServer server =
          new KafkaRaftServer(new KafkaConfig(nodeProperties(index), false), Time.SYSTEM);
      server.startup();
      servers[index] = server;
    } catch (Exception e) {
      throw new IllegalStateException(
          "Kafka node " + (index + 1) + " did not start: " + e.getMessage(), e);
    }
  }

  private int minInsyncReplicas() {
    return Math.max(1, servers.length - 1);
  }

  private Path logDir(int index) {
    return root.resolve("node-" + (index + 1));
  }

  private Properties nodeProperties(int index) {
    String voters =
        IntStream.range(0, servers.length)
            .mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts[i])
            .collect(Collectors.joining(","));
    String replicas = String.valueOf(servers.length);
    String minIsr = String.valueOf(minInsyncReplicas());
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(index + 1));
    props.put("controller.quorum.voters", voters);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPorts[index]
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPorts[index]);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts[index]);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir(index).toString());
    props.put("num.partitions", "2");
    props.put("default.replication.factor", replicas);
    props.put("min.insync.replicas", minIsr);
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", replicas);
    props.put("offsets.topic.num.partitions", "2");
    props.put("transaction.state.log.replication.factor", replicas);
    props.put("transaction.state.log.min.isr", minIsr);
    props.put("transaction.state.log.num.partitions", "4");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("share.coordinator.state.topic.replication.factor", replicas);
    props.put("share.coordinator.state.topic.min.isr", minIsr);
    props.put("unclean.leader.election.enable", "false");
    // A node going away is noticed in seconds, not the production half-minute: a stopped node is
    // fenced after 3 s, and a follower that stopped fetching leaves the in-sync set after 5 s, so
    // acks=all writes go on with the two others.
    props.put("broker.heartbeat.interval.ms", "500");
    props.put("broker.session.timeout.ms", "3000");
    props.put("replica.lag.time.max.ms", "5000");
    // Controlled shutdown asks the active controller to move leadership away first; the last
    // nodes of a cluster being closed have no controller quorum left to ask and would wait five
    // minutes. Leadership moves on fencing instead, within the session timeout above.
    props.put("controlled.shutdown.enable", "false");
    return props;
  }

  /** What {@code kafka-storage.sh format} does on each node. */
  private void format(int index) {
    try {
      Files.createDirectories(logDir(index));
      KafkaNodes.format(index + 1, clusterId, logDir(index));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format Kafka node " + (index + 1) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < servers.length; i++) {
      KafkaRaftServer server = servers[i];
      if (server != null) {
        server.shutdown();
      }
    }
    for (int i = 0; i < servers.length; i++) {
      if (servers[i] != null) {
        servers[i].awaitShutdown();
        servers[i] = null;
      }
    }
  }
}
