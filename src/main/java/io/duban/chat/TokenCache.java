package io.duban.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the platforms' app APIs, cached per bot until shortly before they expire
 * (DingTalk and WeCom: 7200 s; Feishu hands out a new one when less than 30 minutes remain).
 */
public final class TokenCache {
  /** A token and when it stops being valid. */
  public record Token(String value, Instant expiresAt) {}

  /** Fetches a fresh token or says why it could not. */
  public interface Fetcher {
    Token fetch() throws TokenException;
  }

  /** The platform refused to issue a token; retryable or not. */
  public static final class TokenException extends Exception {
    private final boolean retryable;

    public TokenException(String message, boolean retryable) {
      super(message, null, false, false);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private static final Duration MARGIN = Duration.ofMinutes(31);

  private final Clock wall;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  public TokenCache(Clock wall) {
    this.wall = wall;
  }

  public String get(String key, Fetcher fetcher) throws TokenException {
    Token t = tokens.get(key);
    if (t != null && t.expiresAt().minus(MARGIN).isAfter(wall.instant())) {
      return t.value();
    }
    synchronized (this) {
      t = tokens.get(key);
      if (t != null && t.expiresAt().minus(MARGIN).isAfter(wall.instant())) {
        return t.value();
      }
      Token fresh = fetcher.fetch();
      tokens.put(key, fresh);
      return fresh.value();
    }
  }

  /** Forgets a token the platform rejected. */
  public void invalidate(String key) {
    tokens.remove(key);
  }
}
