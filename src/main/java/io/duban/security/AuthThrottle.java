package io.duban.security;

import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Throttles clients that present wrong tokens (bearer headers and dashboard logins): after {@code
 * duban.auth.failures-per-minute} failures in a minute a client's every attempt answers 429 with
 * Retry-After until its oldest failure is a minute old, the right token included. Counted per
 * instance, per client address (behind a reverse proxy the address Quarkus derives from the trusted
 * proxy's X-Forwarded-For). Logged once a minute per client, never with the token.
 */
@ApplicationScoped
public class AuthThrottle {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int MAX_CLIENTS = 10_000;
  private static final Logger LOG = Logger.getLogger(AuthThrottle.class);

  @Inject DubanConfig config;
  @Inject Clock wall;

  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  /** A client's recent failures and when it was last logged. */
  private static final class Client {
    final Deque<Instant> failures = new ArrayDeque<>();
    Instant loggedAt;
    int unlogged;
  }

  /** Seconds the client must wait before presenting a token again, when it is throttled. */
  public Optional<Long> blocked(String address) {
    Client c = clients.get(address);
    if (c == null) {
      return Optional.empty();
    }
    Instant now = wall.instant();
    synchronized (c) {
      prune(c, now);
      if (c.failures.size() < config.auth().failuresPerMinute()) {
        return Optional.empty();
      }
      Instant free = c.failures.peekFirst().plus(WINDOW);
      return Optional.of(Math.max(1, Duration.between(now, free).toSeconds() + 1));
    }
  }

  /** Records a wrong token from this client. */
  public void failed(String address, String what) {
    Instant now = wall.instant();
    if (clients.size() >= MAX_CLIENTS && !clients.containsKey(address)) {
      clients.values().removeIf(c -> pruneAll(c, now));
    }
    Client c = clients.computeIfAbsent(address, k -> new Client());
    boolean log;
    int unlogged;
    int count;
    synchronized (c) {
      prune(c, now);
      c.failures.addLast(now);
      log = c.loggedAt == null || !now.isBefore(c.loggedAt.plus(WINDOW));
      unlogged = c.unlogged;
      if (log) {
        c.loggedAt = now;
        c.unlogged = 0;
      } else {
        c.unlogged++;
      }
      count = c.failures.size();
    }
    if (log) {
      LOG.warnf(
          "认证失败：客户端 %s %s（一分钟内第 %d 次%s）",
          address, what, count, unlogged == 0 ? "" : "，上次记录后另有 " + unlogged + " 次未逐条记录");
    }
  }

  private static void prune(Client c, Instant now) {
    while (!c.failures.isEmpty() && !c.failures.peekFirst().plus(WINDOW).isAfter(now)) {
      c.failures.removeFirst();
    }
  }

  private static boolean pruneAll(Client c, Instant now) {
    synchronized (c) {
      prune(c, now);
      return c.failures.isEmpty();
    }
  }
}
