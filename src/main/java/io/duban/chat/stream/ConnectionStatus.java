package io.duban.chat.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one stream bot's connection is doing, for /q/health, /q/metrics and the admin alert: its
 * state since when, reconnects, the last frame received, messages that could not be stored, and the
 * last error (a sentence without secrets).
 */
public final class ConnectionStatus {
  /** The connection's state. */
  public enum State {
    /** Asking for a ticket / endpoint, or opening the socket. */
    CONNECTING,
    /** Open and subscribed. */
    CONNECTED,
    /** Lost or refused; waiting to reconnect. */
    DOWN,
    /** Held by another instance (WeCom: one connection per bot). */
    STANDBY,
    /** Stopped for good (shutdown, or the platform said another connection took over). */
    STOPPED
  }

  private final String botId;
  private final String platform;
  private final Clock wall;
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong unstored = new AtomicLong();
  private volatile State state = State.CONNECTING;
  private volatile Instant since;
  private volatile Instant lastFrameAt;
  private volatile String lastError;

  /** When a down connection was told to the admins (null: not told). */
  volatile Instant alertedAt;

  public ConnectionStatus(String botId, String platform, Clock wall) {
    this.botId = botId;
    this.platform = platform;
    this.wall = wall;
    this.since = wall.instant();
  }

  public String botId() {
    return botId;
  }

  public String platform() {
    return platform;
  }

  public State state() {
    return state;
  }

  public Instant since() {
    return since;
  }

  public Instant lastFrameAt() {
    return lastFrameAt;
  }

  public long reconnects() {
    return reconnects.get();
  }

  public long frames() {
    return frames.get();
  }

  /** Messages received but not stored even after retrying (the platform does not redeliver). */
  public long unstored() {
    return unstored.get();
  }

  public String lastError() {
    return lastError;
  }

  public void connecting() {
    move(State.CONNECTING);
  }

  public void connected() {
    lastError = null;
    move(State.CONNECTED);
  }

  /** Lost or refused: {@code why} is shown on /q/health (no secrets). */
  public void down(String why) {
    lastError = why;
    move(State.DOWN);
  }

  /** A new attempt after a loss. */
  public void reconnecting() {
    reconnects.incrementAndGet();
    move(State.CONNECTING);
  }

  public void standby() {
    move(State.STANDBY);
  }

  public void stopped(String why) {
    if (why != null) {
      lastError = why;
    }
    move(State.STOPPED);
  }

  /** A frame arrived (any frame: a message, a ping, an ack). */
  public void frame() {
    frames.incrementAndGet();
    lastFrameAt = wall.instant();
  }

  public void unstoredMessage() {
    unstored.incrementAndGet();
  }

  private synchronized void move(State next) {
    if (state != next) {
      state = next;
      since = wall.instant();
    }
  }

  /** The state as the health check's data shows it. */
  public Map<String, Object> data() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("platform", platform);
    d.put("state", state.name());
    d.put("since", since.toString());
    d.put("reconnects", reconnects.get());
    d.put("frames", frames.get());
    d.put("lastFrameAt", lastFrameAt == null ? null : lastFrameAt.toString());
    d.put("unstored", unstored.get());
    d.put("lastError", lastError);
    return d;
  }
}
