package io.duban.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named value the service keeps in its database so that restarts and instances agree. */
@Entity
@Table(name = "app_setting")
public class AppSetting extends PanacheEntityBase {
  @Id
  @Column(length = 100)
  public String name;

  @Column(name = "setting_value", nullable = false, length = 1000)
  public String value;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
