package io.duban.chat.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnect attempts: {@code base × factor^(attempt-1)}, at most {@code max}, with ±
 * {@code jitter} (a fraction) so that many instances do not reconnect in step.
 */
public record Reconnects(Duration base, double factor, Duration max, double jitter) {
  /** DingTalk's Java SDK: 10 s × 1.6 up to 60 s, ± 20 %. */
  public static final Reconnects DINGTALK =
      new Reconnects(Duration.ofSeconds(10), 1.6, Duration.ofSeconds(60), 0.2);

  /** WeCom 智能机器人 SDK: 1 s doubling up to 30 s, ± 20 %. */
  public static final Reconnects WECOM =
      new Reconnects(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2);

  /** The wait before attempt {@code attempt} (1 = the first reconnect). */
  public Duration delay(int attempt) {
    double ms = base.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
    ms = Math.min(ms, max.toMillis());
    double spread = ms * jitter;
    ms += spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread);
    return Duration.ofMillis(Math.max(0, Math.round(ms)));
  }

  /** The same curve scaled (tests shorten the waits: {@code duban.stream.*} settings). */
  public Reconnects scaled(double by) {
    return new Reconnects(
        Duration.ofMillis(Math.round(base.toMillis() * by)),
        factor,
        Duration.ofMillis(Math.round(max.toMillis() * by)),
        jitter);
  }
}
