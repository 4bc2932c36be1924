package io.qualityloop.reports.web;

import io.qualityloop.events.FollowUpEvent;

/**
 * Where the drill-down sends what a quality manager did to a follow-up: the follow-up events topic,
 * from which the lake job's door writes lake/followup_events.
 */
public interface FollowUpPublisher {
  /**
   * Publishes {@code event} and returns once it is stored; throws {@link IllegalStateException}
   * when it was not.
   */
  void publish(FollowUpEvent event);
}
