package io.duban.command.handler;

import io.duban.command.ParsedCommand.Ranking;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.UnitView;
import io.duban.progress.ProgressMath;
import io.duban.progress.ProgressTexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** 排名: units by their completion minus 序时进度 (contract). */
@ApplicationScoped
public class RankingHandler implements CommandHandler<Ranking> {
  @Override
  public Class<Ranking> handles() {
    return Ranking.class;
  }

  @Override
  public String handle(Ranking command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    PlanView view = ctx.view();
    if (view == null) {
      return Replies.NO_PLAN;
    }
    return text(view);
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

  public static String text(PlanView view) {
    StringBuilder sb = new StringBuilder(Replies.phaseNote(view));
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
