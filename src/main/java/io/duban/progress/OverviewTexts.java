package io.duban.progress;

import io.duban.plan.Target;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.ProgressMath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The texts of 全区进度 and 排名, shared by the chat commands and the monthly 通报 (which must say the same
 * as the commands). Each is written for a phone: one line per item, worst first where it is a list.
 */
public final class OverviewTexts {
  /** Names on one line of a tie in 排名 at most; the others are counted. */
  static final int MAX_TIED_NAMES = 8;

  private OverviewTexts() {}

  /** "（计划期已结束）" before a view outside the plan period. */
  public static String phaseNote(PlanView view) {
    return view.phase() == Phase.RUNNING ? "" : "（" + view.phase().label() + "）";
  }

  /** A target's lead units, "人社局、总工会". */
  public static String owners(Target target) {
    return target.owners.stream().map(u -> u.name).collect(Collectors.joining("、"));
  }

  /** The 全区进度 text (also the head of the monthly 通报): 12 lines at most. */
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
    long pending = view.targets().values().stream().mapToLong(v -> v.pending().size()).sum();
    if (pending > 0) {
      sb.append("；另有 ").append(pending).append(" 个上报待审核，未计入");
    }
    List<CategoryView> categories = view.categories();
    for (int i = 0; i < categories.size(); i++) {
      CategoryView c = categories.get(i);
      // two 实事 a line: the list stays short on a phone (进度 <实事> shows one in full)
      sb.append(i % 2 == 0 ? "\n" : "；")
          .append(c.number())
          .append(". ")
          .append(c.name())
          .append(" ")
          .append(ProgressMath.percent(c.completion()));
    }
    List<TargetView> behind = ProgressTexts.furthestBehind(view, 5);
    if (!behind.isEmpty()) {
      sb.append("\n最落后的").append(behind.size()).append("项：");
      for (int i = 0; i < behind.size(); i++) {
        sb.append("\n").append(i + 1).append(". ").append(behindLine(view, behind.get(i)));
      }
    }
    return sb.toString();
  }

  /** "募集光彩基金（统战部）0.0%，差序时 46.8 个百分点". */
  public static String behindLine(PlanView view, TargetView v) {
    return ProgressTexts.label(view, v.target())
        + "（"
        + owners(v.target())
        + "）"
        + ProgressMath.percent(v.completion())
        + "，差序时 "
        + ProgressTexts.gap(v.completion(), v.schedule()).replace("−", "")
        + " 个百分点";
  }

  /** A unit's place in 排名: its rank, shared with others of the same completion when tied. */
  public record Ranked(UnitView unit, int rank, boolean tied) {}

  /**
   * Units with numeric or checklist targets, best first (completion, then name); units with the
   * same completion to 0.1% share a rank (1, 2, 2, 4). Units with tasks only are not ranked.
   */
  public static List<Ranked> ranks(PlanView view) {
    List<UnitView> units = ranked(view);
    List<Ranked> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      int j = i;
      while (j + 1 < units.size() && key(units.get(j + 1)).equals(key(units.get(i)))) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        out.add(new Ranked(units.get(k), i + 1, j > i));
      }
      i = j;
    }
    return out;
  }

  /** The ranked units, best first. */
  public static List<UnitView> ranked(PlanView view) {
    List<UnitView> ranked = new ArrayList<>();
    for (UnitView u : view.units()) {
      if (u.completion() != null) {
        ranked.add(u);
      }
    }
    ranked.sort(
        Comparator.comparing(OverviewTexts::key, Comparator.reverseOrder())
            .thenComparing(u -> u.unit().name));
    return ranked;
  }

  /** The completion as 排名 compares it: to 0.1%, as shown. */
  private static BigDecimal key(UnitView u) {
    return u.completion().min(BigDecimal.ONE).setScale(3, RoundingMode.HALF_UP);
  }

  /** "第3" or "并列第3". */
  public static String rankLabel(Ranked r) {
    return (r.tied() ? "并列第" : "第") + r.rank();
  }

  /**
   * The 排名 text: units by their completion minus 序时进度 (docs/contract.md §3), one line per rank
   * (tied units share a line), worst first so that the first page shows who is behind.
   */
  public static String ranking(PlanView view) {
    StringBuilder sb = new StringBuilder(phaseNote(view));
    sb.append("各单位完成率对比序时进度（").append(ProgressMath.percent(view.schedule())).append("），从后往前：");
    List<Ranked> ranks = ranks(view);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ranks.size(); ) {
      int j = i;
      while (j < ranks.size() && ranks.get(j).rank() == ranks.get(i).rank()) {
        j++;
      }
      lines.add(rankLine(view, ranks.subList(i, j)));
      i = j;
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      sb.append("\n").append(lines.get(i));
    }
    List<String> tasksOnly = new ArrayList<>();
    for (UnitView u : view.units()) {
      if (u.completion() == null && !u.targets().isEmpty()) {
        tasksOnly.add(u.unit().name);
      }
    }
    if (!tasksOnly.isEmpty()) {
      sb.append("\n只有任务类目标、不参加排名：").append(names(tasksOnly));
    }
    return sb.toString();
  }

  /** "3. 人社局 50.0%（+3.2）" or "并列第5：交通局、农业局 0.0%（−46.8）". */
  private static String rankLine(PlanView view, List<Ranked> group) {
    Ranked first = group.get(0);
    BigDecimal completion = first.unit().completion();
    String figures =
        ProgressMath.percent(completion)
            + "（"
            + ProgressTexts.gap(completion, view.schedule())
            + "）";
    if (group.size() == 1) {
      return first.rank() + ". " + first.unit().unit().name + " " + figures;
    }
    List<String> names = group.stream().map(r -> r.unit().unit().name).toList();
    return rankLabel(first) + "：" + names(names) + " " + figures;
  }

  /** Up to {@link #MAX_TIED_NAMES} names, the others counted ("A、B 等 12 个单位"). */
  static String names(List<String> names) {
    if (names.size() <= MAX_TIED_NAMES) {
      return String.join("、", names);
    }
    return String.join("、", names.subList(0, MAX_TIED_NAMES)) + " 等 " + names.size() + " 个单位";
  }

  /** One unit's line of 排名 ("人社局 排第3（共 20 个单位）：完成 50.0%，序时进度 46.8%（+3.2）"). */
  public static String unitRank(PlanView view, String unitName) {
    UnitView unit =
        view.units().stream().filter(u -> u.unit().name.equals(unitName)).findFirst().orElse(null);
    if (unit == null || unit.targets().isEmpty()) {
      return unitName + " 没有负责的目标，不参加排名。";
    }
    if (unit.completion() == null) {
      return unitName + " 只有任务类目标，不参加排名。";
    }
    List<Ranked> ranks = ranks(view);
    for (Ranked r : ranks) {
      if (r.unit().unit().name.equals(unitName)) {
        return phaseNote(view)
            + unitName
            + " 排"
            + rankLabel(r)
            + "（共 "
            + ranks.size()
            + " 个单位）：完成 "
            + ProgressMath.percent(unit.completion())
            + "，序时进度 "
            + ProgressMath.percent(view.schedule())
            + "（"
            + ProgressTexts.gap(unit.completion(), view.schedule())
            + "）";
      }
    }
    return unitName + " 不参加排名。";
  }
}
