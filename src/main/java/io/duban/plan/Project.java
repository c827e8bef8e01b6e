package io.duban.plan;

import io.duban.common.BaseEntity;
import io.duban.common.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A 工程: one row of the table's 项目概况 column, with its lead units and targets. */
@Entity
@Table(name = "project")
public class Project extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "plan_id")
  public Plan plan;

  @ManyToOne(optional = false)
  @JoinColumn(name = "category_id")
  public Category category;

  @Column(nullable = false, length = 100)
  public String name;

  @Convert(converter = StringListConverter.class)
  @Column(length = 1000)
  public List<String> aliases = new ArrayList<>();

  @Column(length = 4000)
  public String overview;

  @Column(name = "sort_order", nullable = false)
  public int sortOrder;

  @Column(nullable = false)
  public boolean retired;

  /** 审核 for this project's figures: true or false, null as the plan says. */
  @Column public Boolean review;

  @ManyToMany
  @JoinTable(
      name = "project_lead_unit",
      joinColumns = @JoinColumn(name = "project_id"),
      inverseJoinColumns = @JoinColumn(name = "unit_id"))
  @OrderColumn(name = "sort_order")
  public List<Unit> leadUnits = new ArrayList<>();

  /**
   * Whether figures reported for this project wait for review (its own setting, else the plan's).
   */
  public boolean reviewed() {
    return review != null ? review : plan != null && plan.review;
  }
}
