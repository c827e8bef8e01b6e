package io.duban.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The plan file as read and checked, before it is applied to the database; {@code trackingFrom} is
 * the first day of the first tracked period's month, null when every period is tracked; {@code
 * review} whether reported figures wait for 审核 (a project's own {@code review} overrides it).
 */
public record PlanSpec(
    int year,
    String title,
    String region,
    LocalDate start,
    LocalDate end,
    BigDecimal statusGap,
    String cycle,
    int deadlineDay,
    LocalDate trackingFrom,
    Map<String, NavigableMap<MonthDay, BigDecimal>> curves,
    List<UnitSpec> units,
    List<CategorySpec> categories,
    boolean review) {

  /** A unit named in the plan. */
  public record UnitSpec(String name, String fullName, List<String> aliases) {}

  /** A 实事 and its projects. */
  public record CategorySpec(
      int number, String name, List<String> aliases, List<ProjectSpec> projects) {}

  /**
   * A 工程 with its lead units, overview text, targets and recorded exclusions; {@code review} its
   * own 审核 setting (null: as the plan).
   */
  public record ProjectSpec(
      String name,
      List<String> aliases,
      List<String> leadUnits,
      String overview,
      List<TargetSpec> targets,
      List<ExclusionSpec> exclusions,
      Boolean review) {}

  /** A target as the plan file defines it; {@code place} locates it in the file for errors. */
  public record TargetSpec(
      String id,
      String name,
      TargetKind kind,
      BigDecimal value,
      String unit,
      String displayUnit,
      int scaleExponent,
      String qualifier,
      BigDecimal baseline,
      AggregateRule aggregate,
      List<String> aliases,
      List<String> items,
      List<String> owners,
      String cycle,
      Integer deadlineDay,
      List<LocalDate> deadlines,
      String curve,
      String source,
      String judgement,
      String note,
      String place) {}

  /** A figure of the overview that is not a target, and why. */
  public record ExclusionSpec(String text, String reason) {}

  /** Every target of the plan in file order. */
  public List<TargetSpec> allTargets() {
    return categories.stream()
        .flatMap(c -> c.projects().stream())
        .flatMap(p -> p.targets().stream())
        .toList();
  }

  /** Every project of the plan in file order. */
  public List<ProjectSpec> allProjects() {
    return categories.stream().flatMap(c -> c.projects().stream()).toList();
  }
}
