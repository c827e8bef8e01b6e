package io.duban.boot;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One key of a target or project changed on the admin pages: its value as JSON (a string, a list of
 * strings, or null for a key removed) and the file's value of the key when it was edited (null: the
 * file did not set it). See {@link PlanOverlay}.
 */
@Entity
@Table(name = "plan_edit")
public class PlanEdit extends BaseEntity {
  public static final String TARGET = "target";
  public static final String PROJECT = "project";

  @Column(name = "plan_year", nullable = false)
  public int planYear;

  @Column(nullable = false, length = 10)
  public String scope;

  @Column(nullable = false, length = 200)
  public String code;

  @Column(nullable = false, length = 30)
  public String field;

  @Column(name = "edit_value", nullable = false, length = 4000)
  public String editValue;

  @Column(name = "file_value", length = 4000)
  public String fileValue;

  @Column(name = "edited_by", nullable = false, length = 128)
  public String editedBy;

  @Column(name = "edited_at", nullable = false)
  public Instant editedAt;

  public static List<PlanEdit> ofYear(int year) {
    return list("planYear = ?1 order by id", year);
  }
}
