package io.duban.plan;

import io.duban.common.BaseEntity;
import io.duban.common.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** An organisation that leads projects, owns targets or employs contacts (人社局, 区政府办, ...). */
@Entity
@Table(name = "unit")
public class Unit extends BaseEntity {
  @Column(nullable = false, length = 100)
  public String name;

  @Column(name = "full_name", length = 200)
  public String fullName;

  @Convert(converter = StringListConverter.class)
  @Column(length = 1000)
  public List<String> aliases = new ArrayList<>();

  @Column(name = "sort_order", nullable = false)
  public int sortOrder;

  public static Unit findByName(String name) {
    return find("name", name).firstResult();
  }
}
