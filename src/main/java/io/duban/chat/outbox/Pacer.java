package io.duban.chat.outbox;

import io.duban.chat.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding-window pacing: at most {@code perMinute} sends in any 61 seconds and {@code perSecond} in
 * any 1.1 seconds. The windows are a little longer than the platform's own minute and second: a
 * send is counted when it is claimed, the platform counts it when it arrives, and a first send that
 * travelled slowly must not let the 21st land inside the platform's minute (measured: with exact
 * windows, 21 of 20/min arrived within 60 s at the receiving end). It only says when the next send
 * may go; it never drops anything.
 */
public final class Pacer {
  private static final Duration MINUTE = Duration.ofSeconds(61);
  private static final Duration SECOND = Duration.ofMillis(1100);

  private Pacer() {}

  /** The earliest moment the next send may go, given the sends of the last minute. */
  public static Instant nextAllowed(RateLimit limit, List<Instant> recent, Instant now) {
    if (limit.unpaced()) {
      return now;
    }
    Instant allowed = now;
    List<Instant> lastMinute = within(recent, now, MINUTE);
    if (limit.perMinute() > 0 && lastMinute.size() >= limit.perMinute()) {
      Instant oldest = lastMinute.get(lastMinute.size() - limit.perMinute());
      allowed = max(allowed, oldest.plus(MINUTE));
    }
    List<Instant> lastSecond = within(recent, now, SECOND);
    if (limit.perSecond() > 0 && lastSecond.size() >= limit.perSecond()) {
      Instant oldest = lastSecond.get(lastSecond.size() - limit.perSecond());
      allowed = max(allowed, oldest.plus(SECOND));
    }
    return allowed;
  }

  /**
   * The sends to remember after one more at {@code now}: those of the last minute, and no more than
   * the window can count (an unpaced bot remembers none).
   */
  public static List<Instant> record(RateLimit limit, List<Instant> recent, Instant now) {
    if (limit.unpaced()) {
      return List.of();
    }
    List<Instant> kept = new ArrayList<>(within(recent, now, MINUTE));
    kept.add(now);
    int keep = Math.max(limit.perMinute(), limit.perSecond());
    return kept.size() > keep
        ? new ArrayList<>(kept.subList(kept.size() - keep, kept.size()))
        : kept;
  }

  public static List<Instant> decode(String column) {
    List<Instant> out = new ArrayList<>();
    if (column != null && !column.isEmpty()) {
      for (String s : column.split(",")) {
        out.add(Instant.ofEpochMilli(Long.parseLong(s.trim())));
      }
    }
    out.sort(null);
    return out;
  }

  public static String encode(List<Instant> sends) {
    StringBuilder sb = new StringBuilder();
    for (Instant i : sends) {
      sb.append(sb.length() == 0 ? "" : ",").append(i.toEpochMilli());
    }
    return sb.toString();
  }

  private static List<Instant> within(List<Instant> recent, Instant now, Duration window) {
    Instant from = now.minus(window);
    List<Instant> out = new ArrayList<>();
    for (Instant i : recent) {
      if (i.isAfter(from)) {
        out.add(i);
      }
    }
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
