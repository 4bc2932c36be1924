package io.qualityloop.notify;

import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends live alerts to the people who act. Reads the SLA and text alerts topics with its own
 * consumer group ({@code notify.consumer-group}, read committed), routes each alert by {@code
 * notification_routes.csv} and hands it to the channel of each route; each (alert, route) is
 * recorded QUEUED in the delivery records before the offset is committed, and a (alert, route)
 * already recorded is never queued again, so each is delivered at most once across restarts.
 *
 * <p>Only live alerts are sent: an alert whose {@code alert_at} lies more than {@code
 * notify.max-age} before the wall clock when it is read is history (a replay, a backfill, an import
 * of old steps), and in {@code notify.mode=replay} nothing is sent at all. Both are counted, not
 * recorded.
 *
 * <p>Start with {@link #start()}, stop with {@link #close()}.
 */
public final class AlertNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
  private static final Duration TICK = Duration.ofMillis(250);

  private final NotifySettings settings;
  private final NotificationRoutes routes;
  private final Clock clock;
  private final KafkaClientSettings kafka;
  private final DeliveryStore store;
  private final AlertDecoder decoder;
  private final Map<ChannelKind, ChannelDispatcher> dispatchers = new EnumMap<>(ChannelKind.class);
  private final ChannelDispatcher.NotifierStats stats = new ChannelDispatcher.NotifierStats();
  private final ScheduledExecutorService sender;
  private volatile boolean running;
  private volatile RuntimeException failure;
  private Thread consumerThread;
  private KafkaConsumer<byte[], byte[]> consumer;

  /** The notifier of the configuration: its settings, routes and configured channels. */
  public AlertNotifier(QualityLoopConfig config, String bootstrapServers, Clock clock) {
    this(NotifySettings.from(config), config.kafkaClients(bootstrapServers), clock);
  }

  private AlertNotifier(NotifySettings settings, KafkaClientSettings kafka, Clock clock) {
    this(
        settings,
        NotificationRoutes.read(settings.routesFile()),
        Channels.configured(settings, clock),
        kafka,
        clock);
  }

  AlertNotifier(
      NotifySettings settings,
      NotificationRoutes routes,
      Map<ChannelKind, NotificationChannel> channels,
      KafkaClientSettings kafka,
      Clock clock) {
    this.settings = settings;
    this.routes = routes;
    this.clock = clock;
    this.kafka = kafka;
    this.decoder = new AlertDecoder(settings.slaAlertsTopic(), settings.textAlertsTopic());
    this.store = new DeliveryStore(settings.deliveriesDir(), settings.zone(), clock);
    MessageTemplates templates =
        new MessageTemplates(
            settings.language(),
            settings.publicUrl(),
            ReferenceNames.read(settings.routesFile().getParent()));
    channels.forEach(
        (kind, channel) ->
            dispatchers.put(
                kind, new ChannelDispatcher(channel, templates, store, settings, clock, stats)));
    this.sender =
        Executors.newScheduledThreadPool(
            Math.max(1, dispatchers.size()),
            r -> {
              Thread t = new Thread(r, "notify-sender");
              t.setDaemon(true);
              return t;
            });
    resumeFromRecords();
  }

  /**
   * QUEUED deliveries of an earlier run go out now; SENDING ones (cut off mid-send) are
   * UNCONFIRMED, never sent twice.
   */
  private void resumeFromRecords() {
    List<DeliveryRecord> unconfirmed = new ArrayList<>();
    for (DeliveryRecord r : store.latest().values()) {
      if (r.status() == DeliveryStatus.SENDING) {
        unconfirmed.add(
            new DeliveryRecord(
                r.alertId(),
                r.routeId(),
                r.channel(),
                DeliveryStatus.UNCONFIRMED,
                r.alertType(),
                r.alertAt(),
                r.projectId(),
                r.complaintId(),
                r.digest(),
                r.attempts(),
                "the notifier stopped during the send",
                now(),
                null));
      } else if (r.status() == DeliveryStatus.QUEUED && r.alert() != null) {
        Alert alert =
            new Alert(
                r.alertId(),
                r.alertType(),
                r.alertAt(),
                r.projectId(),
                r.complaintId(),
                (String) r.alert().get("responsible_department"),
                (String) r.alert().get("severity"),
                r.alert());
        routes.all().stream()
            .filter(route -> route.routeId().equals(r.routeId()))
            .findFirst()
            .ifPresent(route -> enqueue(alert, route));
      }
    }
    store.append(unconfirmed);
  }

  public AlertNotifier start() {
    Properties p = kafka.properties();
    p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // the lifecycle job writes alerts in Kafka transactions: only committed ones are alerts
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "qualityloop-notify");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(settings.slaAlertsTopic(), settings.textAlertsTopic()));
    running = true;
    consumerThread = new Thread(this::consume, "notify-consumer");
    consumerThread.setDaemon(true);
    consumerThread.start();
    dispatchers
        .values()
        .forEach(
            d ->
                sender.scheduleWithFixedDelay(
                    () -> {
                      try {
                        d.tick();
                      } catch (RuntimeException e) {
                        LOG.error("sending notifications failed", e);
                      }
                    },
                    0,
                    TICK.toMillis(),
                    TimeUnit.MILLISECONDS));
    LOG.info(
        "notifier started: mode {}, channels {}, {} route(s)",
        settings.live() ? "live" : "replay",
        dispatchers.keySet(),
        routes.all().size());
    return this;
  }

  private void consume() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          continue;
        }
        List<DeliveryRecord> queued = new ArrayList<>();
        List<Runnable> handOver = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          route(record, queued, handOver);
        }
        store.append(queued);
        handOver.forEach(Runnable::run);
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      // e.g. the delivery records cannot be written: nothing is committed, a restart reads on from
      // the last commit
      failure = e;
      LOG.error("the notifier's consumer stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void route(
      ConsumerRecord<byte[], byte[]> record, List<DeliveryRecord> queued, List<Runnable> handOver) {
    stats.read.incrementAndGet();
    Alert alert;
    try {
      alert = decoder.decode(record.topic(), record.value());
    } catch (IOException | RuntimeException e) {
      stats.undecodable.incrementAndGet();
      LOG.warn(
          "{}-{}@{}: not an alert ({})",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getClass().getSimpleName());
      return;
    }
    if (!isLive(alert)) {
      stats.notLive.incrementAndGet();
      return;
    }
    for (NotificationRoute route : routes.routesFor(alert)) {
      DeliveryRecord.DeliveryKey key =
          new DeliveryRecord.DeliveryKey(alert.alertId(), route.routeId());
      if (store.knows(key) || queued.stream().anyMatch(q -> q.key().equals(key))) {
        continue;
      }
      boolean configured = dispatchers.containsKey(route.channel());
      queued.add(
          new DeliveryRecord(
              alert.alertId(),
              route.routeId(),
              route.channel().id(),
              configured ? DeliveryStatus.QUEUED : DeliveryStatus.FAILED,
              alert.alertType(),
              alert.alertAt(),
              alert.projectId(),
              alert.complaintId(),
              1,
              0,
              configured ? "" : "channel " + route.channel().id() + " is not configured",
              now(),
              configured ? alert.fields() : null));
      if (configured) {
        stats.queued.incrementAndGet();
        handOver.add(() -> enqueue(alert, route));
      } else {
        stats.failed.incrementAndGet();
      }
    }
  }

  /**
   * Live: read in live mode within {@code notify.max-age} of its {@code alert_at}; an emerging
   * issue within {@code notify.emerging-issue-max-age} (its {@code alert_at} is the end of its
   * week, and it is raised only when newer complaints move event time past that, hours later).
   */
  boolean isLive(Alert alert) {
    if (!settings.live()) {
      return false;
    }
    Instant at = alert.alertAt().atZone(settings.zone()).toInstant();
    return !at.isBefore(
        clock
            .instant()
            .minus(alert.isEmergingIssue() ? settings.emergingIssueMaxAge() : settings.maxAge()));
  }

  private void enqueue(Alert alert, NotificationRoute route) {
    dispatchers
        .get(route.channel())
        .add(new Outbox.Item(alert, route.routeId()), route.recipients(), route.digest());
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(settings.zone()));
  }

  /**
   * Why the notifier stopped reading alerts, if it did (for the service's health); empty while it
   * runs.
   */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** What the notifier did since it started. */
  public Counts counts() {
    return new Counts(
        stats.read.get(),
        stats.notLive.get(),
        stats.undecodable.get(),
        stats.queued.get(),
        stats.messages.get(),
        stats.digests.get(),
        stats.sent.get(),
        stats.failed.get(),
        dispatchers.values().stream().mapToInt(ChannelDispatcher::waiting).sum());
  }

  /**
   * @param notLive alerts read but not sent: history (older than max-age) or replay mode
   * @param queued (alert, route) deliveries routed
   * @param messages messages sent or failed (a digest is one)
   * @param sent deliveries a server accepted; {@code failed} those given up on
   * @param waiting deliveries waiting in outboxes (rate limit, daily digest)
   */
  public record Counts(
      long read,
      long notLive,
      long undecodable,
      long queued,
      long messages,
      long digests,
      long sent,
      long failed,
      int waiting) {}

  @Override
  public void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (consumerThread != null) {
      try {
        consumerThread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sender.shutdown();
    try {
      if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    }
    store.close();
    LOG.info("notifier stopped: {}", counts());
  }
}
