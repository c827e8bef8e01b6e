package io.duban.progress;

import io.duban.plan.Plan;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.report.Status;
import io.duban.report.TaskProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The whole plan with every target's current figure, completion and status on one plan-clock date:
 * what the API, the chat commands, the dashboard and the export all read.
 */
public record PlanView(
    Plan plan,
    LocalDate date,
    Phase phase,
    BigDecimal schedule,
    List<CategoryView> categories,
    Map<Long, TargetView> targets,
    List<UnitView> units,
    BigDecimal completion,
    Map<Status, Integer> statusCounts) {

  /** Whether the plan-clock date lies before, inside or after the plan's period. */
  public enum Phase {
    NOT_STARTED("计划尚未开始"),
    RUNNING("计划执行中"),
    ENDED("计划期已结束");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A 实事 with its projects and mean completion. */
  public record CategoryView(
      int number,
      String name,
      List<ProjectView> projects,
      BigDecimal completion,
      Map<Status, Integer> statusCounts) {}

  /** A 工程 with its targets. */
  public record ProjectView(
      long id,
      String name,
      String category,
      int categoryNumber,
      List<String> leadUnits,
      List<TargetView> targets) {}

  /** A target's figures on the view's date. */
  public record TargetView(
      Target target,
      String projectName,
      BigDecimal schedule,
      BigDecimal current,
      BigDecimal completion,
      Status status,
      List<OwnerFigure> perUnit,
      List<ItemView> items,
      TaskProgress progress,
      String note,
      LocalDate noteDate,
      Instant lastReportedAt,
      LocalDate lastReportDate) {
    /** The owners' figures waiting for 审核 (empty when none waits). */
    public List<OwnerFigure> pending() {
      return perUnit.stream().filter(o -> o.pending() != null).toList();
    }
  }

  /**
   * One owning unit's own figure or progress on a target; {@code pending} the figure it reported
   * that waits for 审核 (null: none), not counted in {@code figure}.
   */
  public record OwnerFigure(
      String unit,
      BigDecimal figure,
      TaskProgress progress,
      LocalDate lastReportDate,
      Instant lastReportedAt,
      BigDecimal pending,
      Long pendingReportId,
      Instant pendingReportedAt) {
    public OwnerFigure(
        String unit,
        BigDecimal figure,
        TaskProgress progress,
        LocalDate lastReportDate,
        Instant lastReportedAt) {
      this(unit, figure, progress, lastReportDate, lastReportedAt, null, null, null);
    }
  }

  /** A checklist item; {@code doneBy} the unit whose report ticked it (null: not done, unknown). */
  public record ItemView(String name, boolean done, LocalDate doneOn, String doneBy) {}

  /**
   * A unit's targets, its share of each (target id → fraction, {@link UnitShares}) and its
   * completion, the mean of its NUMERIC and CHECKLIST shares.
   */
  public record UnitView(
      Unit unit, List<TargetView> targets, BigDecimal completion, Map<Long, BigDecimal> shares) {}

  public TargetView target(long id) {
    return targets.get(id);
  }
}
