package io.duban.plan;

import io.duban.common.BaseEntity;
import io.duban.common.StringListConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A measurable commitment of a project, identified by the stable code given in the plan file; the
 * value is exact, in the base unit (元, 个, 人, %), with the display unit the table writes.
 */
@Entity
@Table(name = "target")
public class Target extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "plan_id")
  public Plan plan;

  @ManyToOne(optional = false)
  @JoinColumn(name = "project_id")
  public Project project;

  /** The stable id from the plan file. */
  @Column(nullable = false, length = 64)
  public String code;

  @Column(nullable = false, length = 200)
  public String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public TargetKind kind;

  @Column(name = "target_value", precision = 24, scale = 4)
  public BigDecimal targetValue;

  /** Base unit (元, 个, 人, 人次, %, 公里, ...). */
  @Column(length = 20)
  public String unit;

  /** The unit the table writes (万元, 亿元); equals {@link #unit} for everything but money. */
  @Column(name = "display_unit", length = 20)
  public String displayUnit;

  /** Power of ten between display unit and base unit (万元: 4, 亿元: 8, otherwise 0). */
  @Column(name = "scale_exponent", nullable = false)
  public int scaleExponent;

  @Column(length = 20)
  public String qualifier;

  @Column(precision = 24, scale = 4)
  public BigDecimal baseline;

  @Enumerated(EnumType.STRING)
  @Column(name = "aggregate_rule", nullable = false, length = 10)
  public AggregateRule aggregateRule;

  @Convert(converter = StringListConverter.class)
  @Column(length = 1000)
  public List<String> aliases = new ArrayList<>();

  /** Reporting cycle override (MONTHLY, QUARTERLY, FIXED); null follows the plan. */
  @Column(length = 20)
  public String cycle;

  @Column(name = "deadline_day")
  public Integer deadlineDay;

  /** Fixed deadlines as ISO dates separated by commas, for cycle FIXED. */
  @Column(name = "fixed_deadlines", length = 1000)
  public String fixedDeadlines;

  /** Name of a 序时 curve of the plan; null is the linear default. */
  @Column(length = 50)
  public String curve;

  @Column(name = "source_text", length = 1000)
  public String sourceText;

  @Column(length = 1000)
  public String judgement;

  @Column(length = 1000)
  public String note;

  @Column(name = "sort_order", nullable = false)
  public int sortOrder;

  @Column(nullable = false)
  public boolean retired;

  @Column(name = "retired_at")
  public Instant retiredAt;

  @ManyToMany
  @JoinTable(
      name = "target_owner",
      joinColumns = @JoinColumn(name = "target_id"),
      inverseJoinColumns = @JoinColumn(name = "unit_id"))
  @OrderColumn(name = "sort_order")
  public List<Unit> owners = new ArrayList<>();

  @OneToMany(mappedBy = "target", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("sortOrder")
  public List<ChecklistItem> items = new ArrayList<>();

  public boolean isMoney() {
    return "元".equals(unit);
  }

  public boolean ownedBy(Unit unit) {
    for (Unit owner : owners) {
      if (owner.id.equals(unit.id)) {
        return true;
      }
    }
    return false;
  }
}
