package io.duban.progress;

import io.duban.calendar.ReportingPeriod;
import io.duban.progress.PlanView.TargetView;
import io.duban.report.ProgressMath;
import java.util.List;

/**
 * The monthly 通报: the full text pushed to the leaders (reminder/ReminderTexts delegates here) and
 * the few lines of the chat command 通报.
 */
public final class BulletinTexts {
  /** Targets named in the full 通报's 慢序时 list at most. */
  static final int MAX_BEHIND_NAMED = 10;

  private BulletinTexts() {}

  /**
   * The full 通报 to the leaders: completion by 实事, units not reported, 慢序时 (worst first), ranking.
   */
  public static String full(
      PlanView view, ReportingPeriod period, String overall, String unreported, String ranking) {
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
    }
    if (dashboardUrl != null && !dashboardUrl.isBlank()) {
      sb.append("\n看板：").append(dashboardUrl.strip());
    }
    return sb.toString();
  }
}
