package io.duban.extension;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A 情况说明: why a unit's target lags in one period and what it does about it. The latest per (target,
 * unit, period) is shown; earlier ones are kept.
 */
@Entity
@Table(name = "explanation")
@EntityListeners(TableCopy.Changes.class)
public class Explanation extends BaseEntity {
  @Column(name = "target_id", nullable = false)
  public Long targetId;

  @Column(name = "unit_id", nullable = false)
  public Long unitId;

  @Column(name = "period_key", nullable = false, length = 20)
  public String periodKey;

  @Column(nullable = false, length = 500)
  public String text;

  @Column(name = "contact_id")
  public Long contactId;

  @Column(name = "reporter_name", length = 100)
  public String reporterName;

  @Column(length = 16)
  public String platform;

  @Column(name = "bot_id", length = 64)
  public String botId;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "message_id", length = 128)
  public String messageId;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
}
