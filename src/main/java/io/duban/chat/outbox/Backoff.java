package io.duban.chat.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: 5 s, 10 s, 20 s … capped at 10 minutes, each ×0.5–1.5, never
 * below the platform's own floor for the error (WeCom 45009 wants at least 60 s).
 */
public final class Backoff {
  static final Duration BASE = Duration.ofSeconds(5);
  static final Duration CAP = Duration.ofMinutes(10);

  private Backoff() {}

  public static Duration delay(int attempt, Duration floor, RandomGenerator random) {
    long base = BASE.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
    long capped = Math.min(base, CAP.toMillis());
    long jittered = (long) (capped * (0.5 + random.nextDouble()));
    return Duration.ofMillis(Math.max(jittered, floor == null ? 0 : floor.toMillis()));
  }
}
