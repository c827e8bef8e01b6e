package io.duban.chat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One bot of bots.yaml with its values resolved from the environment. A bot missing a required
 * value is kept but disabled, with the reason (never the values).
 */
public record BotSpec(
    String id,
    Platform platform,
    Map<String, String> values,
    Duration timestampWindow,
    RateLimit rateLimit,
    boolean enabled,
    String disabledReason) {

  /** A resolved, non-empty value for a bots.yaml key such as {@code app-secret}. */
  public Optional<String> value(String key) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public String valueOr(String key, String fallback) {
    return value(key).orElse(fallback);
  }

  /** Whether the bot receives over a connection it opens itself ({@code mode: stream}). */
  public boolean stream() {
    return "stream".equals(values.get("mode"));
  }

  @Override
  public String toString() {
    // values hold secrets: never print them
    return "BotSpec[" + id + ", " + platform.key() + (enabled ? "" : ", disabled") + "]";
  }
}
