package io.qualityloop.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what waits in one channel's outboxes, on its own thread (a channel that is down delays only
 * itself). Within the channel's rate limit each alert goes as a message of its own; when more wait
 * than sends are left in the minute they are folded into digest messages (as many as fit the
 * message size), never dropped. Daily-digest outboxes are sent at {@code notify.digest-at}. A
 * failed send is tried again after a backoff that doubles, then recorded FAILED.
 */
final class ChannelDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);
  private final NotificationChannel channel;
  private final MessageTemplates templates;
  private final DeliveryStore store;
  private final NotifySettings settings;
  private final Clock clock;
  private final RateLimit limit;
  private final Map<Outbox.Address, Outbox> outboxes = new ConcurrentHashMap<>();
  private final NotifierStats stats;
  private ZonedDateTime nextDigest;

  ChannelDispatcher(
      NotificationChannel channel,
      MessageTemplates templates,
      DeliveryStore store,
      NotifySettings settings,
      Clock clock,
      NotifierStats stats) {
    this.channel = channel;
    this.templates = templates;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.stats = stats;
    this.limit = new RateLimit(channel.perMinute(), clock);
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(settings.zone()));
    ZonedDateTime today = now.with(settings.digestAt());
    this.nextDigest = today.isAfter(now) ? today : today.plusDays(1);
  }

  void add(Outbox.Item item, List<String> recipients, boolean digest) {
    outboxes
        .computeIfAbsent(new Outbox.Address(channel.kind(), recipients, digest), Outbox::new)
        .add(item);
  }

  int waiting() {
    return outboxes.values().stream().mapToInt(Outbox::size).sum();
  }

  /** One round: the immediate outboxes, and the daily digests when their time has come. */
  void tick() {
    for (Outbox box : outboxes.values()) {
      if (!box.address().digest()) {
        drainImmediate(box);
      }
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(settings.zone()));
    if (!now.isBefore(nextDigest)) {
      for (Outbox box : outboxes.values()) {
        if (box.address().digest()) {
          while (box.size() > 0 && waitForPermit()) {
            sendDigest(box, true);
          }
        }
      }
      while (!now.isBefore(nextDigest)) {
        nextDigest = nextDigest.plusDays(1);
      }
    }
  }

  private void drainImmediate(Outbox box) {
    int available;
    while (box.size() > 0 && (available = limit.available()) > 0) {
      if (box.size() < available) {
        List<Outbox.Item> one = box.peek(1);
        send(box, one, templates.alert(one.get(0).alert(), box.address().recipients()));
      } else {
        sendDigest(box, false);
      }
    }
  }

  /** A digest of as many waiting items as fit in one message (at least one). */
  private void sendDigest(Outbox box, boolean daily) {
    List<Outbox.Item> waiting = box.peek(box.size());
    List<Outbox.Item> taken = new ArrayList<>();
    Message message = null;
    for (Outbox.Item item : waiting) {
      taken.add(item);
      Message m =
          taken.size() == 1 && !daily
              ? templates.alert(item.alert(), box.address().recipients())
              : templates.digest(
                  taken.stream().map(Outbox.Item::alert).toList(),
                  box.address().recipients(),
                  daily);
      if (Message.bytes(m.text()) > channel.maxBytes() && taken.size() > 1) {
        taken.remove(taken.size() - 1);
        break;
      }
      message = m;
    }
    send(box, taken, message);
  }

  private boolean waitForPermit() {
    while (limit.available() <= 0) {
      if (!sleep(Duration.ofMillis(200))) {
        return false;
      }
    }
    return true;
  }

  private void send(Outbox box, List<Outbox.Item> items, Message message) {
    store.append(records(items, DeliveryStatus.SENDING, items.size(), 0, ""));
    Duration backoff = settings.retryBackoff();
    String answer = "";
    int attempt = 0;
    boolean accepted = false;
    while (attempt < settings.retryAttempts()) {
      if (attempt > 0 && !(sleep(backoff) && waitForPermit())) {
        break;
      }
      attempt++;
      limit.record();
      try {
        SendResult result = channel.send(message, box.address().recipients());
        answer = result.answer();
        accepted = result.accepted();
      } catch (IOException e) {
        answer = e.getMessage();
        accepted = false;
      }
      if (accepted) {
        break;
      }
      LOG.warn(
          "{}: attempt {} of {} failed: {}", channel, attempt, settings.retryAttempts(), answer);
      backoff = backoff.multipliedBy(2);
    }
    DeliveryStatus status = accepted ? DeliveryStatus.SENT : DeliveryStatus.FAILED;
    store.append(records(items, status, items.size(), attempt, answer));
    box.remove(items);
    stats.messages.incrementAndGet();
    if (items.size() > 1) {
      stats.digests.incrementAndGet();
    }
    (accepted ? stats.sent : stats.failed).addAndGet(items.size());
    LOG.info(
        "{}: {} alert(s) in one message {} after {} attempt(s)",
        channel,
        items.size(),
        status,
        attempt);
  }

  private List<DeliveryRecord> records(
      List<Outbox.Item> items, DeliveryStatus status, int digest, int attempts, String answer) {
    LocalDateTime now = LocalDateTime.now(clock.withZone(settings.zone()));
    List<DeliveryRecord> out = new ArrayList<>();
    for (Outbox.Item i : items) {
      Alert a = i.alert();
      out.add(
          new DeliveryRecord(
              a.alertId(),
              i.routeId(),
              channel.kind().id(),
              status,
              a.alertType(),
              a.alertAt(),
              a.projectId(),
              a.complaintId(),
              digest,
              attempts,
              answer,
              now,
              null));
    }
    return out;
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Counts of what the notifier did since it started. */
  static final class NotifierStats {
    final AtomicLong read = new AtomicLong();
    final AtomicLong notLive = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();
    final AtomicLong queued = new AtomicLong();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong digests = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
  }
}
