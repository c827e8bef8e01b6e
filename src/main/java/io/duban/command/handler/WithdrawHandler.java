package io.duban.command.handler;

import io.duban.command.ParsedCommand.Withdraw;
import io.duban.plan.Target;
import io.duban.progress.ProgressTexts;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** 撤销: withdraws the sender's last report of the current period; history keeps both. */
@ApplicationScoped
public class WithdrawHandler implements CommandHandler<Withdraw> {
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
    Optional<Report> withdrawn =
        reports.withdrawLast(ctx.sender(), ctx.unit(), only, ctx.reporter());
    if (withdrawn.isEmpty()) {
      return "本期没有可以撤销的上报" + (only == null ? "" : "（" + only.name + "）") + "。";
    }
    Report r = withdrawn.get();
    ctx.refreshView();
    String what =
        r.kind == ReportKind.FIGURE
            ? "累计 " + ProgressTexts.amount(r.target, r.figure)
            : r.kind == ReportKind.ITEM
                ? r.item.name + " 完成"
                : "进展“" + (r.note == null ? r.progress : r.note) + "”";
    return "已撤销 "
        + ProgressTexts.date(r.planDate)
        + " 上报的 "
        + r.target.name
        + " "
        + what
        + "（记录保留在历史中）。\n现在："
        + ProgressTexts.targetLine(ctx.targetNow(r.target.id));
  }
}
