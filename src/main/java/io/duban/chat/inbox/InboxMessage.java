package io.duban.chat.inbox;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verified callback message, stored before it is acknowledged. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends BaseEntity {
  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  @Column(name = "message_id", nullable = false, length = 128)
  public String messageId;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "sender_id", length = 128)
  public String senderId;

  @Column(name = "sender_name", length = 100)
  public String senderName;

  @Column(length = 4000)
  public String text;

  /** The platform's reply link or handle (sessionWebhook, response_url, message id): a secret. */
  @Column(name = "reply_webhook", length = 1000)
  public String replyWebhook;

  @Column(name = "reply_expires_at")
  public Instant replyExpiresAt;

  /** RECEIVED, PROCESSED or FAILED. */
  @Column(nullable = false, length = 12)
  public String status;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "processed_at")
  public Instant processedAt;

  @Column(length = 1000)
  public String error;

  /** The message's pictures and files ({@link io.duban.chat.InboundFile#encode} lines). */
  @Column(length = 8000)
  public String files;
}
