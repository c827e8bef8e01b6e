package io.duban.command.handler;

import io.duban.command.ParsedCommand.Overall;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressMath;
import io.duban.progress.ProgressTexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** 全区进度: completion per 实事 against 序时进度, counts by status, the five furthest behind. */
@ApplicationScoped
public class OverallHandler implements CommandHandler<Overall> {
  @Override
  public Class<Overall> handles() {
    return Overall.class;
  }

  @Override
  public String handle(Overall command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    PlanView view = ctx.view();
    if (view == null) {
      return Replies.NO_PLAN;
    }
    return text(view);
  }

  /** The 全区进度 text (also the head of the monthly 通报). */
  public static String text(PlanView view) {
    StringBuilder sb = new StringBuilder();
    sb.append(Replies.phaseNote(view))
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
            .append(ReportHandler.owners(v.target()))
            .append("）")
            .append(ProgressMath.percent(v.completion()))
            .append("，差序时 ")
            .append(ProgressTexts.gap(v.completion(), v.schedule()).replace("−", ""))
            .append(" 个百分点");
      }
    }
    return sb.toString();
  }
}
