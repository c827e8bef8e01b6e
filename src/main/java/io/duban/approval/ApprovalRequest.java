package io.duban.approval;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A numbered request that needs someone else's yes: who asked (platform, bot, chat, sender), what
 * for ({@link #subject}, e.g. the mobile of a 绑定), until when, and how it was decided.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest extends BaseEntity {
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  public ApprovalKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  public ApprovalStatus status;

  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "sender_id", nullable = false, length = 128)
  public String senderId;

  @Column(name = "sender_name", length = 100)
  public String senderName;

  /** What is asked for, in the kind's own terms (a 绑定: the mobile as typed, digits only). */
  @Column(nullable = false, length = 200)
  public String subject;

  /** The contact the request is about (database id): who it was granted to, or who it named. */
  @Column(name = "contact_id")
  public Long contactId;

  /** What the admins are told about the request (no secrets, mobiles masked). */
  @Column(length = 1000)
  public String note;

  /** A check the service runs by itself before asking people (the platform's directory). */
  @Column(name = "check_state", length = 16)
  public String checkState;

  @Column(name = "check_started_at")
  public Instant checkStartedAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /** Who decided: a contact ("admin-01 督查员"), the dashboard's admin, a platform directory. */
  @Column(name = "decided_by", length = 128)
  public String decidedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "decided_via", length = 16)
  public DecidedVia decidedVia;

  /** The reason of a 驳回, or why the request was closed. */
  @Column(length = 500)
  public String reason;

  public boolean pending() {
    return status == ApprovalStatus.PENDING;
  }

  /** How a request was decided. */
  public enum DecidedVia {
    CHAT,
    DASHBOARD,
    API,
    PLATFORM,
    EXPIRY,
    REQUESTER
  }
}
