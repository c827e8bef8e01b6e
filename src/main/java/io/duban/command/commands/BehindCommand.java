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
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.report.ProgressMath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** 慢序时: every target behind 序时进度, the largest gap first (docs/contract.md §3). */
@ApplicationScoped
public class BehindCommand implements Command<BehindCommand.Behind> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          112,
          "慢序时",
          List.of("哪些项目慢了", "哪些项目慢", "落后项目", "慢序时项目", "慢序时目标"),
          "慢序时",
          "落后于序时进度的目标，差得最多的在前",
          "哪些项目慢了",
          Placement.ALONE,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** Targets listed at most (the others counted, as 未报 does). */
  static final int MAX_LISTED = 50;

  /** 慢序时. */
  public record Behind() implements ParsedCommand {
    @Override
    public String describe() {
      return "BEHIND";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Behind();
  }

  @Override
  public Class<Behind> handles() {
    return Behind.class;
  }

  @Override
  public String handle(Behind command, ChatContext ctx) {
    PlanView view = ctx.view();
    List<TargetView> behind = ProgressTexts.behind(view);
    String head = Replies.phaseNote(view);
    if (behind.isEmpty()) {
      return head + "没有慢于序时进度的目标（序时进度 " + ProgressMath.percent(view.schedule()) + "）。";
    }
    StringBuilder sb =
        new StringBuilder(head)
            .append("慢序时目标 ")
            .append(behind.size())
            .append(" 项（序时进度 ")
            .append(ProgressMath.percent(view.schedule()))
            .append("），差得最多的在前：");
    for (int i = 0; i < behind.size(); i++) {
      if (i == MAX_LISTED) {
        sb.append("\n……另有 ").append(behind.size() - MAX_LISTED).append(" 项，完整名单见看板或导出的 Excel。");
        break;
      }
      sb.append("\n")
          .append(i + 1)
          .append(". ")
          .append(OverviewTexts.behindLine(view, behind.get(i)));
    }
    return sb.toString();
  }
}
