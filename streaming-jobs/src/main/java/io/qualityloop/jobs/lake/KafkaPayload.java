package io.qualityloop.jobs.lake;

/**
 * A raw record as read from Kafka, with where it came from, so that every row in the lake and in
 * quarantine can be traced back to a topic, partition and offset. A Flink POJO.
 */
public class KafkaPayload {
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] value;

  public KafkaPayload() {}

  public KafkaPayload(String topic, int partition, long offset, long timestamp, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.value = value;
  }

  /** {@code topic/partition/offset}, unique per record. */
  public String position() {
    return topic + "/" + partition + "/" + offset;
  }
}
