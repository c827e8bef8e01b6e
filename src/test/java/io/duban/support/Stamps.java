package io.duban.support;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * DingTalk callback timestamps for tests: each callback gets its own, as DingTalk's do (a used
 * (bot, timestamp) pair is refused for another message). With the wall clock pinned, the next one
 * is the latest unused millisecond at or before now, so it stays inside the signature window.
 */
public final class Stamps {
  private static final Set<Long> USED = new HashSet<>();

  private Stamps() {}

  public static synchronized long next(Clock wall) {
    long ts = wall.millis();
    while (!USED.add(ts)) {
      ts--;
    }
    return ts;
  }
}
