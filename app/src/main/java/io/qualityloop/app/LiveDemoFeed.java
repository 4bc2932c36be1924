package io.qualityloop.app;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.KafkaClientSettings;
import io.qualityloop.ingestion.generator.LiveComplaintFeed;
import io.qualityloop.ingestion.kafka.EventPublisher;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The live demo's producer: a new complaint from {@link LiveComplaintFeed} every {@code
 * demo.live-interval}, and the steps it scheduled as the wall clock reaches them, published to the
 * complaint topic of the running service.
 */
final class LiveDemoFeed implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(LiveDemoFeed.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "live-demo-feed");
            t.setDaemon(true);
            return t;
          });
  private final EventPublisher publisher;

  private LiveDemoFeed(EventPublisher publisher) {
    this.publisher = publisher;
  }

  static LiveDemoFeed start(
      LiveComplaintFeed feed,
      KafkaClientSettings kafka,
      String topic,
      Duration interval,
      Clock clock,
      PrintStream out) {
    LiveDemoFeed live = new LiveDemoFeed(new EventPublisher(kafka, Map.of()));
    EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);
    long[] ticks = {0};
    long every = interval.toMillis();
    live.timer.scheduleAtFixedRate(
        () -> {
          try {
            List<ComplaintEvent> events = new ArrayList<>(feed.due(clock.instant()));
            if (ticks[0]++ % Math.max(1, every / 1_000) == 0) {
              ComplaintEvent received = feed.next(clock.instant());
              events.add(received);
              out.println(
                  "live: complaint "
                      + received.complaintId()
                      + " ("
                      + received.projectId()
                      + (received.category() == null ? "" : ", " + received.category())
                      + ") entered, received "
                      + received.occurredAt().toLocalDateTime());
            }
            for (ComplaintEvent e : events) {
              live.publisher.publish(topic, codec, e, ComplaintEvent::complaintId);
            }
            live.publisher.flush();
          } catch (RuntimeException e) {
            LOG.error("live demo feed", e);
            out.println("live: cannot publish: " + e.getMessage());
          }
        },
        0,
        1_000,
        TimeUnit.MILLISECONDS);
    return live;
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    publisher.close();
  }
}
