package io.qualityloop.app;

import io.qualityloop.ingestion.kafka.EmbeddedKafkaBroker;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default's Kafka: one in-process KRaft broker whose log lives in the working
 * directory ({@code kafka.embedded.log-dir}), so that offsets go on from one command to the next
 * (the demo starts it afresh, each {@code ingest} appends) and reconciliation by offset stays
 * meaningful. All topics the jobs use are created on start.
 */
final class LocalKafka {
  private LocalKafka() {}

  /** Starts the broker; {@code fresh} deletes what earlier commands left in its log first. */
  static EmbeddedKafkaBroker start(QualityLoopConfig config, boolean fresh) throws IOException {
    if (fresh) {
      DemoCommand.deleteRecursively(config.embeddedKafkaDir());
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config.embeddedKafkaDir(), false);
    List<String> topics = new ArrayList<>(config.topics().values());
    topics.add(config.alertsTopic());
    topics.add(config.textAlertsTopic());
    topics.add(config.deadLettersTopic());
    broker.createTopics(topics, config.kafkaPartitions());
    return broker;
  }
}
