package io.qualityloop.jobs;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.IngestPolicy;
import io.qualityloop.jobs.lake.LakeIngestJob;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.StreamSource;
import io.qualityloop.jobs.lake.io.KafkaSources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The lake job's door for one complaint topic, as production wires it: what the lifecycle and text
 * job tests read. Default validation rules (no reference ids), a test pseudonym key.
 */
public final class ComplaintDoor {
  public static final String KEY = "test-pseudonym-key-0123456789";

  private ComplaintDoor() {}

  /**
   * The complaint events from {@code topic} that passed the door; the lake job's own tables go to
   * {@code sinks}. The source reads what the topic holds at the start and ends.
   */
  public static DataStream<ComplaintEventEnvelope> on(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      String group,
      Map<String, String> consumerProperties,
      Function<LakeTable, Sink<GenericRecord>> sinks,
      LakeJobSettings settings,
      Clock clock) {
    return on(
        env, bootstrapServers, topic, group, true, consumerProperties, sinks, settings, clock);
  }

  /** As above; {@code bounded} false reads without end, as a live job does. */
  public static DataStream<ComplaintEventEnvelope> on(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      String group,
      boolean bounded,
      Map<String, String> consumerProperties,
      Function<LakeTable, Sink<GenericRecord>> sinks,
      LakeJobSettings settings,
      Clock clock) {
    StreamSource source =
        new StreamSource(
            topic,
            KafkaSources.forTopic(
                KafkaClientSettings.plaintext(bootstrapServers),
                topic,
                group,
                bounded,
                consumerProperties));
    Pseudonymizer key = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
    IngestPolicy policy =
        new IngestPolicy(
            ValidationRules.defaults(),
            new PayloadRedactor(key, 2000),
            Duration.ofDays(30),
            new RoomPseudonyms(key));
    return new LakeIngestJob(
            Map.of(EventStream.COMPLAINT_EVENTS, source), sinks, null, settings, policy, clock)
        .build(env);
  }
}
