package io.qualityloop.reports.web;

import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.FollowUpAction;
import io.qualityloop.events.FollowUpEvent;
import io.qualityloop.events.FollowUpOutcome;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.events.validation.ValidationRules;
import io.qualityloop.warehouse.Warehouse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The drill-down's follow-ups (跟进): the list and one follow-up with its history, read from the
 * warehouse ({@code fct_followups}, {@code stg_followup_events}), and the changes quality managers
 * make (assign, comment, customer called back, close with an outcome), each published as a
 * follow-up event after the same validation the lake's door applies.
 *
 * <p>An event published here reaches the warehouse once the lake job has written it and the
 * warehouse file has been refreshed; until then it is shown from memory, marked pending, so the
 * user sees the change at once.
 */
final class FollowUps {
  static final Set<String> STATUSES = Set.of("active", "open", "assigned", "closed", "all");

  private final Warehouse warehouse;
  private final Function<String, String> sql;
  private final FollowUpPublisher publisher;
  private final Clock clock;
  private final EventValidator validator =
      new EventValidator(EventStream.FOLLOWUP_EVENTS, ValidationRules.defaults());
  private final EventCodec<FollowUpEvent> codec = EventCodec.of(FollowUpEvent.class);

  /** Published here and not yet seen in the warehouse, in the order they were published. */
  private final List<FollowUpEvent> pending = new CopyOnWriteArrayList<>();

  /**
   * @param sql reads a query file of {@code templates/web/queries/}
   * @param publisher where changes go; null: follow-ups are shown but cannot be changed
   */
  FollowUps(
      Warehouse warehouse, Function<String, String> sql, FollowUpPublisher publisher, Clock clock) {
    this.warehouse = warehouse;
    this.sql = sql;
    this.publisher = publisher;
    this.clock = clock;
  }

  boolean canChange() {
    return publisher != null;
  }

  /**
   * Follow-ups in the reader's projects with {@code status} (active = open or assigned), due first.
   */
  List<Map<String, Object>> list(User user, String status) {
    String s = status == null || status.isBlank() ? "active" : status;
    if (!STATUSES.contains(s)) {
      throw new IllegalArgumentException("status must be one of " + STATUSES);
    }
    List<Map<String, Object>> rows =
        DrillDownServer.plain(
            warehouse.query(sql.apply("followups.sql"), user.scopeParameter(), s));
    forgetStored();
    if (pending.isEmpty()) {
      return rows;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> row = overlay(r);
      if (s.equals("all")
          || s.equals(row.get("status"))
          || (s.equals("active") && !"closed".equals(row.get("status")))) {
        out.add(row);
      }
    }
    return out;
  }

  /** One follow-up in the reader's projects with its history, or null when there is none. */
  Map<String, Object> detail(User user, String id) {
    List<Map<String, Object>> rows =
        DrillDownServer.plain(
            warehouse.query(sql.apply("followup.sql"), id, user.scopeParameter()));
    if (rows.isEmpty()) {
      return null;
    }
    forgetStored();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("followup", overlay(rows.get(0)));
    List<Map<String, Object>> history =
        new ArrayList<>(
            DrillDownServer.plain(warehouse.query(sql.apply("followup_history.sql"), id)));
    for (FollowUpEvent e : pending) {
      if (e.followupId().equals(id)) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(
            "occurred_at",
            e.occurredAt().toLocalDateTime().withNano(0).toString().replace('T', ' '));
        h.put("action", e.action().name());
        h.put("actor", e.actor());
        h.put("assignee", e.assignee());
        h.put("outcome", e.outcome() == null ? null : e.outcome().name());
        h.put("comment", e.comment());
        h.put("pending", true);
        history.add(h);
      }
    }
    out.put("history", history);
    out.put(
        "canChange",
        canChange()
            && !"closed"
                .equals(out.get("followup") instanceof Map<?, ?> f ? f.get("status") : null));
    return out;
  }

  /**
   * A quality manager's change: {@code action} assign, comment, called_back or close, with {@code
   * assignee}, {@code outcome} and {@code comment} as the action needs. Returns the event
   * published; null when the follow-up is not in the user's projects.
   */
  FollowUpEvent change(User user, Map<String, String> form) {
    if (publisher == null) {
      throw new Unavailable();
    }
    String id = form.getOrDefault("id", "");
    List<Map<String, Object>> rows =
        DrillDownServer.plain(
            warehouse.query(sql.apply("followup.sql"), id, user.scopeParameter()));
    if (rows.isEmpty()) {
      return null;
    }
    Map<String, Object> current = overlay(rows.get(0));
    if ("closed".equals(current.get("status"))) {
      throw new Closed();
    }
    FollowUpAction action =
        switch (form.getOrDefault("action", "")) {
          case "assign" -> FollowUpAction.ASSIGNED;
          case "comment" -> FollowUpAction.COMMENTED;
          case "called_back" -> FollowUpAction.CALLED_BACK;
          case "close" -> FollowUpAction.CLOSED;
          default ->
              throw new IllegalArgumentException(
                  "action must be assign, comment, called_back or close");
        };
    String assignee = blankToNull(form.get("assignee"));
    String comment = blankToNull(form.get("comment"));
    FollowUpOutcome outcome = null;
    if (action == FollowUpAction.CLOSED) {
      try {
        outcome = FollowUpOutcome.valueOf(form.getOrDefault("outcome", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "a follow-up is closed with an outcome: one of " + List.of(FollowUpOutcome.values()));
      }
    }
    if (action == FollowUpAction.COMMENTED && comment == null) {
      throw new IllegalArgumentException("a comment needs its text");
    }
    FollowUpEvent event =
        new FollowUpEvent(
            "FE-" + UUID.randomUUID(),
            FollowUpEvent.SCHEMA_VERSION,
            OffsetDateTime.now(clock).withNano(0),
            id,
            String.valueOf(current.get("project_id")),
            action,
            user.name(),
            action == FollowUpAction.ASSIGNED ? assignee : null,
            outcome,
            comment);
    // the door's own check: what would be quarantined there is refused here, in one line
    Validation verdict = validator.validate(codec.encode(event), clock.instant(), "the drill-down");
    if (verdict instanceof Validation.Invalid invalid) {
      throw new IllegalArgumentException(invalid.message());
    }
    FollowUpEvent scrubbed = (FollowUpEvent) ((Validation.Valid) verdict).event();
    publisher.publish(scrubbed);
    pending.add(scrubbed);
    return scrubbed;
  }

  /** The row with this server's pending events for it applied, in order. */
  private Map<String, Object> overlay(Map<String, Object> row) {
    Map<String, Object> r = row;
    for (FollowUpEvent e : pending) {
      if (!e.followupId().equals(row.get("followup_id"))) {
        continue;
      }
      if (r == row) {
        r = new LinkedHashMap<>(row);
      }
      String at = e.occurredAt().toLocalDateTime().withNano(0).toString().replace('T', ' ');
      switch (e.action()) {
        case ASSIGNED -> {
          r.put("owner", e.assignee());
          if (!"closed".equals(r.get("status"))) {
            r.put("status", "assigned");
          }
        }
        case CLOSED -> {
          if (!"closed".equals(r.get("status"))) {
            r.put("status", "closed");
            r.put("outcome", e.outcome().name());
            r.put("closed_at", at);
          }
        }
        case CALLED_BACK -> r.putIfAbsent("called_back_at", at);
        case COMMENTED -> {}
        default -> throw new IllegalStateException("unknown follow-up action " + e.action());
      }
      r.put("pending", true);
    }
    return r;
  }

  /** Drops the pending events the warehouse now holds. */
  private void forgetStored() {
    if (pending.isEmpty()) {
      return;
    }
    String ids = pending.stream().map(FollowUpEvent::eventId).collect(Collectors.joining(","));
    Set<String> stored =
        warehouse
            .query(
                "select event_id from stg_followup_events where list_contains(string_split(?, ','),"
                    + " event_id)",
                ids)
            .stream()
            .map(r -> r.get("event_id").toString())
            .collect(Collectors.toSet());
    pending.removeIf(e -> stored.contains(e.eventId()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** No publisher: changes cannot be stored. */
  static final class Unavailable extends RuntimeException {
    Unavailable() {
      super("follow-up changes need the Kafka broker of the running service", null, false, false);
    }
  }

  /** The follow-up is closed already. */
  static final class Closed extends RuntimeException {
    Closed() {
      super("this follow-up is closed", null, false, false);
    }
  }
}
