package io.qualityloop.reports.web;

import io.qualityloop.events.EventCodec;
import io.qualityloop.events.FollowUpEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes follow-up events to Kafka (idempotent producer, every replica acknowledges), keyed by
 * the follow-up so that one follow-up's events stay in order; {@link #publish} waits for the
 * acknowledgement, so a change the user saw saved is stored.
 */
public final class KafkaFollowUpPublisher implements FollowUpPublisher, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Duration timeout;
  private final EventCodec<FollowUpEvent> codec = EventCodec.of(FollowUpEvent.class);

  public KafkaFollowUpPublisher(String bootstrapServers, String topic, Duration timeout) {
    this(bootstrapServers, Map.of(), topic, timeout);
  }

  /**
   * @param clientProperties the Kafka client settings every client of the deployment gets (security
   *     protocol, login); the producer's own delivery settings below take precedence
   */
  public KafkaFollowUpPublisher(
      String bootstrapServers, Map<String, ?> clientProperties, String topic, Duration timeout) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "qualityloop-drill-down");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis() / 2));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public void publish(FollowUpEvent event) {
    try {
      producer
          .send(new ProducerRecord<>(topic, event.followupId(), codec.encode(event)))
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while publishing follow-up event " + event.eventId(), e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "follow-up event "
              + event.eventId()
              + " was not accepted by topic "
              + topic
              + ": "
              + cause.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
