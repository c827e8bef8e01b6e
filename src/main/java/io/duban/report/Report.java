package io.duban.report;

import io.duban.common.BaseEntity;
import io.duban.contact.Contact;
import io.duban.plan.ChecklistItem;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One recorded figure, checklist tick or progress note, with who sent it, when on both clocks and
 * from which message. Never deleted: a withdrawal sets a flag, a correction adds a row.
 */
@Entity
@Table(name = "report")
public class Report extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "target_id")
  public Target target;

  @ManyToOne(optional = false)
  @JoinColumn(name = "unit_id")
  public Unit unit;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public ReportKind kind;

  /** Cumulative year-to-date figure in the target's base unit (FIGURE). */
  @Column(precision = 24, scale = 4)
  public BigDecimal figure;

  @ManyToOne
  @JoinColumn(name = "item_id")
  public ChecklistItem item;

  /** 未启动 / 推进中 / 已完成 (PROGRESS). */
  @Column(length = 16)
  public String progress;

  @Column(length = 1000)
  public String note;

  /** The plan-clock date the report counts for. */
  @Column(name = "plan_date", nullable = false)
  public LocalDate planDate;

  @Column(name = "plan_time", nullable = false)
  public LocalDateTime planTime;

  /** Wall-clock moment the row was written. */
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(name = "period_key", nullable = false, length = 20)
  public String periodKey;

  @Column(nullable = false)
  public boolean late;

  @Column(nullable = false)
  public boolean correction;

  @ManyToOne
  @JoinColumn(name = "contact_id")
  public Contact contact;

  @Column(name = "reporter_name", length = 100)
  public String reporterName;

  @Column(name = "on_behalf", nullable = false)
  public boolean onBehalf;

  @Column(length = 16)
  public String platform;

  @Column(name = "bot_id", length = 64)
  public String botId;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "message_id", length = 128)
  public String messageId;

  @Column(name = "original_text", length = 2000)
  public String originalText;

  @Column(nullable = false)
  public boolean withdrawn;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  /** The figure's 审核 state; null when it was not under review (it counted at once). */
  @Enumerated(EnumType.STRING)
  @Column(length = 12)
  public ReviewState review;

  /** The 审核 request of a figure under review. */
  @Column(name = "approval_id")
  public Long approvalId;

  /** Whether the figure counts in views: not under review, or approved. */
  public boolean counts() {
    return review == null || review == ReviewState.APPROVED;
  }

  /** Whether it was returned or replaced before review (it neither counts nor is a report). */
  public boolean discarded() {
    return review == ReviewState.RETURNED || review == ReviewState.SUPERSEDED;
  }
}
