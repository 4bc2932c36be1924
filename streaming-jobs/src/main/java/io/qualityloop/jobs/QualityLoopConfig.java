package io.qualityloop.jobs;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.jobs.complaints.ComplaintJobSettings;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.text.TextJobSettings;
import io.qualityloop.text.SurgeTest;
import io.qualityloop.text.TextResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed configuration: shipped defaults, then the configuration file, then environment variables
 * ({@code QUALITYLOOP_LAKE_ROOT} overrides {@code lake.root}). A bad value is reported with its
 * key.
 *
 * <p>One file configures the whole product, the cluster job ({@link ClusterJob}) as well as the
 * {@code qualityloop} command, so it is read here, in the job module, where both find it: its
 * defaults ({@code qualityloop-defaults.properties}) list every key, and an unknown key is an error
 * wherever the file is read. The command's own settings that need a module above this one (the
 * generator's, {@code generator.*}) are read by the command with {@link #parse}.
 */
public final class QualityLoopConfig {
  private final Properties values;
  private final Path baseDir;

  private QualityLoopConfig(Properties values, Path baseDir) {
    this.values = values;
    this.baseDir = baseDir;
  }

  /** Keys of scheduled jobs, which a company adds by name: {@code schedule.job.<id>.<setting>}. */
  private static final Pattern SCHEDULE_JOB_KEY =
      Pattern.compile(
          "schedule\\.job\\.[A-Za-z0-9_-]+\\.(report|after-days|office|projects|region|recipients)");

  /** Defaults, overridden by {@code file} when it exists, then by the environment. */
  public static QualityLoopConfig load(Path file, Map<String, String> environment, Path baseDir) {
    Properties p = new Properties();
    try (InputStream in =
        QualityLoopConfig.class.getResourceAsStream("/qualityloop-defaults.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default configuration", e);
    }
    if (file != null && Files.isRegularFile(file)) {
      Properties overrides = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        overrides.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read configuration file " + file, e);
      }
      for (String key : overrides.stringPropertyNames()) {
        if (!p.containsKey(key)
            && !SCHEDULE_JOB_KEY.matcher(key).matches()
            && !isKafkaClientKey(key)) {
          throw new IllegalArgumentException(file + ": unknown configuration key '" + key + "'");
        }
        p.setProperty(key, overrides.getProperty(key));
      }
    }
    for (String key : p.stringPropertyNames()) {
      String env =
          environment.get(
              "QUALITYLOOP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
      if (env != null) {
        p.setProperty(key, env);
      }
    }
    environment.forEach(
        (name, value) -> {
          String key = KafkaClientSettings.configurationKeyOf(name);
          if (key != null) {
            p.setProperty(key, value);
          }
        });
    return new QualityLoopConfig(p, baseDir);
  }

  /**
   * A Kafka client setting ({@code kafka.client.security.protocol}...): any key under the prefix is
   * passed to the clients.
   */
  private static boolean isKafkaClientKey(String key) {
    return key.startsWith(KafkaClientSettings.PREFIX)
        && key.length() > KafkaClientSettings.PREFIX.length();
  }

  public QualityLoopConfig with(String key, String value) {
    if (!values.containsKey(key) && !isKafkaClientKey(key)) {
      throw new IllegalArgumentException("unknown configuration key '" + key + "'");
    }
    Properties copy = new Properties();
    copy.putAll(values);
    copy.setProperty(key, value);
    return new QualityLoopConfig(copy, baseDir);
  }

  /** A key that may be absent or blank. */
  public Optional<String> getOptional(String key) {
    String v = values.getProperty(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String get(String key) {
    String v = values.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("configuration key '" + key + "' is not set");
    }
    return v.trim();
  }

  /**
   * The value of {@code key} read by {@code parser}; a bad value is an error naming the key and
   * what was {@code expected}.
   */
  public <T> T parse(String key, Function<String, T> parser, String expected) {
    String raw = get(key);
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "configuration key '" + key + "' = '" + raw + "' is not " + expected);
    }
  }

  public String kafkaBootstrapServers() {
    return get("kafka.bootstrap.servers");
  }

  /**
   * The settings every Kafka client takes to reach {@code bootstrapServers} (the configured
   * cluster, or the in-process broker): the {@code kafka.client.*} keys of the configuration and
   * the environment.
   */
  public KafkaClientSettings kafkaClients(String bootstrapServers) {
    Map<String, String> all = new HashMap<>();
    for (String key : values.stringPropertyNames()) {
      all.put(key, values.getProperty(key));
    }
    return new KafkaClientSettings(bootstrapServers, KafkaClientSettings.fromConfiguration(all));
  }

  /** {@link #kafkaClients(String)} of the configured cluster ({@code kafka.bootstrap.servers}). */
  public KafkaClientSettings kafkaClients() {
    return kafkaClients(kafkaBootstrapServers());
  }

  public boolean useEmbeddedKafka() {
    return kafkaBootstrapServers().isEmpty();
  }

  public int kafkaPartitions() {
    return parse("kafka.partitions", Integer::parseInt, "a whole number");
  }

  public Map<EventStream, String> topics() {
    Map<EventStream, String> topics = new EnumMap<>(EventStream.class);
    topics.put(EventStream.SERVICE_INTERACTIONS, get("kafka.topic.service-interactions"));
    topics.put(EventStream.COMPLAINT_EVENTS, get("kafka.topic.complaint-events"));
    topics.put(EventStream.CALLBACK_SURVEYS, get("kafka.topic.callback-surveys"));
    topics.put(EventStream.FOLLOWUP_EVENTS, get("kafka.topic.followup-events"));
    return topics;
  }

  public String deadLettersTopic() {
    return get("kafka.topic.dead-letters");
  }

  /**
   * The validation limits; project and staff ids are added from the reference files by the caller.
   */
  public ValidationRules validationRules() {
    return new ValidationRules(
        parse("validation.future-skew", Duration::parse, "an ISO-8601 duration such as PT10M"),
        parse(
            "validation.oldest",
            v -> LocalDate.parse(v).atStartOfDay(zone()).toInstant(),
            "a date such as 2000-01-01"),
        parse("validation.max-record-bytes", Integer::parseInt, "a number of bytes"),
        Set.of(),
        Set.of());
  }

  public Duration dedupRetention() {
    return parse(
        "validation.dedup-retention", Duration::parse, "an ISO-8601 duration such as P30D");
  }

  public int quarantinePayloadMaxChars() {
    return parse("quarantine.payload-max-chars", Integer::parseInt, "a number of characters");
  }

  /** The pseudonymisation key given in the configuration or environment, or null. */
  public String pseudonymKey() {
    String key = get("privacy.pseudonym-key");
    return key.isBlank() ? null : key;
  }

  public Path pseudonymKeyFile() {
    return baseDir.resolve(get("privacy.pseudonym-key-file")).toAbsolutePath().normalize();
  }

  public String alertsTopic() {
    return get("kafka.topic.sla-alerts");
  }

  public boolean textEnabled() {
    return parse(
        "text.enabled",
        v ->
            switch (v.trim()) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new IllegalArgumentException(v);
            },
        "true or false");
  }

  public String textAlertsTopic() {
    return get("kafka.topic.text-alerts");
  }

  /**
   * The text analysis of complaints: the company's vocabulary in {@code referenceDir} and the surge
   * test.
   */
  public TextJobSettings textJobSettings(Path referenceDir) {
    SurgeTest test =
        new SurgeTest(
            parse("text.surge.min-count", Integer::parseInt, "a whole number"),
            parse("text.surge.alpha", Double::parseDouble, "a probability such as 0.001"),
            parse(
                "text.surge.floor-rate",
                Double::parseDouble,
                "a number of mentions a week such as 0.5"),
            parse("text.surge.min-baseline-weeks", Integer::parseInt, "a whole number of weeks"));
    // a malformed vocabulary file is an IllegalArgumentException naming its file and line
    return new TextJobSettings(
        TextResources.from(referenceDir),
        test,
        parse("text.surge.baseline-weeks", Integer::parseInt, "a whole number of weeks"),
        parse("text.surge.watch", this::watchAll, "'dictionary' or 'all'"));
  }

  private boolean watchAll(String value) {
    return switch (value.trim()) {
      case "all" -> true;
      case "dictionary" -> false;
      default -> throw new IllegalArgumentException(value);
    };
  }

  public String lifecycleConsumerGroup() {
    return get("kafka.consumer-group.lifecycle");
  }

  private static boolean bool(String value) {
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(value);
    };
  }

  public ComplaintJobSettings complaintJobSettings() {
    return new ComplaintJobSettings(
        parse("sla.warning-share", Double::parseDouble, "a number between 0 and 1"),
        parse("sla.retention-after-close", Duration::parse, "an ISO-8601 duration such as P30D"),
        parse(
            "sla.alert-horizon",
            this::alertHorizon,
            "'now', 'none' or a local date-time such as 2026-09-30T23:59"),
        parse("sla.retention-while-open", Duration::parse, "an ISO-8601 duration such as P365D"),
        parse("sla.live-alerts", QualityLoopConfig::bool, "true or false"),
        get("sla.alert-horizon").trim().equals("now"));
  }

  /**
   * 'now': the moment the job starts; 'none': no horizon; otherwise a local date-time in the
   * company's zone.
   */
  private Instant alertHorizon(String value) {
    return switch (value.trim()) {
      case "now" -> Instant.now();
      case "none" -> null;
      default -> LocalDateTime.parse(value.trim()).atZone(zone()).toInstant();
    };
  }

  public String consumerGroup() {
    return get("kafka.consumer-group");
  }

  public Path lakeRoot() {
    return baseDir.resolve(get("lake.root")).toAbsolutePath().normalize();
  }

  /**
   * Where the jobs write the lake: {@code lake.root} as given when it is a URI with a scheme
   * ({@code s3://}, {@code hdfs://}, {@code file:}), else the local directory it names.
   */
  public String lakeLocation() {
    String raw = get("lake.root");
    return hasScheme(raw) ? raw : lakeRoot().toString();
  }

  /**
   * Where Flink writes checkpoints: {@code flink.checkpoint-dir} as a URI (a local directory
   * becomes file:).
   */
  public String checkpointLocation() {
    String raw = get("flink.checkpoint-dir");
    return hasScheme(raw) ? raw : checkpointDir().toUri().toString();
  }

  /**
   * The company's reference files: {@code lake.reference-dir}, or {@code <lake.root>/reference}.
   */
  public Path referenceDir() {
    String raw = getOptional("lake.reference-dir").orElse("");
    if (!raw.isBlank()) {
      return baseDir.resolve(raw).toAbsolutePath().normalize();
    }
    if (hasScheme(get("lake.root"))) {
      throw new IllegalArgumentException(
          "lake.root '"
              + get("lake.root")
              + "' is not a local directory: set lake.reference-dir "
              + "to a local copy of the reference files");
    }
    return lakeRoot().resolve("reference");
  }

  private static boolean hasScheme(String location) {
    // two letters at least, so a Windows drive (C:) is a path
    return location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
  }

  /** The log of the in-process Kafka broker of the embedded default. */
  public Path embeddedKafkaDir() {
    return baseDir.resolve(get("kafka.embedded.log-dir")).toAbsolutePath().normalize();
  }

  /** Where Flink writes its checkpoints (state snapshots). */
  /**
   * Where a run of the jobs on this machine stops with a savepoint for the next to resume from
   * ({@code flink.savepoint-dir}).
   */
  public Path savepointDir() {
    return baseDir.resolve(get("flink.savepoint-dir")).toAbsolutePath().normalize();
  }

  public Path checkpointDir() {
    return baseDir.resolve(get("flink.checkpoint-dir")).toAbsolutePath().normalize();
  }

  /** A path from the configuration, relative to the working directory. */
  public Path path(String configured) {
    return baseDir.resolve(configured).toAbsolutePath().normalize();
  }

  public Path usersFile() {
    return baseDir.resolve(get("serve.users-file")).toAbsolutePath().normalize();
  }

  public Path accessLog() {
    return baseDir.resolve(get("serve.access-log")).toAbsolutePath().normalize();
  }

  public Duration sessionIdleTimeout() {
    return parse(
        "serve.session-idle-timeout", Duration::parse, "an ISO-8601 duration such as PT30M");
  }

  /** The service's inbox folder ({@code service.inbox-dir}). */
  public Path inboxDir() {
    return baseDir.resolve(get("service.inbox-dir")).toAbsolutePath().normalize();
  }

  public Path outDir() {
    return baseDir.resolve(get("out.dir")).toAbsolutePath().normalize();
  }

  public ZoneId zone() {
    return parse("time.zone", ZoneId::of, "a time zone such as Asia/Shanghai");
  }

  public LakeJobSettings lakeJobSettings() {
    return new LakeJobSettings(
        lakeLocation(),
        zone(),
        parse("flink.max-out-of-orderness", Duration::parse, "an ISO-8601 duration such as PT1H"),
        parse("flink.checkpoint-interval", Duration::parse, "an ISO-8601 duration such as PT10S"),
        parse("flink.parallelism", Integer::parseInt, "a whole number"),
        lakePartitionUnit());
  }

  /** {@code lake.partition}: day or month partitions ({@code dt=} the first of the month). */
  public ChronoUnit lakePartitionUnit() {
    return parse(
        "lake.partition",
        v ->
            switch (v) {
              case "day" -> ChronoUnit.DAYS;
              case "month" -> ChronoUnit.MONTHS;
              default -> throw new IllegalArgumentException(v);
            },
        "day or month");
  }

  public String reportQuarter() {
    return get("report.quarter");
  }

  public String reportLanguage() {
    return get("report.language");
  }
}
