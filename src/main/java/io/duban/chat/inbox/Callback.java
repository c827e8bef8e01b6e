package io.duban.chat.inbox;

import io.duban.chat.IncomingMessage;
import java.time.Instant;

/**
 * What a platform's callback amounted to once verified: a message to answer, a challenge to echo,
 * something to acknowledge and ignore, or a refusal (401/403, nothing changed).
 */
public sealed interface Callback {
  /**
   * A text message addressed to the bot, with how to reply to it. {@code signatureKey} is set when
   * the platform's signature does not cover the body (DingTalk: only the timestamp): the inbox then
   * accepts one message per key.
   */
  record Message(
      IncomingMessage message,
      String replyHandle,
      Instant replyExpiresAt,
      String ack,
      String ackType,
      String signatureKey)
      implements Callback {
    public Message(
        IncomingMessage message,
        String replyHandle,
        Instant replyExpiresAt,
        String ack,
        String ackType) {
      this(message, replyHandle, replyExpiresAt, ack, ackType, null);
    }
  }

  /** URL verification: answer with this body. */
  record Challenge(String body, String contentType) implements Callback {}

  /** Verified but nothing to do (another event type, a picture): acknowledge. */
  record Ignored(String ack, String ackType, String why) implements Callback {}

  /** Not verified: answer with the status and change nothing. */
  record Refused(int status, String reason) implements Callback {}
}
