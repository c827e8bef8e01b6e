package io.duban.progress;

import io.duban.calendar.ReportingPeriod;
import io.duban.progress.PlanView.TargetView;
import io.duban.report.ProgressMath;
import java.util.List;
import java.util.Map;

/**
 * The monthly 通报: the full text pushed to the leaders (reminder/ReminderTexts delegates here) and
 * the few lines of the chat command 通报.
 */
public final class BulletinTexts {
  /** Targets named in the full 通报's 慢序时 list at most. */
  static final int MAX_BEHIND_NAMED = 10;

  /** Explained 慢序时 targets the full 通报 shows at most. */
  static final int MAX_EXPLAINED = 5;

  private BulletinTexts() {}

  /**
   * The 情况说明 of the 慢序时 targets by target id (each owning unit's short text, null when it gave
   * none) and the period's extensions as one line ("" when none).
   */
  public record Notes(Map<Long, List<NoteTexts.UnitNote>> byTarget, String extensions) {
    public static final Notes NONE = new Notes(Map.of(), "");

    List<NoteTexts.UnitNote> of(TargetView t) {
      return byTarget.getOrDefault(t.target().id, List.of());
    }
  }

  /** "人社局：受招工淡季影响…；城管局：未说明" for one target, "" when it has no owners. */
  public static String notesLine(List<NoteTexts.UnitNote> notes) {
    StringBuilder sb = new StringBuilder();
    for (NoteTexts.UnitNote n : notes) {
      sb.append(sb.length() == 0 ? "" : "；")
          .append(n.unit())
          .append("：")
          .append(n.text() == null ? "未说明" : n.text());
    }
    return sb.toString();
  }

  private static boolean anyMissing(List<TargetView> targets, Notes notes) {
    return targets.stream().anyMatch(t -> notes.of(t).stream().anyMatch(n -> n.text() == null));
  }

  /**
   * "\n· 新增就业岗位（人社局：…；城管局：未说明）" for the first {@code max} 慢序时 targets some unit explained, then the
   * request to the others when any 慢序时 target lacks a unit's explanation.
   */
  static String explained(List<TargetView> behind, Notes notes, int max) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (TargetView t : behind) {
      if (shown < max && notes.of(t).stream().anyMatch(n -> n.text() != null)) {
        sb.append("\n· ")
            .append(t.target().name)
            .append("（")
            .append(notesLine(notes.of(t)))
            .append("）");
        shown++;
      }
    }
    String head = shown == 0 ? "" : "\n情况说明：" + sb;
    return head + (anyMissing(behind, notes) ? "\n未说明的单位" + NoteTexts.ASK + "。" : "");
  }

  /**
   * The full 通报 to the leaders: completion by 实事, units not reported, 慢序时 (worst first), ranking.
   */
  public static String full(
      PlanView view, ReportingPeriod period, String overall, String unreported, String ranking) {
    return full(view, period, overall, unreported, ranking, Notes.NONE);
  }

  /** The full 通报 with the 慢序时 targets' 情况说明 and the period's extensions. */
  public static String full(
      PlanView view,
      ReportingPeriod period,
      String overall,
      String unreported,
      String ranking,
      Notes notes) {
    StringBuilder sb =
        new StringBuilder("【督办月度通报】")
            .append(period.label())
            .append("（截至 ")
            .append(ProgressTexts.date(view.date()))
            .append("）\n");
    sb.append(overall);
    sb.append("\n\n").append(unreported);
    List<TargetView> behind = ProgressTexts.behind(view);
    sb.append("\n\n慢序时目标 ").append(behind.size()).append(" 项");
    if (!behind.isEmpty()) {
      sb.append("（差序时最多的在前）：");
      for (int i = 0; i < behind.size(); i++) {
        if (i == MAX_BEHIND_NAMED) {
          sb.append(" 等");
          break;
        }
        sb.append(i == 0 ? "" : "、").append(ProgressTexts.label(view, behind.get(i).target()));
      }
      sb.append(explained(behind, notes, MAX_EXPLAINED));
    }
    if (!notes.extensions().isEmpty()) {
      sb.append("\n\n").append(period.label()).append("已批准延期：").append(notes.extensions());
    }
    sb.append("\n\n").append(ranking);
    return sb.toString();
  }

  /**
   * The 通报 as a chat summary of a few lines: completion, how many units did not report, the worst
   * three, and the dashboard's address when one is set ({@code dashboardUrl} null otherwise).
   */
  public static String summary(
      PlanView view, ReportingPeriod period, int unreportedUnits, String dashboardUrl) {
    return summary(view, period, unreportedUnits, dashboardUrl, Notes.NONE);
  }

  /** The chat 通报 with the worst targets' 情况说明 and the period's extensions. */
  public static String summary(
      PlanView view,
      ReportingPeriod period,
      int unreportedUnits,
      String dashboardUrl,
      Notes notes) {
    StringBuilder sb =
        new StringBuilder("【督办月度通报】")
            .append(period.label())
            .append("（截至 ")
            .append(ProgressTexts.date(view.date()))
            .append("）");
    sb.append("\n总体完成 ")
        .append(ProgressMath.percent(view.completion()))
        .append("，序时进度 ")
        .append(ProgressMath.percent(view.schedule()))
        .append("；")
        .append(ProgressTexts.counts(view.statusCounts()));
    sb.append("\n")
        .append(period.label())
        .append(
            unreportedUnits == 0
                ? "各单位都已报送"
                : "未报 "
                    + unreportedUnits
                    + " 个单位（发送“未报 "
                    + period.start().getMonthValue()
                    + "月”查看）");
    List<TargetView> worst = ProgressTexts.furthestBehind(view, 3);
    if (!worst.isEmpty()) {
      sb.append("\n最落后的").append(worst.size()).append("项：");
      for (int i = 0; i < worst.size(); i++) {
        sb.append("\n")
            .append(i + 1)
            .append(". ")
            .append(OverviewTexts.behindLine(view, worst.get(i)));
      }
      sb.append(explained(ProgressTexts.behind(view), notes, 2));
    }
    if (!notes.extensions().isEmpty()) {
      sb.append("\n已批准延期：").append(notes.extensions());
    }
    if (dashboardUrl != null && !dashboardUrl.isBlank()) {
      sb.append("\n看板：").append(dashboardUrl.strip());
    }
    return sb.toString();
  }
}
