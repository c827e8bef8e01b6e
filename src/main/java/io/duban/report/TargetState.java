package io.duban.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** The current figure or progress of one owning unit on one target, kept beside the history. */
@Entity
@Table(name = "target_state")
public class TargetState extends PanacheEntityBase {
  @EmbeddedId public Key key;

  @Column(precision = 24, scale = 4)
  public BigDecimal figure;

  @Column(length = 16)
  public String progress;

  @Column(length = 1000)
  public String note;

  @Column(name = "last_report_id")
  public Long lastReportId;

  @Column(name = "last_plan_date")
  public LocalDate lastPlanDate;

  @Column(name = "last_recorded_at")
  public Instant lastRecordedAt;

  /** The latest figure waiting for 审核 after the counted one (null: none waits). */
  @Column(name = "pending_figure", precision = 24, scale = 4)
  public BigDecimal pendingFigure;

  @Column(name = "pending_report_id")
  public Long pendingReportId;

  @Column(name = "pending_recorded_at")
  public Instant pendingRecordedAt;

  @Version
  @Column(nullable = false)
  public long version;

  /** (target, unit) primary key. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "target_id")
    public Long targetId;

    @Column(name = "unit_id")
    public Long unitId;

    public Key() {}

    public Key(Long targetId, Long unitId) {
      this.targetId = targetId;
      this.unitId = unitId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(targetId, k.targetId)
          && Objects.equals(unitId, k.unitId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(targetId, unitId);
    }
  }
}
