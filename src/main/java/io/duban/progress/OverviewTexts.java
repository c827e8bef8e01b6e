package io.duban.progress;

import io.duban.plan.Target;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.ProgressMath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The texts of 全区进度 and 排名, shared by the chat commands and the monthly 通报 (which must say the same
 * as the commands).
 */
public final class OverviewTexts {
  private OverviewTexts() {}

  /** "（计划期已结束）" before a view outside the plan period. */
  public static String phaseNote(PlanView view) {
    return view.phase() == Phase.RUNNING ? "" : "（" + view.phase().label() + "）";
  }

  /** A target's lead units, "人社局、总工会". */
  public static String owners(Target target) {
    return target.owners.stream().map(u -> u.name).collect(Collectors.joining("、"));
  }

  /** The 全区进度 text (also the head of the monthly 通报). */
  public static String overall(PlanView view) {
    StringBuilder sb = new StringBuilder();
    sb.append(phaseNote(view))
        .append(view.plan().title)
        .append(" 全区进度（")
        .append(ProgressTexts.date(view.date()))
        .append("，序时进度 ")
        .append(ProgressMath.percent(view.schedule()))
        .append("）");
    sb.append("\n总体完成 ")
        .append(ProgressMath.percent(view.completion()))
        .append("；")
        .append(ProgressTexts.counts(view.statusCounts()));
    for (CategoryView c : view.categories()) {
      sb.append("\n")
          .append(c.number())
          .append(". ")
          .append(c.name())
          .append(" ")
          .append(ProgressMath.percent(c.completion()))
          .append("（")
          .append(ProgressTexts.counts(c.statusCounts()))
          .append("）");
    }
    List<TargetView> behind = ProgressTexts.furthestBehind(view, 5);
    if (!behind.isEmpty()) {
      sb.append("\n最落后的").append(behind.size()).append("项：");
      for (int i = 0; i < behind.size(); i++) {
        TargetView v = behind.get(i);
        sb.append("\n")
            .append(i + 1)
            .append(". ")
            .append(v.target().name)
            .append("（")
            .append(owners(v.target()))
            .append("）")
            .append(ProgressMath.percent(v.completion()))
            .append("，差序时 ")
            .append(ProgressTexts.gap(v.completion(), v.schedule()).replace("−", ""))
            .append(" 个百分点");
      }
    }
    return sb.toString();
  }

  /**
   * Units with numeric or checklist targets, best first; units with tasks only are listed after.
   */
  public static List<UnitView> ranked(PlanView view) {
    List<UnitView> ranked = new ArrayList<>();
    for (UnitView u : view.units()) {
      if (u.completion() != null) {
        ranked.add(u);
      }
    }
    ranked.sort((a, b) -> b.completion().compareTo(a.completion()));
    return ranked;
  }

  /** The 排名 text: units by their completion minus 序时进度 (docs/contract.md §3). */
  public static String ranking(PlanView view) {
    StringBuilder sb = new StringBuilder(phaseNote(view));
    sb.append("各单位完成率对比序时进度（").append(ProgressMath.percent(view.schedule())).append("）：");
    List<UnitView> ranked = ranked(view);
    for (int i = 0; i < ranked.size(); i++) {
      UnitView u = ranked.get(i);
      sb.append("\n")
          .append(i + 1)
          .append(". ")
          .append(u.unit().name)
          .append(" ")
          .append(ProgressMath.percent(u.completion()))
          .append("（")
          .append(ProgressTexts.gap(u.completion(), view.schedule()))
          .append("）");
    }
    List<String> tasksOnly = new ArrayList<>();
    for (UnitView u : view.units()) {
      if (u.completion() == null && !u.targets().isEmpty()) {
        tasksOnly.add(u.unit().name);
      }
    }
    if (!tasksOnly.isEmpty()) {
      sb.append("\n只有任务类目标、不参加排名：").append(String.join("、", tasksOnly));
    }
    return sb.toString();
  }
}
