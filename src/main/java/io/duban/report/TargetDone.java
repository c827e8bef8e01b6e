package io.duban.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Marks a target whose aggregate currently reaches completion, with the plan date since when. */
@Entity
@Table(name = "target_done")
public class TargetDone extends PanacheEntityBase {
  @Id
  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "done_since", nullable = false)
  public LocalDate doneSince;
}
