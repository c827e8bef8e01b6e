package io.duban.command.conversation;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A question Duban asked a sender in a chat and awaits an answer to (numbered choice, 确认). */
@Entity
@Table(name = "pending_question")
public class PendingQuestion extends BaseEntity {
  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "chat_id", nullable = false, length = 128)
  public String chatId;

  @Column(name = "sender_id", nullable = false, length = 128)
  public String senderId;

  /** CHOICE or HOLD. */
  @Column(nullable = false, length = 16)
  public String kind;

  /** JSON of the question's state. */
  @Column(nullable = false, length = 8000)
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
