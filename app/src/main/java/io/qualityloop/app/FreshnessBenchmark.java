package io.qualityloop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.jobs.LakeJobRunner;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness: how long after an event is produced it can be queried in DuckDB. The lake job runs
 * continuously; a producer publishes service interactions at a fixed rate, each with a new event id
 * and the moment it was sent; a reader lists the lake's finished files every 100 ms and reads the
 * event ids of new ones. An event's freshness is the time from its send to the first poll that
 * finds it: the wait for the next checkpoint, the checkpoint itself, the file's commit, and at most
 * one poll interval.
 */
final class FreshnessBenchmark {
  record Result(
      long produced,
      long seen,
      double p50Seconds,
      double p95Seconds,
      double maxSeconds,
      double rate) {}

  private static final long POLL_MILLIS = 100;

  private FreshnessBenchmark() {}

  static Result run(
      QualityLoopConfig config,
      String bootstrap,
      GeneratedData data,
      int eventsPerSecond,
      Duration duration)
      throws Exception {
    JobClient job = LakeJobRunner.startContinuousLakeJob(config, bootstrap);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    Path table = config.lakeRoot().resolve(EventStream.SERVICE_INTERACTIONS.tableName());
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
    Set<Path> read = new HashSet<>(LakeFiles.of(table));
    AtomicLong produced = new AtomicLong();
    try (KafkaProducer<byte[], byte[]> producer = producer(config.kafkaClients(bootstrap));
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      threads.scheduleWithFixedDelay(
          () -> poll(duckdb, table, read, sentAt, latencies),
          POLL_MILLIS,
          POLL_MILLIS,
          TimeUnit.MILLISECONDS);
      String topic = config.topics().get(EventStream.SERVICE_INTERACTIONS);
      EventCodec<ServiceInteraction> codec = EventCodec.of(ServiceInteraction.class);
      ObjectMapper json = EventCodec.mapper();
      List<ServiceInteraction> templates = data.interactions();
      int perTick = Math.max(1, eventsPerSecond / 100);
      long ticks = duration.toMillis() / 10;
      long start = System.nanoTime();
      for (long tick = 0; tick < ticks; tick++) {
        for (int i = 0; i < perTick; i++) {
          long n = produced.getAndIncrement();
          ServiceInteraction template = templates.get((int) (n % templates.size()));
          ObjectNode event = (ObjectNode) codec.toTree(template);
          String id = "fresh-" + n;
          event.put("event_id", id);
          sentAt.put(id, System.nanoTime());
          producer.send(
              new ProducerRecord<>(
                  topic, id.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(event)));
        }
        long next = start + (tick + 1) * 10_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
      }
      producer.flush();
      double rate = produced.get() / ((System.nanoTime() - start) / 1e9);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (latencies.size() < produced.get() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      threads.shutdown();
      threads.awaitTermination(5, TimeUnit.SECONDS);
      List<Double> sorted;
      synchronized (latencies) {
        sorted = new ArrayList<>(latencies);
      }
      sorted.sort(null);
      return new Result(
          produced.get(),
          sorted.size(),
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
          rate);
    } finally {
      threads.shutdownNow();
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  private static void poll(
      Connection duckdb,
      Path table,
      Set<Path> read,
      Map<String, Long> sentAt,
      List<Double> latencies) {
    try {
      List<Path> fresh = LakeFiles.of(table).stream().filter(f -> !read.contains(f)).toList();
      if (fresh.isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      try (Statement s = duckdb.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select event_id from read_parquet(" + LakeFiles.sqlList(fresh) + ")")) {
        while (rs.next()) {
          Long sent = sentAt.remove(rs.getString(1));
          if (sent != null) {
            latencies.add((now - sent) / 1e9);
          }
        }
      }
      read.addAll(fresh);
    } catch (Exception e) {
      throw new IllegalStateException("the freshness reader failed: " + e.getMessage(), e);
    }
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaClientSettings kafka) {
    Properties props = kafka.properties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(props);
  }
}
