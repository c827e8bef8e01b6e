package io.duban.audit;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;

/** One entry of the audit trail: who changed what, when on both clocks. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends BaseEntity {
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(name = "plan_time")
  public LocalDateTime planTime;

  @Column(nullable = false, length = 128)
  public String actor;

  @Column(nullable = false, length = 64)
  public String action;

  @Column(nullable = false, length = 200)
  public String subject;

  @Column(length = 4000)
  public String detail;
}
