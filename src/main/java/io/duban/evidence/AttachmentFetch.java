package io.duban.evidence;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A picture or file a platform message referred to, to download and attach to {@code reportIds}
 * (comma-separated): PENDING until {@link EvidenceFetcher} took it, DONE once attached, FAILED
 * (with the reason the sender was told) when it could not be.
 */
@Entity
@Table(name = "attachment_fetch")
public class AttachmentFetch extends BaseEntity {
  @Column(name = "report_ids", nullable = false, length = 400)
  public String reportIds;

  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "sender_id", nullable = false, length = 128)
  public String senderId;

  @Column(name = "message_id", length = 128)
  public String messageId;

  @Column(nullable = false, length = 8)
  public String kind;

  @Column(name = "file_name", length = 200)
  public String fileName;

  /** The platform's download reference: never shown. */
  @Column(nullable = false, length = 4000)
  public String ref;

  @Column(nullable = false, length = 12)
  public String status;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "claimed_at")
  public Instant claimedAt;

  @Column(length = 500)
  public String error;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
