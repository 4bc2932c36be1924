package io.qualityloop.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset range [first, end) of each partition of some topics, as Kafka reports it, and as the
 * demo records it in {@code out/kafka-ranges.json} so that reconciliation can run after the
 * in-process broker is gone.
 */
public record KafkaRanges(Map<String, Map<Integer, long[]>> ranges) {
  public static KafkaRanges read(KafkaClientSettings kafka, Collection<String> topics) {
    return withAdmin(
        kafka,
        "read the offsets of " + topics,
        admin -> {
          Map<String, Map<Integer, long[]>> ranges = new TreeMap<>();
          for (String topic : topics) {
            List<TopicPartition> partitions =
                admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            var first = admin.listOffsets(asSpec(partitions, OffsetSpec.earliest())).all().get();
            var end = admin.listOffsets(asSpec(partitions, OffsetSpec.latest())).all().get();
            Map<Integer, long[]> byPartition = new TreeMap<>();
            for (TopicPartition tp : partitions) {
              byPartition.put(
                  tp.partition(), new long[] {first.get(tp).offset(), end.get(tp).offset()});
            }
            ranges.put(topic, byPartition);
          }
          return new KafkaRanges(ranges);
        });
  }

  /** The end offset of each partition of {@code topic}. */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    ranges
        .getOrDefault(topic, Map.of())
        .forEach((partition, range) -> ends.put(new TopicPartition(topic, partition), range[1]));
    return ends;
  }

  /**
   * Records {@code offsets} as the consumer group's committed position, where it is ahead of what
   * the group has committed (a finished bounded job may end before its last asynchronous offset
   * commit is sent; the next run must not read those records again).
   */
  public static void commitAhead(
      KafkaClientSettings kafka, String groupId, Map<TopicPartition, Long> offsets) {
    withAdmin(
        kafka,
        "commit the offsets of consumer group " + groupId,
        admin -> {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
          Map<TopicPartition, OffsetAndMetadata> ahead = new HashMap<>();
          offsets.forEach(
              (tp, offset) -> {
                var current = committed.get(tp);
                if (current == null || current.offset() < offset) {
                  ahead.put(tp, new OffsetAndMetadata(offset));
                }
              });
          if (!ahead.isEmpty()) {
            admin.alterConsumerGroupOffsets(groupId, ahead).all().get();
          }
          return null;
        });
  }

  /**
   * Waits until the consumer group has committed at least {@code ends} on every partition (a Flink
   * Kafka source commits on each completed checkpoint; an empty partition counts as read), polling
   * with one admin client and calling {@code stillRunning} between polls, which throws to give up.
   */
  public static void awaitCommitted(
      KafkaClientSettings kafka,
      String groupId,
      Map<TopicPartition, Long> ends,
      Runnable stillRunning) {
    withAdmin(
        kafka,
        "read the offsets of consumer group " + groupId,
        admin -> {
          var first =
              admin
                  .listOffsets(asSpec(List.copyOf(ends.keySet()), OffsetSpec.earliest()))
                  .all()
                  .get();
          while (!committed(
              admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(),
              first,
              ends)) {
            stillRunning.run();
            Thread.sleep(200);
          }
          return null;
        });
  }

  /**
   * Whether consumer group {@code groupId} has committed the end of every non-empty partition of
   * {@code topics}: everything published so far is read and its output committed.
   */
  public static boolean isCommitted(Admin admin, String groupId, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    return isCommitted(admin, groupId, ends(admin, topics));
  }

  /** The end offset of each partition of {@code topics} now. */
  public static Map<TopicPartition, Long> ends(Admin admin, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    List<TopicPartition> partitions = new ArrayList<>();
    for (var d : admin.describeTopics(List.copyOf(topics)).allTopicNames().get().values()) {
      d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin
        .listOffsets(asSpec(partitions, OffsetSpec.latest()))
        .all()
        .get()
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /**
   * Whether consumer group {@code groupId} has committed at least {@code ends} on every partition
   * that holds records.
   */
  public static boolean isCommitted(Admin admin, String groupId, Map<TopicPartition, Long> ends)
      throws ExecutionException, InterruptedException {
    var first =
        admin.listOffsets(asSpec(List.copyOf(ends.keySet()), OffsetSpec.earliest())).all().get();
    return committed(
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(), first, ends);
  }

  private static boolean committed(
      Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first,
      Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      var c = committed.get(end.getKey());
      boolean empty = first.get(end.getKey()).offset() >= end.getValue();
      if (!empty && (c == null || c.offset() < end.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** An admin call that may block on Kafka's futures. */
  private interface AdminCall<T> {
    T apply(Admin admin) throws ExecutionException, InterruptedException;
  }

  /**
   * Runs {@code call} with an admin client of {@code kafka}; a failure names {@code what} and the
   * servers.
   */
  private static <T> T withAdmin(KafkaClientSettings kafka, String what, AdminCall<T> call) {
    try (Admin admin = Admin.create(kafka.properties())) {
      return call.apply(admin);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot "
              + what
              + " from Kafka at "
              + kafka.bootstrapServers()
              + ": "
              + e.getCause().getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  private static Map<TopicPartition, OffsetSpec> asSpec(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> m = new HashMap<>();
    partitions.forEach(p -> m.put(p, spec));
    return m;
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ranges);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static KafkaRanges load(Path file) {
    try {
      Map<String, Map<Integer, long[]>> ranges =
          new ObjectMapper()
              .readValue(file.toFile(), new TypeReference<Map<String, Map<Integer, long[]>>>() {});
      return new KafkaRanges(ranges);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recorded Kafka offsets " + file, e);
    }
  }
}
