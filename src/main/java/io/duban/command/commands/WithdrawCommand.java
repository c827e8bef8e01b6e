package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref.TargetRef;
import io.duban.command.conversation.ChatContext;
import io.duban.plan.Target;
import io.duban.progress.ProgressTexts;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** 撤销: withdraws the sender's last report of the current period; history keeps both. */
@ApplicationScoped
public class WithdrawCommand implements Command<WithdrawCommand.Withdraw> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          60,
          "撤销",
          List.of("撤回", "撤消", "撤销上报"),
          "撤销",
          "撤回自己本期最近一次上报（历史保留）",
          "撤销",
          Placement.START,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  /** 撤销 the sender's last report of the period, optionally of one target. */
  public record Withdraw(TargetRef target) implements ParsedCommand {
    @Override
    public String describe() {
      return "WITHDRAW" + (target == null ? "" : " " + target.code());
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Withdraw(null);
    }
    return ParseKit.pick(
        args,
        kit.vocab().targets().match(args),
        Withdraw::new,
        t -> "撤销 " + t.canonical(),
        () -> new Invalid(SPEC, "没有找到目标“" + args + "”。"));
  }

  @Inject ReportService reports;
  @Inject Targets targets;

  @Override
  public Class<Withdraw> handles() {
    return Withdraw.class;
  }

  @Override
  public String handle(Withdraw command, ChatContext ctx) {
    String refusal = Permissions.mayReport(ctx);
    if (refusal != null) {
      return refusal;
    }
    Target only = null;
    if (command.target() != null) {
      only = targets.byCode(command.target().code());
      if (only == null) {
        return "目标“" + command.target().name() + "”已不在计划中。";
      }
    }
    List<Report> withdrawn = reports.withdrawLast(ctx.sender(), ctx.unit(), only, ctx.reporter());
    if (withdrawn.isEmpty()) {
      return "本期没有可以撤销的上报" + (only == null ? "" : "（" + only.name + "）") + "。";
    }
    ctx.refreshView();
    Report r = withdrawn.get(0);
    StringBuilder sb =
        new StringBuilder("已撤销 ").append(ProgressTexts.date(r.planTime.toLocalDate()));
    sb.append(withdrawn.size() == 1 ? " 上报的 " : " 同一条消息上报的 " + withdrawn.size() + " 项：");
    for (int i = 0; i < withdrawn.size(); i++) {
      Report w = withdrawn.get(i);
      sb.append(i == 0 ? "" : "、").append(w.target.name).append(" ").append(what(w));
    }
    sb.append("（记录保留在历史中）。");
    for (Report w : withdrawn) {
      sb.append(withdrawn.size() == 1 ? "\n现在：" : "\n")
          .append(ProgressTexts.targetLine(ctx.targetNow(w.target.id)));
    }
    return sb.toString();
  }

  private static String what(Report r) {
    String what =
        r.kind == ReportKind.FIGURE
            ? "累计 " + ProgressTexts.amount(r.target, r.figure)
            : r.kind == ReportKind.ITEM
                ? r.item.name + " 完成"
                : "进展“" + (r.note == null ? r.progress : r.note) + "”";
    return r.kind == ReportKind.FIGURE && !r.planDate.equals(r.planTime.toLocalDate())
        ? what + "（计入" + r.planDate.getMonthValue() + "月）"
        : what;
  }
}
