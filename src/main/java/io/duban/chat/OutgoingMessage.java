package io.duban.chat;

import java.time.Instant;
import java.util.List;

/**
 * A message to send, in neutral form: the chat (null for a webhook bot's own group), the text, who
 * to @-mention, an idempotency key the platform honours where it can (DingTalk msgUuid, Feishu
 * uuid), and a reply link (sessionWebhook, response_url) with its expiry when there is one, and
 * what the reader may tap instead of typing ({@link Offer}; a platform that cannot show buttons
 * ignores it).
 */
public record OutgoingMessage(
    String chatId,
    String text,
    List<Mention> mentions,
    String idempotencyKey,
    String replyWebhook,
    Instant replyExpiresAt,
    Offer offer) {
  public OutgoingMessage {
    offer = offer == null ? Offer.NONE : offer;
  }

  /** A message offering nothing to tap. */
  public OutgoingMessage(
      String chatId,
      String text,
      List<Mention> mentions,
      String idempotencyKey,
      String replyWebhook,
      Instant replyExpiresAt) {
    this(chatId, text, mentions, idempotencyKey, replyWebhook, replyExpiresAt, Offer.NONE);
  }
}
