package io.duban.contact;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One 绑定 attempt, refused or not: the rate limits count them and admins see them. */
@Entity
@Table(name = "bind_attempt")
public class BindAttempt extends BaseEntity {
  /** A request was opened (or the sender's open one for that mobile was kept). */
  public static final String ACCEPTED = "ACCEPTED";

  /** Refused: the sender made too many attempts in the last hour. */
  public static final String SENDER_LIMIT = "SENDER_LIMIT";

  /** Refused: the mobile was named too often in the last day. */
  public static final String MOBILE_LIMIT = "MOBILE_LIMIT";

  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  @Column(name = "sender_id", nullable = false, length = 128)
  public String senderId;

  @Column(name = "sender_name", length = 100)
  public String senderName;

  @Column(nullable = false, length = 32)
  public String mobile;

  @Column(nullable = false, length = 16)
  public String outcome;

  @Column(name = "request_id")
  public Long requestId;

  @Column(name = "attempted_at", nullable = false)
  public Instant attemptedAt;
}
