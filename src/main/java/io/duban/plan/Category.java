package io.duban.plan;

import io.duban.common.BaseEntity;
import io.duban.common.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A 实事: a numbered category of the plan that groups projects. */
@Entity
@Table(name = "category")
public class Category extends BaseEntity {
  @ManyToOne(optional = false)
  @JoinColumn(name = "plan_id")
  public Plan plan;

  @Column(nullable = false)
  public int number;

  @Column(nullable = false, length = 100)
  public String name;

  @Convert(converter = StringListConverter.class)
  @Column(length = 1000)
  public List<String> aliases = new ArrayList<>();

  @Column(nullable = false)
  public boolean retired;
}
