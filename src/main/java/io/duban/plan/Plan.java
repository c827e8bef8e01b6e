package io.duban.plan;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One year's responsibility table: its title, period and reporting defaults. */
@Entity
@Table(name = "plan")
public class Plan extends BaseEntity {
  @Column(name = "plan_year", nullable = false)
  public int year;

  @Column(nullable = false, length = 200)
  public String title;

  @Column(length = 100)
  public String region;

  @Column(name = "period_start", nullable = false)
  public LocalDate periodStart;

  @Column(name = "period_end", nullable = false)
  public LocalDate periodEnd;

  /** 慢序时 threshold as a fraction (0.10 = 10 percentage points below 序时进度). */
  @Column(name = "status_gap", nullable = false, precision = 8, scale = 6)
  public BigDecimal statusGap;

  @Column(nullable = false, length = 20)
  public String cycle;

  @Column(name = "deadline_day", nullable = false)
  public int deadlineDay;

  /**
   * First day of the month of {@code tracking-from} (the first tracked reporting period); null: the
   * plan's first period. Periods that end before it are never owed.
   */
  @Column(name = "tracking_from")
  public LocalDate trackingFrom;

  /** Named 序时 curves as "name=MM-DD:fraction,MM-DD:fraction;name2=..." (see PlanFile). */
  @Column(length = 4000)
  public String curves;

  /** 审核: whether reported figures wait for the office's 通过 before they count (plan default). */
  @Column(nullable = false)
  public boolean review;

  @Column(nullable = false)
  public boolean active;

  @Column(name = "source_file", length = 500)
  public String sourceFile;

  @Column(name = "content_hash", length = 64)
  public String contentHash;

  @Column(name = "loaded_at", nullable = false)
  public Instant loadedAt;

  public static Plan findActive() {
    return find("active = true").firstResult();
  }
}
