package io.duban.chat.outbox;

import io.duban.chat.Mention;
import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message in the outbox, from the moment it is decided until it is sent, failed or cancelled.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends BaseEntity {
  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  /** The chat (group) id; null for a webhook bot's own group. */
  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  public MessageKind kind;

  @Column(nullable = false, length = 20000)
  public String text;

  /** {@link Mention} lines. */
  @Column(length = 4000)
  public String mentions;

  /** Makes enqueueing idempotent (a reminder per rule, unit, period and day); null when none. */
  @Column(name = "dedupe_key", length = 200)
  public String dedupeKey;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  public OutboxStatus status;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "claimed_by", length = 64)
  public String claimedBy;

  @Column(name = "claimed_at")
  public Instant claimedAt;

  @Column(name = "last_error", length = 1000)
  public String lastError;

  /** Sent to platforms that deduplicate retried sends (DingTalk msgUuid, Feishu uuid). */
  @Column(name = "idempotency_key", nullable = false, length = 64)
  public String idempotencyKey;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  /** The message this one was merged into when sent together. */
  @Column(name = "merged_into")
  public Long mergedInto;

  /** For reminders: the unit and period, re-checked when sending. */
  @Column(name = "unit_id")
  public Long unitId;

  @Column(name = "period_key", length = 20)
  public String periodKey;

  /** For reminders: the rule (before-3, on-deadline, overdue, escalate, bulletin). */
  @Column(name = "rule_id", length = 40)
  public String ruleId;

  /** A reply link (sessionWebhook, response_url): a secret, never shown. */
  @Column(name = "reply_webhook", length = 1000)
  public String replyWebhook;

  @Column(name = "reply_expires_at")
  public Instant replyExpiresAt;

  /** What the reader may tap instead of typing ({@link io.duban.chat.Offer#encode} lines). */
  @Column(name = "offer", length = 8000)
  public String offer;
}
