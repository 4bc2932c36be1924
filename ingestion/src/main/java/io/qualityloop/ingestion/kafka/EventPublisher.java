package io.qualityloop.ingestion.kafka;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.ServiceInteraction;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to Kafka with an idempotent producer (acks=all, no duplicates on retry). Each
 * record is keyed so that all events of one complaint, or of one household, stay in order on one
 * partition.
 */
public final class EventPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private long sent;

  /** A publisher to a cluster reached without client settings (the in-process broker). */
  public EventPublisher(String bootstrapServers, Map<String, String> overrides) {
    this(KafkaClientSettings.plaintext(bootstrapServers), overrides);
  }

  /** A publisher to the cluster {@code kafka} names, with its client (security) settings. */
  public EventPublisher(KafkaClientSettings kafka, Map<String, String> overrides) {
    Properties props = kafka.properties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "qualityloop-ingestion");
    props.putAll(overrides);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one event asynchronously; failures surface in {@link #flush()}. */
  public <T extends QualityEvent> void publish(
      String topic, EventCodec<T> codec, T event, Function<T, String> key) {
    producer.send(
        new ProducerRecord<>(topic, key.apply(event), codec.encode(event)),
        (metadata, exception) -> {
          if (exception != null) {
            firstFailure.compareAndSet(
                null,
                new IllegalStateException(
                    "event "
                        + event.eventId()
                        + " was not accepted by topic "
                        + topic
                        + ": "
                        + exception.getMessage(),
                    exception));
          }
        });
    sent++;
  }

  /**
   * Sends an event of any stream, keyed as the stream's consumers need: a complaint's events
   * together, else by household.
   */
  @SuppressWarnings("unchecked")
  public void publish(String topic, EventStream stream, QualityEvent event) {
    EventCodec<QualityEvent> codec = EventCodec.forStream(stream);
    publish(topic, codec, event, EventPublisher::keyOf);
  }

  /**
   * The partitioning key: complaint id for complaint events, else household (project when none).
   */
  public static String keyOf(QualityEvent e) {
    if (e instanceof ComplaintEvent c) {
      return c.complaintId();
    }
    String household =
        e instanceof ServiceInteraction i
            ? i.householdId()
            : e instanceof CallbackSurvey s ? s.householdId() : null;
    return household != null ? household : e.projectId();
  }

  /** Waits until every sent event is acknowledged; throws the first failure, if any. */
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw (IllegalStateException) failure;
    }
  }

  public long sent() {
    return sent;
  }

  @Override
  public void close() {
    producer.close();
  }
}
