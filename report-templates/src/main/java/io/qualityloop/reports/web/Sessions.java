package io.qualityloop.reports.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Signed-in sessions: a random token per sign-in, ended after {@code idleTimeout} without a request. */
public final class Sessions {
  private record Session(User user, Instant lastSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idleTimeout;
  private final Clock clock;

  public Sessions(Duration idleTimeout, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  public String start(User user) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(user, clock.instant()));
    return token;
  }

  /** The session's user, if the token is known and was used within the idle timeout (which it renews). */
  public Optional<User> user(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = sessions.get(token);
    Instant now = clock.instant();
    if (s == null || s.lastSeen().plus(idleTimeout).isBefore(now)) {
      sessions.remove(token);
      return Optional.empty();
    }
    sessions.put(token, new Session(s.user(), now));
    return Optional.of(s.user());
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
