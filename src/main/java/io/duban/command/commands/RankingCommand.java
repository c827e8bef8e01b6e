package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
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
          List.of("排行", "排行榜", "单位排名", "排第几", "排名第几", "排在第几"),
          "排名 [单位]",
          "各单位完成率对比序时进度的排名（从后往前），或一个单位排第几",
          "人社局排第几",
          Placement.START_OR_END,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 排名, or one unit's place in it ({@code unit} null: every unit). */
  public record Ranking(String unit) implements ParsedCommand {
    @Override
    public String describe() {
      return "RANKING" + (unit == null ? "" : " " + unit);
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty() || args.equals("全区") || args.equals("各单位")) {
      return new Ranking(null);
    }
    String unit = args.endsWith("的") ? args.substring(0, args.length() - 1).trim() : args;
    return ParseKit.pick(
        unit,
        kit.vocab().units().match(unit),
        u -> new Ranking(u.name()),
        u -> "排名 " + u.name(),
        () -> new Invalid(SPEC, "“排名”可以单独发送，或加单位名称（如：排名 人社局）。"));
  }

  @Override
  public Class<Ranking> handles() {
    return Ranking.class;
  }

  @Override
  public String handle(Ranking command, ChatContext ctx) {
    return command.unit() == null
        ? OverviewTexts.ranking(ctx.view())
        : OverviewTexts.unitRank(ctx.view(), command.unit());
  }
}
