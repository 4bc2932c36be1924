package io.qualityloop.app;

import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.jobs.lake.functions.LakeRowConverter;
import io.qualityloop.jobs.lake.functions.LakeRowMapping;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The practical limit the lake job is measured against: one thread with a plain Kafka consumer
 * reading the event topics from the start to their end, turning each record into its lake row
 * ({@link RowConversion}: the JSON decoded into the stream's record and the record mapped to the
 * row, as the lake job does; no validation, no scrubbing, no de-duplication, no Flink) and writing
 * it with a plain Parquet writer (ZSTD, one file per table).
 */
final class BaselineLakeWriter {
  private BaselineLakeWriter() {}

  /**
   * Reads every record of {@code topics} and writes the rows under {@code out}; returns the records
   * read.
   */
  static long run(KafkaClientSettings kafka, Map<EventStream, String> topics, Path out, ZoneId zone)
      throws IOException {
    Properties props = kafka.properties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    RowConversion conversion = new RowConversion(zone);
    Files.createDirectories(out);
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<String, EventStream> streamOfTopic = new HashMap<>();
      topics.forEach((stream, topic) -> streamOfTopic.put(topic, stream));
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics.values()) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<EventStream, ParquetWriter<GenericRecord>> writers = new HashMap<>();
      try {
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            EventStream stream = streamOfTopic.get(r.topic());
            GenericRecord row =
                conversion.toRow(stream, r.value(), r.partition(), r.offset(), r.timestamp());
            ParquetWriter<GenericRecord> writer = writers.get(stream);
            if (writer == null) {
              writer =
                  AvroParquetWriter.<GenericRecord>builder(
                          new LocalOutputFile(out.resolve(stream.tableName() + ".parquet")))
                      .withConf(new Configuration(false))
                      .withSchema(row.getSchema())
                      .withDataModel(GenericData.get())
                      .withCompressionCodec(CompressionCodecName.ZSTD)
                      .build();
              writers.put(stream, writer);
            }
            writer.write(row);
            records++;
          }
        }
      } finally {
        for (ParquetWriter<GenericRecord> writer : writers.values()) {
          writer.close();
        }
      }
    }
    return records;
  }

  /**
   * The conversion work any pipeline from these topics to these tables must do, and nothing more:
   * the JSON payload decoded into the stream's record ({@link EventCodec}, Jackson databind) and
   * the record mapped to its lake row ({@link LakeRowMapping}, as the lake job maps it), with the
   * Kafka provenance columns. Shared by the baseline and the bare Flink job.
   */
  static final class RowConversion implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private transient Map<EventStream, LakeRowMapping<Record>> mappings;
    private transient Map<EventStream, EventCodec<QualityEvent>> codecs;
    private transient LakeRowConverter converter;

    RowConversion(ZoneId zone) {
      this.zone = zone;
    }

    @SuppressWarnings("unchecked")
    GenericRecord toRow(
        EventStream stream, byte[] value, int partition, long offset, long timestamp) {
      if (mappings == null) {
        mappings = new EnumMap<>(EventStream.class);
        codecs = new EnumMap<>(EventStream.class);
        converter = new LakeRowConverter(zone);
      }
      LakeRowMapping<Record> mapping =
          mappings.computeIfAbsent(stream, s -> LakeRowMapping.forStream(s, zone));
      EventCodec<QualityEvent> codec = codecs.computeIfAbsent(stream, EventCodec::forStream);
      QualityEvent event;
      try {
        event = codec.decode(value);
      } catch (EventDecodingException e) {
        throw new IllegalStateException(
            "the benchmark's input is valid by construction: " + e.getMessage(), e);
      }
      GenericRecord row = mapping.toRow((Record) event);
      row.put("src_partition", partition);
      row.put("src_offset", offset);
      row.put("landed_at", converter.localMicrosOfEpochMillis(timestamp));
      return row;
    }
  }
}
