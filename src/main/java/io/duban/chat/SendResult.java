package io.duban.chat;

import java.time.Duration;

/**
 * What a platform said to one send, classified for the outbox: sent; retry later (with a minimum
 * wait); rate-limited (pause the bot's whole queue for {@code wait}); or permanent (stop now).
 * {@code error} keeps the platform's own code and message, never a secret. {@link ResultLadder}
 * turns a platform's answer into one.
 */
public record SendResult(Outcome outcome, String error, Duration delay) {
  /** The classes of outcome. */
  public enum Outcome {
    SENT,
    RETRY,
    RATE_LIMITED,
    PERMANENT
  }

  public static SendResult sent() {
    return new SendResult(Outcome.SENT, null, Duration.ZERO);
  }

  public static SendResult retry(String error) {
    return new SendResult(Outcome.RETRY, error, Duration.ZERO);
  }

  public static SendResult retryAfter(String error, Duration floor) {
    return new SendResult(Outcome.RETRY, error, floor);
  }

  public static SendResult rateLimited(String error, Duration pause) {
    return new SendResult(Outcome.RATE_LIMITED, error, pause);
  }

  public static SendResult permanent(String error) {
    return new SendResult(Outcome.PERMANENT, error, Duration.ZERO);
  }
}
