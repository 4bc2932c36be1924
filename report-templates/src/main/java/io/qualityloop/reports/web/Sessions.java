package io.qualityloop.reports.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions: a random token per sign-in, ended after {@code idleTimeout} without a request
 * and in any case {@code absoluteLifetime} after the sign-in.
 */
public final class Sessions {
  /**
   * The absolute lifetime when none is given (the shipped {@code serve.session-absolute-lifetime}).
   */
  public static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofHours(8);

  private record Session(User user, Instant started, Instant lastSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idleTimeout;
  private final Duration absoluteLifetime;
  private final Clock clock;

  public Sessions(Duration idleTimeout, Clock clock) {
    this(idleTimeout, DEFAULT_ABSOLUTE_LIFETIME, clock);
  }

  public Sessions(Duration idleTimeout, Duration absoluteLifetime, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.absoluteLifetime = absoluteLifetime;
    this.clock = clock;
  }

  public String start(User user) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
    sessions.put(token, new Session(user, now, now));
    return token;
  }

  /**
   * The session's user, if the token is known, was used within the idle timeout (which it renews)
   * and the sign-in is younger than the absolute lifetime.
   */
  public Optional<User> user(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = sessions.get(token);
    Instant now = clock.instant();
    if (s == null || expired(s, now)) {
      sessions.remove(token);
      return Optional.empty();
    }
    sessions.put(token, new Session(s.user(), s.started(), now));
    return Optional.of(s.user());
  }

  private boolean expired(Session s, Instant now) {
    return s.lastSeen().plus(idleTimeout).isBefore(now)
        || !s.started().plus(absoluteLifetime).isAfter(now);
  }

  public void end(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }
}
