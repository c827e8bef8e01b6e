package io.duban.command.handler;

import io.duban.command.ParsedCommand.Ranking;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import jakarta.enterprise.context.ApplicationScoped;

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
    return OverviewTexts.ranking(view);
  }
}
