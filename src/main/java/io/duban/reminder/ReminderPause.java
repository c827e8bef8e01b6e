package io.duban.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Reminders paused by an admin, for one unit or for all ('*'). */
@Entity
@Table(name = "reminder_pause")
public class ReminderPause extends PanacheEntityBase {
  public static final String ALL = "*";

  @Id
  @Column(length = 100)
  public String scope;

  @Column(name = "paused_by", nullable = false, length = 100)
  public String pausedBy;

  @Column(name = "paused_at", nullable = false)
  public Instant pausedAt;
}
