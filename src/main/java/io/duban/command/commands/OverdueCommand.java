package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.conversation.ChatContext;
import io.duban.progress.OverdueTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.UnitReporting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * 逾期: units with reports overdue (a deadline passed unreported) and for how many workdays, the
 * longest first; contacts for leaders and admins.
 */
@ApplicationScoped
public class OverdueCommand implements Command<OverdueCommand.Overdue> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          114,
          "逾期",
          List.of("哪些单位逾期了", "哪些单位逾期", "逾期单位", "逾期未报"),
          "逾期",
          "逾期未报的单位和逾期的工作日数",
          "哪些单位逾期了",
          Placement.ALONE,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 逾期. */
  public record Overdue() implements ParsedCommand {
    @Override
    public String describe() {
      return "OVERDUE";
    }
  }

  @Inject UnitReporting reporting;
  @Inject OverdueTexts texts;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Overdue();
  }

  @Override
  public Class<Overdue> handles() {
    return Overdue.class;
  }

  @Override
  public String handle(Overdue command, ChatContext ctx) {
    PlanView view = ctx.view();
    if (view.phase() != Phase.RUNNING) {
      return view.phase().label() + "，没有报送期。";
    }
    return texts.text(view, reporting.statuses(view), ctx.seesEverything());
  }
}
