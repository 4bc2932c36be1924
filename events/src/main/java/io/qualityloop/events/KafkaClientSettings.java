package io.qualityloop.events;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where Kafka is and how to reach it: the bootstrap servers and the client settings that every
 * Kafka client of the product takes (security protocol, SASL mechanism and JAAS login, SSL trust
 * and key stores...). The configuration holds them under {@value #PREFIX}, e.g. {@code
 * kafka.client.security.protocol=SASL_SSL}; each key is passed to the clients without the prefix.
 * This is the one place that builds the properties a producer, consumer, admin client, Flink Kafka
 * source or sink starts from; each adds only its own behaviour (group, acks, ...).
 *
 * <p>{@link #toString()} masks secrets (JAAS configurations, passwords, keys), so the settings may
 * be logged; the clients themselves log such values as {@code [hidden]}.
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> clientProperties)
    implements Serializable {
  /** The configuration prefix of the client settings. */
  public static final String PREFIX = "kafka.client.";

  /**
   * The environment prefix of the client settings: {@code
   * QUALITYLOOP_KAFKA_CLIENT_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}.
   */
  public static final String ENVIRONMENT_PREFIX = "QUALITYLOOP_KAFKA_CLIENT_";

  public KafkaClientSettings {
    clientProperties = Map.copyOf(clientProperties);
    if (clientProperties.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException(
          PREFIX + "bootstrap.servers is not a client setting: set kafka.bootstrap.servers");
    }
  }

  /**
   * A cluster reached without any client setting (PLAINTEXT, as the in-process broker by default).
   */
  public static KafkaClientSettings plaintext(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of());
  }

  /**
   * The client settings among configuration {@code values}: every key under {@value #PREFIX},
   * without it.
   */
  public static Map<String, String> fromConfiguration(Map<String, String> values) {
    Map<String, String> client = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX)
              && key.length() > PREFIX.length()
              && value != null
              && !value.isBlank()) {
            client.put(key.substring(PREFIX.length()), value.trim());
          }
        });
    return client;
  }

  /**
   * The configuration key an environment variable under {@value #ENVIRONMENT_PREFIX} sets, or null:
   * Kafka's client keys hold only lowercase words and dots, so {@code _} stands for a dot.
   */
  public static String configurationKeyOf(String environmentVariable) {
    if (!environmentVariable.startsWith(ENVIRONMENT_PREFIX)
        || environmentVariable.length() == ENVIRONMENT_PREFIX.length()) {
      return null;
    }
    return PREFIX
        + environmentVariable
            .substring(ENVIRONMENT_PREFIX.length())
            .toLowerCase(Locale.ROOT)
            .replace('_', '.');
  }

  /** The same client settings for other servers (the in-process broker's port). */
  public KafkaClientSettings withBootstrapServers(String servers) {
    return new KafkaClientSettings(servers, clientProperties);
  }

  /** The properties a client starts from: the bootstrap servers and every client setting. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  /** {@link #properties()} as a map, for the clients that take one. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new TreeMap<>(clientProperties);
    m.put("bootstrap.servers", bootstrapServers);
    return m;
  }

  /** Whether a client setting's value is a secret that must not be written anywhere. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("jaas")
        || k.contains("password")
        || k.contains("secret")
        || k.contains("token")
        || k.endsWith(".key")
        || k.contains("keystore.key")
        || k.contains("credentials");
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
    return "Kafka at " + bootstrapServers + (shown.isEmpty() ? "" : " " + shown);
  }
}
