package io.qualityloop.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts waiting to go to one channel and set of recipients, at once or in the daily digest. Filled
 * by the consumer, drained by the channel's dispatcher.
 */
final class Outbox {
  /** One alert on one route. */
  record Item(Alert alert, String routeId) {
    DeliveryRecord.DeliveryKey key() {
      return new DeliveryRecord.DeliveryKey(alert.alertId(), routeId);
    }
  }

  /** Which outbox an item goes to. */
  record Address(ChannelKind channel, List<String> recipients, boolean digest) {}

  private final Address address;
  private final Map<DeliveryRecord.DeliveryKey, Item> items = new LinkedHashMap<>();

  Outbox(Address address) {
    this.address = address;
  }

  Address address() {
    return address;
  }

  synchronized void add(Item item) {
    items.putIfAbsent(item.key(), item);
  }

  synchronized int size() {
    return items.size();
  }

  synchronized List<Item> peek(int max) {
    return new ArrayList<>(items.values()).subList(0, Math.min(max, items.size()));
  }

  synchronized void remove(List<Item> done) {
    done.forEach(i -> items.remove(i.key()));
  }
}
