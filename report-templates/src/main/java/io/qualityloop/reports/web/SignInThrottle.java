package io.qualityloop.reports.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing: after each failed sign-in of a user name the next attempt must wait
 * {@code firstDelay}, then twice as long, and so on; after {@code maxFailures} failures the name is
 * locked for {@code lockout}. An address is locked for {@code lockout} after {@code
 * maxFailuresPerAddress} failures for any names (guessing across many users). A refused attempt is
 * never checked against the password, so it costs no hashing and tells nothing. Failures older than
 * {@code lockout} are forgotten; a successful sign-in clears its name.
 */
public final class SignInThrottle {
  /** The limits ({@code serve.sign-in.*}). */
  public record Settings(
      int maxFailures, int maxFailuresPerAddress, Duration firstDelay, Duration lockout) {
    /** The shipped defaults: 5 per name, 20 per address, 1 s doubling, 15 minutes. */
    public static final Settings DEFAULTS =
        new Settings(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15));
  }

  /** Whether an attempt may be checked now; if not, how long until it may, and why. */
  public record Verdict(boolean allowed, Duration retryAfter, String reason) {}

  private record Failures(int count, Instant last, Instant notBefore) {}

  private static final int MAX_TRACKED = 100_000;
  private final Map<String, Failures> names = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
  private final Settings settings;
  private final Clock clock;

  public SignInThrottle(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Verdict check(String name, String address) {
    Instant now = clock.instant();
    Failures a = current(addresses, address, now);
    if (a != null && a.count() >= settings.maxFailuresPerAddress()) {
      return new Verdict(
          false, Duration.between(now, a.last().plus(settings.lockout())), "address_locked");
    }
    Failures n = current(names, name, now);
    if (n != null && n.notBefore().isAfter(now)) {
      return new Verdict(
          false,
          Duration.between(now, n.notBefore()),
          n.count() >= settings.maxFailures() ? "user_locked" : "too_soon");
    }
    return new Verdict(true, Duration.ZERO, "");
  }

  /** Records a failed sign-in; returns the wait before the next attempt of this name. */
  public Duration failed(String name, String address) {
    Instant now = clock.instant();
    if (names.size() + addresses.size() > MAX_TRACKED) {
      forgetOld(now);
    }
    addresses.compute(
        address,
        (k, f) -> {
          Failures old = f == null || stale(f, now) ? null : f;
          return new Failures(old == null ? 1 : old.count() + 1, now, now);
        });
    Failures n =
        names.compute(
            name,
            (k, f) -> {
              int count = f == null || stale(f, now) ? 1 : f.count() + 1;
              Duration wait =
                  count >= settings.maxFailures()
                      ? settings.lockout()
                      : settings.firstDelay().multipliedBy(1L << Math.min(count - 1, 20));
              return new Failures(count, now, now.plus(wait));
            });
    return Duration.between(now, n.notBefore());
  }

  public void succeeded(String name) {
    names.remove(name);
  }

  private Failures current(Map<String, Failures> map, String key, Instant now) {
    Failures f = map.get(key);
    if (f != null && stale(f, now)) {
      map.remove(key, f);
      return null;
    }
    return f;
  }

  /** Forgotten: the lockout (or the wait) has passed and no failure came within {@code lockout}. */
  private boolean stale(Failures f, Instant now) {
    return !f.notBefore().isAfter(now) && !f.last().plus(settings.lockout()).isAfter(now);
  }

  private void forgetOld(Instant now) {
    names.values().removeIf(f -> stale(f, now));
    addresses.values().removeIf(f -> stale(f, now));
  }
}
