package io.qualityloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one place that builds Kafka client properties: what it passes through, and what it never
 * shows.
 */
class KafkaClientSettingsTest {
  @Test
  void everyKeyUnderThePrefixIsPassedWithoutItAndNothingElse() {
    Map<String, String> client =
        KafkaClientSettings.fromConfiguration(
            Map.of(
                "kafka.client.security.protocol", "SASL_SSL",
                "kafka.client.ssl.truststore.location", "/etc/ql/truststore.p12",
                "kafka.client.ssl.truststore.password", "changeit",
                "kafka.client.sasl.mechanism", " ",
                "kafka.bootstrap.servers", "k1:9093",
                "kafka.partitions", "2"));
    assertThat(client)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SASL_SSL",
                "ssl.truststore.location", "/etc/ql/truststore.p12",
                "ssl.truststore.password", "changeit"));
    KafkaClientSettings kafka = new KafkaClientSettings("k1:9093", client);
    assertThat(kafka.properties())
        .containsEntry("bootstrap.servers", "k1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .hasSize(4);
  }

  @Test
  void anEnvironmentVariableNamesAClientKeyWithUnderscoresForDots() {
    assertThat(KafkaClientSettings.configurationKeyOf("QUALITYLOOP_KAFKA_CLIENT_SASL_JAAS_CONFIG"))
        .isEqualTo("kafka.client.sasl.jaas.config");
    assertThat(
            KafkaClientSettings.configurationKeyOf(
                "QUALITYLOOP_KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD"))
        .isEqualTo("kafka.client.ssl.keystore.password");
    assertThat(KafkaClientSettings.configurationKeyOf("QUALITYLOOP_KAFKA_BOOTSTRAP_SERVERS"))
        .isNull();
    assertThat(KafkaClientSettings.configurationKeyOf("QUALITYLOOP_KAFKA_CLIENT_")).isNull();
  }

  @Test
  void itsTextHidesTheLoginAndEveryPassword() {
    KafkaClientSettings kafka =
        new KafkaClientSettings(
            "k1:9093",
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ql\" password=\"s3cr3t\";",
                "ssl.truststore.password", "changeit",
                "ssl.key.password", "keypass"));
    assertThat(kafka.toString())
        .isEqualTo(
            "Kafka at k1:9093 {sasl.jaas.config=[hidden], security.protocol=SASL_SSL,"
                + " ssl.key.password=[hidden], ssl.truststore.password=[hidden]}");
  }

  @Test
  void theBootstrapServersAreNotAClientSetting() {
    assertThatThrownBy(
            () -> new KafkaClientSettings("k1:9093", Map.of("bootstrap.servers", "other:9092")))
        .hasMessage(
            "kafka.client.bootstrap.servers is not a client setting: set kafka.bootstrap.servers");
  }
}
