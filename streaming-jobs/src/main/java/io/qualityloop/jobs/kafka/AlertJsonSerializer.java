package io.qualityloop.jobs.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.qualityloop.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert record as JSON (snake_case, local times) on an alerts topic, keyed by {@code key}. The
 * lake's {@code landed_at} is left out: it depends on how far the job had read, and an alert must
 * read the same on every run (the record's own Kafka timestamp says when it was sent).
 */
public final class AlertJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;
  private final String topic;
  private final SerializableFunction<T, String> key;

  /**
   * The contract's mapper without {@code landed_at}: written straight to bytes, no JSON tree
   * between.
   */
  private static final ObjectMapper WITHOUT_LANDED_AT =
      EventCodec.mapper()
          .copy()
          .registerModule(
              new SimpleModule("without-landed-at") {
                private static final long serialVersionUID = 1L;

                {
                  setSerializerModifier(
                      new BeanSerializerModifier() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public List<BeanPropertyWriter> changeProperties(
                            SerializationConfig config,
                            BeanDescription bean,
                            List<BeanPropertyWriter> props) {
                          props.removeIf(p -> p.getName().equals("landed_at"));
                          return props;
                        }
                      });
                }
              });

  public AlertJsonSerializer(String topic, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T alert, KafkaSinkContext context, Long timestamp) {
    try {
      return new ProducerRecord<>(
          topic,
          key.apply(alert).getBytes(StandardCharsets.UTF_8),
          WITHOUT_LANDED_AT.writeValueAsBytes(alert));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode alert " + key.apply(alert), e);
    }
  }
}
