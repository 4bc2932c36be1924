package io.qualityloop.ingestion.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.Channel;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.events.validation.ValidationRules;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveComplaintFeedTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

  private static ComplaintEvent template() {
    return new ComplaintEvent(
        "e1",
        1,
        OffsetDateTime.parse("2026-09-02T14:05:00+08:00"),
        "C1",
        LifecycleEventType.RECEIVED,
        Channel.values()[0],
        "P01",
        "3",
        "2",
        "1201",
        null,
        null,
        null,
        false,
        "hh_0123456789abcdef",
        "S001",
        "product",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "漏水",
        null,
        null,
        null,
        null);
  }

  @Test
  void eachComplaintWarnsOrBreachesMinutesAfterItIsEntered() {
    LiveComplaintFeed feed =
        new LiveComplaintFeed(List.of(template()), Duration.ofHours(24), 0.8, ZONE);
    ComplaintEvent breach = feed.next(NOW);
    ComplaintEvent warnThenMet = feed.next(NOW);
    ComplaintEvent warnOnly = feed.next(NOW);
    // 1st: received 24 h - 1 min ago, so its 24-hour acceptance deadline is 1 minute ahead.
    assertThat(breach.occurredAt().toInstant())
        .isEqualTo(NOW.minus(Duration.ofHours(24)).plus(Duration.ofMinutes(1)));
    // 2nd and 3rd: received 0.8 x 24 h = 19 h 12 min, less 1 min, ago: the warning is 1 minute
    // ahead.
    Instant warned = NOW.minus(Duration.ofMinutes(19 * 60 + 12)).plus(Duration.ofMinutes(1));
    assertThat(warnThenMet.occurredAt().toInstant()).isEqualTo(warned);
    assertThat(warnOnly.occurredAt().toInstant()).isEqualTo(warned);
    assertThat(List.of(breach, warnThenMet, warnOnly))
        .extracting(ComplaintEvent::complaintId)
        .doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("L20261202110000"));
    assertThat(breach.projectId()).isEqualTo("P01");
    assertThat(breach.householdId()).isEqualTo("hh_0123456789abcdef");
    // The next three lead by 2 minutes.
    assertThat(feed.next(NOW).occurredAt().toInstant())
        .isEqualTo(NOW.minus(Duration.ofHours(24)).plus(Duration.ofMinutes(2)));
  }

  @Test
  void onlyTheSecondOfEachThreeIsAcceptedAndOnlyWhenTheClockReachesIt() {
    LiveComplaintFeed feed =
        new LiveComplaintFeed(List.of(template()), Duration.ofHours(24), 0.8, ZONE);
    feed.next(NOW);
    ComplaintEvent second = feed.next(NOW);
    feed.next(NOW);
    // accepted a minute after its warning moment (1 minute ahead): 2 minutes after it was entered
    assertThat(feed.due(NOW.plus(Duration.ofSeconds(119)))).isEmpty();
    List<ComplaintEvent> due = feed.due(NOW.plus(Duration.ofMinutes(2)));
    assertThat(due)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.complaintId()).isEqualTo(second.complaintId());
              assertThat(e.eventType()).isEqualTo(LifecycleEventType.ACCEPTED);
              assertThat(e.eventId()).isNotEqualTo(second.eventId());
            });
    assertThat(feed.due(NOW.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void itsEventsPassTheContract() {
    LiveComplaintFeed feed =
        new LiveComplaintFeed(List.of(template()), Duration.ofHours(24), 0.8, ZONE);
    feed.next(NOW);
    ComplaintEvent second = feed.next(NOW);
    EventCodec<ComplaintEvent> codec = EventCodec.of(ComplaintEvent.class);
    EventValidator validator =
        new EventValidator(EventStream.COMPLAINT_EVENTS, ValidationRules.defaults());
    assertThat(validator.validate(codec.encode(second), NOW, "received"))
        .isInstanceOf(Validation.Valid.class);
    Instant accepted = NOW.plus(Duration.ofMinutes(3));
    assertThat(validator.validate(codec.encode(feed.due(accepted).get(0)), accepted, "accepted"))
        .isInstanceOf(Validation.Valid.class);
  }
}
