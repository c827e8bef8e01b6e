package io.duban.chat.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox dispatcher. */
@ConfigMapping(prefix = "duban.outbox")
public interface OutboxConfig {
  /** Attempts before a message is FAILED and the admin route is told (default 8). */
  @WithDefault("8")
  int maxAttempts();

  /** How long a claimed message may stay SENDING before another instance takes it over. */
  @WithDefault("2m")
  Duration lease();

  /** Bots dispatched in parallel by one instance. */
  @WithDefault("8")
  int workers();

  /** Whether enqueueing wakes the dispatcher at once (tests drive it by hand). */
  @WithDefault("true")
  boolean dispatchOnEnqueue();

  /** How often the dispatcher looks for due messages ("off" in tests, which drive it by hand). */
  @WithDefault("1s")
  String interval();

  /** Delay of the first look after start-up. */
  @WithDefault("2s")
  String initialDelay();

  /** Messages an unpaced bot (rate-limit 0) claims and sends together, and the senders' threads. */
  @WithDefault("16")
  int batchSize();

  /** Messages of one chat merged into one send at most. */
  @WithDefault("50")
  int mergeLimit();
}
