package io.qualityloop.ingestion.generator;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.LifecycleEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * New complaints for the live demo ({@code demo --live}), one per call of {@link #next}, so that a
 * newcomer watches warnings and breaches arrive within minutes. Each copies what a complaint of the
 * generated history was about (project, household, location, category, description) and is entered
 * late, as complaints taken at a site office often are: its receipt lies far enough back that the
 * acceptance clock ({@code acceptLimit}, calendar time) warns or expires a few minutes after it is
 * entered. In turn:
 *
 * <ol>
 *   <li>received {@code acceptLimit} less 1-3 minutes ago, never accepted: BREACH in 1-3 minutes;
 *   <li>received {@code warningShare} of it less 1-3 minutes ago, accepted a minute after its
 *       warning: WARNING in 1-3 minutes, then the clock stops in time (MET);
 *   <li>the same, never accepted: WARNING in 1-3 minutes, BREACH hours later.
 * </ol>
 *
 * The events are returned when the wall clock reaches them ({@link #due}), never ahead of it.
 */
public final class LiveComplaintFeed {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final List<ComplaintEvent> templates;
  private final Duration acceptLimit;
  private final double warningShare;
  private final ZoneId zone;
  private final PriorityQueue<ComplaintEvent> scheduled =
      new PriorityQueue<>(Comparator.comparing(ComplaintEvent::occurredAt));
  private int made;

  /**
   * @param history the generated history: its RECEIVED events are the templates
   * @param acceptLimit the acceptance clock's limit (accept_24h: 24 hours)
   * @param warningShare the share of a limit at which a WARNING is raised ({@code
   *     sla.warning-share})
   */
  public LiveComplaintFeed(
      List<ComplaintEvent> history, Duration acceptLimit, double warningShare, ZoneId zone) {
    this.templates =
        history.stream().filter(e -> e.eventType() == LifecycleEventType.RECEIVED).toList();
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("the generated history has no complaint to copy");
    }
    this.acceptLimit = acceptLimit;
    this.warningShare = warningShare;
    this.zone = zone;
  }

  /**
   * A new complaint entered at {@code now}: its RECEIVED event (in the past); its later step, if
   * any, is scheduled.
   */
  public ComplaintEvent next(Instant now) {
    int n = made++;
    ComplaintEvent t = templates.get(n % templates.size());
    Duration lead = Duration.ofMinutes(1 + (n / 3) % 3);
    Duration sinceReceipt =
        n % 3 == 0
            ? acceptLimit.minus(lead)
            : Duration.ofMillis((long) (acceptLimit.toMillis() * warningShare)).minus(lead);
    OffsetDateTime entered = now.atZone(zone).toOffsetDateTime().withNano(0);
    String complaintId = "L" + entered.format(ID_TIME) + String.format("%03d", n % 1000);
    ComplaintEvent received =
        step(t, complaintId, LifecycleEventType.RECEIVED, entered.minus(sinceReceipt), t.staffId());
    if (n % 3 == 1) {
      scheduled.add(
          step(
              t,
              complaintId,
              LifecycleEventType.ACCEPTED,
              entered.plus(lead).plusMinutes(1),
              t.staffId()));
    }
    return received;
  }

  /** The scheduled steps whose time the wall clock has reached, in time order. */
  public List<ComplaintEvent> due(Instant now) {
    List<ComplaintEvent> due = new ArrayList<>();
    while (!scheduled.isEmpty() && !scheduled.peek().occurredAt().toInstant().isAfter(now)) {
      due.add(scheduled.poll());
    }
    return due;
  }

  private static ComplaintEvent step(
      ComplaintEvent t,
      String complaintId,
      LifecycleEventType type,
      OffsetDateTime at,
      String staffId) {
    boolean received = type == LifecycleEventType.RECEIVED;
    return new ComplaintEvent(
        complaintId + "-" + type.name(),
        ComplaintEvent.SCHEMA_VERSION,
        at,
        complaintId,
        type,
        received ? t.channel() : null,
        t.projectId(),
        t.building(),
        t.unit(),
        t.room(),
        t.functionalArea(),
        t.part(),
        t.problemType(),
        t.publicArea(),
        t.householdId(),
        staffId,
        t.category(),
        t.subCategory(),
        null,
        t.buildingComponent(),
        t.responsibleDepartment(),
        t.severity(),
        received ? t.intent() : null,
        null,
        null,
        null,
        received ? t.description() : null,
        null,
        null,
        null,
        null);
  }
}
