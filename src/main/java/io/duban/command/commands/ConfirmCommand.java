package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.commands.FigureDrafts.Draft;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.PendingQuestions;
import io.duban.command.conversation.PendingQuestions.Hold;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** 确认: records the report held for this sender in this chat (within 30 minutes). */
@ApplicationScoped
public class ConfirmCommand implements Command<ConfirmCommand.Confirm> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          30,
          "确认",
          List.of("确定", "确认上报"),
          "确认",
          "确认刚才待确认的上报",
          "确认",
          Placement.ALONE,
          Audience.REPORTER,
          List.of());

  /** 确认 a held report. */
  public record Confirm() implements ParsedCommand {
    @Override
    public String describe() {
      return "CONFIRM";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Confirm();
  }

  @Inject PendingQuestions pending;
  @Inject ReportCommand reports;
  @Inject Targets targets;

  @Override
  public Class<Confirm> handles() {
    return Confirm.class;
  }

  @Override
  public String handle(Confirm command, ChatContext ctx) {
    Optional<List<Hold>> held = pending.takeHold(ctx.message());
    if (held.isEmpty() || held.get().isEmpty()) {
      return "没有待确认的上报（待确认的上报 30 分钟内有效）。";
    }
    List<Draft> ready = new ArrayList<>();
    ChatContext acting = ctx;
    for (Hold hold : held.get()) {
      Target target = targets.byCode(hold.targetCode());
      Unit unit = Unit.findByName(hold.unitName());
      if (target == null || unit == null) {
        return "要确认的目标已不在计划中，未记录。";
      }
      acting = hold.onBehalf() ? ctx.onBehalfOf(unit) : ctx;
      String refusal = Permissions.mayReport(acting);
      if (refusal == null) {
        refusal = Replies.closedForReports(acting.standing());
      }
      if (refusal == null) {
        refusal = Permissions.ownsTarget(acting, target);
      }
      if (refusal != null) {
        return refusal;
      }
      LocalDate countedFor = hold.countedFor() == null ? null : LocalDate.parse(hold.countedFor());
      ready.add(
          new Draft(
              target,
              unit,
              hold.figure(),
              hold.reading(),
              countedFor,
              countedFor == null ? null : countedFor.getMonthValue() + "月",
              null));
    }
    return reports.record(acting, ready, false);
  }
}
