package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-10-08T01:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aSessionEndsAfterTheIdleTimeoutAndEachRequestRenewsIt() {
    ManualClock clock = new ManualClock();
    Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
    String token = sessions.start(new User("qm", Role.QUALITY_MANAGER, null));

    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertThat(sessions.user(token)).isPresent(); // renews
    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertThat(sessions.user(token)).isPresent();
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(sessions.user(token)).isEmpty();
    assertThat(sessions.user("made-up")).isEmpty();
  }

  @Test
  void passwordsAreStoredAsSaltedHashesAndChecked() {
    String a = PasswordHash.hash("correct horse".toCharArray());
    String b = PasswordHash.hash("correct horse".toCharArray());
    assertThat(a).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct horse").isNotEqualTo(b);
    assertThat(PasswordHash.matches("correct horse".toCharArray(), a)).isTrue();
    assertThat(PasswordHash.matches("correct hors".toCharArray(), a)).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), "plain-text")).isFalse();
  }

  @Test
  void aPathStepOutOfOrderIsRefusedAndValuesAreBoundNotSpliced() {
    DrillQuery q = new DrillQuery("category:product/sub_category:x' or '1'='1", java.util.Map.of("quarter", "2026Q3"), true, "P01,P02");
    assertThat(q.conditions()).doesNotContain("x'").contains("category = ?", "sub_category = ?", "quarter = ?", "breached = ?");
    assertThat(List.of(q.parameters())).containsExactly("product", "x' or '1'='1", "2026Q3", true, "P01,P02", "P01,P02");
    assertThat(q.nextLevel()).isEqualTo("root_cause");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DrillQuery("root_cause:design", java.util.Map.of(), null, null))
        .hasMessageContaining("drill path step 1 must be category");
  }
}
