package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.conversation.ChatContext;
import io.duban.progress.OverviewTexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** 排名: units by their completion minus 序时进度 (docs/contract.md §3). */
@ApplicationScoped
public class RankingCommand implements Command<RankingCommand.Ranking> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          110,
          "排名",
          List.of("排行", "排行榜", "单位排名"),
          "排名",
          "各单位完成率对比序时进度的排名",
          "排名",
          Placement.ALONE,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 排名. */
  public record Ranking() implements ParsedCommand {
    @Override
    public String describe() {
      return "RANKING";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Ranking();
  }

  @Override
  public Class<Ranking> handles() {
    return Ranking.class;
  }

  @Override
  public String handle(Ranking command, ChatContext ctx) {
    return OverviewTexts.ranking(ctx.view());
  }
}
