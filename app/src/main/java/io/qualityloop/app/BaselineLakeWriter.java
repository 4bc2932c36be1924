package io.qualityloop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.functions.LakeRowConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
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
 * (JSON decode and the lake's own row conversion, no validation, no pseudonymisation, no Flink)
 * and writing it with a plain Parquet writer (ZSTD, one file per table).
 */
final class BaselineLakeWriter {
  private BaselineLakeWriter() {}

  /** Reads every record of {@code topics} and writes the rows under {@code out}; returns the records read. */
  static long run(String bootstrap, Map<EventStream, String> topics, Path out, ZoneId zone) throws IOException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    ObjectMapper json = new ObjectMapper();
    LakeRowConverter converter = new LakeRowConverter(zone);
    Files.createDirectories(out);
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<String, EventStream> streamOfTopic = new HashMap<>();
      topics.forEach((stream, topic) -> streamOfTopic.put(topic, stream));
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics.values()) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<EventStream, ParquetWriter<GenericRecord>> writers = new HashMap<>();
      Map<EventStream, LakeTable> tables = new HashMap<>();
      Map<EventStream, org.apache.avro.Schema> schemas = new HashMap<>();
      try {
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            EventStream stream = streamOfTopic.get(r.topic());
            LakeTable table = tables.computeIfAbsent(stream, LakeTable::of);
            org.apache.avro.Schema schema = schemas.computeIfAbsent(stream, x -> table.schema());
            JsonNode event = json.readTree(r.value());
            GenericRecord row = converter.convert(event, schema);
            row.put("src_partition", r.partition());
            row.put("src_offset", r.offset());
            row.put("landed_at", converter.localMicrosOfEpochMillis(r.timestamp()));
            ParquetWriter<GenericRecord> writer = writers.get(stream);
            if (writer == null) {
              writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(out.resolve(table.name() + ".parquet")))
                  .withConf(new org.apache.hadoop.conf.Configuration(false))
                  .withSchema(schema)
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
}
