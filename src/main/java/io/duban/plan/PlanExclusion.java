package io.duban.plan;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A figure of the source text that is deliberately not a target, kept with the reason. */
@Entity
@Table(name = "plan_exclusion")
public class PlanExclusion extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "project_id")
  public Project project;

  @Column(nullable = false, length = 500)
  public String text;

  @Column(nullable = false, length = 500)
  public String reason;

  @Column(name = "sort_order", nullable = false)
  public int sortOrder;
}
