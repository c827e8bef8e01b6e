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

/** 全区进度: completion per 实事 against 序时进度, counts by status, the five furthest behind. */
@ApplicationScoped
public class OverallCommand implements Command<OverallCommand.Overall> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          90,
          "全区进度",
          List.of("总体进度", "整体进度", "总进度", "全部进度", "全区情况"),
          "全区进度",
          "各实事完成率、各状态数量、最落后的五项",
          "全区进度",
          Placement.ALONE,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 全区进度. */
  public record Overall() implements ParsedCommand {
    @Override
    public String describe() {
      return "OVERALL";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Overall();
  }

  @Override
  public Class<Overall> handles() {
    return Overall.class;
  }

  @Override
  public String handle(Overall command, ChatContext ctx) {
    return OverviewTexts.overall(ctx.view());
  }
}
