package io.qualityloop.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class SessionsTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-10-08T01:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
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
  void aSessionInUseAllDayStillEndsAtItsAbsoluteLifetime() {
    ManualClock clock = new ManualClock();
    Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8), clock);
    String token = sessions.start(new User("qm", Role.QUALITY_MANAGER, null));
    for (int i = 0; i < 23; i++) {
      clock.now = clock.now.plus(Duration.ofMinutes(20));
      assertThat(sessions.user(token)).as("after %d min", (i + 1) * 20).isPresent();
    }
    clock.now = clock.now.plus(Duration.ofMinutes(20)); // 8 h after the sign-in
    assertThat(sessions.user(token)).isEmpty();
  }

  @Test
  void anAddressGuessingAcrossManyNamesIsLockedAndTheLockEnds() {
    ManualClock clock = new ManualClock();
    SignInThrottle throttle =
        new SignInThrottle(
            new SignInThrottle.Settings(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15)),
            clock);
    for (int i = 0; i < 20; i++) {
      assertThat(throttle.check("user" + i, "10.0.0.9").allowed()).isTrue();
      throttle.failed("user" + i, "10.0.0.9");
    }
    SignInThrottle.Verdict locked = throttle.check("someone-else", "10.0.0.9");
    assertThat(locked.allowed()).isFalse();
    assertThat(locked.reason()).isEqualTo("address_locked");
    assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(throttle.check("someone-else", "10.0.0.10").allowed()).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(15));
    assertThat(throttle.check("someone-else", "10.0.0.9").allowed()).isTrue();
  }

  @Test
  void theWaitAfterEachFailureDoublesUntilTheLockout() {
    ManualClock clock = new ManualClock();
    SignInThrottle throttle = new SignInThrottle(SignInThrottle.Settings.DEFAULTS, clock);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(throttle.failed("qm", "10.0.0.9"));
      clock.now = clock.now.plus(waits.get(i));
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofMinutes(15));
    throttle.succeeded("qm");
    assertThat(throttle.check("qm", "10.0.0.9").allowed()).isTrue();
  }

  @Test
  void passwordsAreStoredAsSaltedHashesAndChecked() {
    String a = PasswordHash.hash("correct horse".toCharArray());
    String b = PasswordHash.hash("correct horse".toCharArray());
    assertThat(a)
        .startsWith("pbkdf2-sha256$600000$")
        .doesNotContain("correct horse")
        .isNotEqualTo(b);
    assertThat(PasswordHash.matches("correct horse".toCharArray(), a)).isTrue();
    assertThat(PasswordHash.matches("correct hors".toCharArray(), a)).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), "plain-text")).isFalse();
  }

  @Test
  void aPathStepOutOfOrderIsRefusedAndValuesAreBoundNotSpliced() {
    DrillQuery q =
        new DrillQuery(
            "category:product/sub_category:x' or '1'='1",
            Map.of("quarter", "2026Q3"),
            true,
            "P01,P02");
    assertThat(q.conditions())
        .doesNotContain("x'")
        .contains("category = ?", "sub_category = ?", "quarter = ?", "breached = ?");
    assertThat(List.of(q.parameters()))
        .containsExactly("product", "x' or '1'='1", "2026Q3", true, "P01,P02", "P01,P02");
    assertThat(q.nextLevel()).isEqualTo("root_cause");
    Assertions.assertThatThrownBy(() -> new DrillQuery("root_cause:design", Map.of(), null, null))
        .hasMessageContaining("drill path step 1 must be category");
  }
}
