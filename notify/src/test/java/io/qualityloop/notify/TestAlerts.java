package io.qualityloop.notify;

import io.qualityloop.events.EventCodec;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.text.EmergingIssueAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Alerts as the lifecycle job writes them to its topics. */
final class TestAlerts {
  static final String SLA_TOPIC = "ql.sla-alerts.v1";
  static final String TEXT_TOPIC = "ql.text-alerts.v1";

  private TestAlerts() {}

  static SlaAlert sla(String id, String type, String severity, LocalDateTime at) {
    return new SlaAlert(
        id,
        type,
        at,
        "C-" + id,
        1,
        "P01",
        "accept_24h",
        "24小时内受理",
        at.minusHours(20),
        at.plusHours(4),
        20.0,
        24.0,
        "engineering",
        "S0042",
        "product",
        severity,
        null);
  }

  static EmergingIssueAlert emerging(String id, LocalDateTime at) {
    return new EmergingIssueAlert(
        id,
        EmergingIssueAlert.TYPE,
        at,
        "P09",
        LocalDate.of(2026, 11, 30),
        "电梯困人",
        7,
        0.5,
        1e-6,
        1300,
        8,
        List.of("C1", "C2"),
        null);
  }

  static byte[] json(Object alert) {
    try {
      return EventCodec.mapper().writeValueAsBytes(alert);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Alert decoded(Object alert) {
    try {
      return new AlertDecoder(SLA_TOPIC, TEXT_TOPIC)
          .decode(alert instanceof SlaAlert ? SLA_TOPIC : TEXT_TOPIC, json(alert));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
