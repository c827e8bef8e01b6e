package io.duban.extension;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An approved 申请延期: the unit's deadline for one period moved to {@link #newDeadline}, for one
 * target ({@link #targetId}) or for all its targets in that period (null).
 */
@Entity
@Table(name = "deadline_extension")
@EntityListeners(TableCopy.Changes.class)
public class DeadlineExtension extends BaseEntity {
  @Column(name = "unit_id", nullable = false)
  public Long unitId;

  /** Null: every target of the unit in that period (申请延期 本期). */
  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "period_key", nullable = false, length = 20)
  public String periodKey;

  @Column(name = "new_deadline", nullable = false)
  public LocalDate newDeadline;

  @Column(nullable = false, length = 200)
  public String reason;

  @Column(name = "approval_id", nullable = false)
  public Long approvalId;

  @Column(name = "granted_at", nullable = false)
  public Instant grantedAt;

  @Column(name = "granted_by", nullable = false, length = 128)
  public String grantedBy;
}
