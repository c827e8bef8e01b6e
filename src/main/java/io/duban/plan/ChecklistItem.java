package io.duban.plan;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A named item of a CHECKLIST target (横林中心幼儿园, 小庙转运站, ...) and whether it is done. */
@Entity
@Table(name = "checklist_item")
public class ChecklistItem extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "target_id")
  public Target target;

  @Column(nullable = false, length = 200)
  public String name;

  @Column(name = "sort_order", nullable = false)
  public int sortOrder;

  @Column(nullable = false)
  public boolean retired;

  /** Plan-clock date the item was reported done; null while open. */
  @Column(name = "done_on")
  public LocalDate doneOn;

  @Column(name = "done_report_id")
  public Long doneReportId;
}
