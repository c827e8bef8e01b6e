package io.duban.command.handler;

import io.duban.command.ParsedCommand.Overall;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import jakarta.enterprise.context.ApplicationScoped;

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
    return OverviewTexts.overall(view);
  }
}
