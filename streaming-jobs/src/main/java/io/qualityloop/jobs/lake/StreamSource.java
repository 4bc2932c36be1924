package io.qualityloop.jobs.lake;

import org.apache.flink.api.connector.source.Source;

/**
 * Where a stream's records come from: the source, and the topic it reads (named in the bookkeeping
 * tables).
 */
public record StreamSource(String topic, Source<KafkaPayload, ?, ?> source) {}
