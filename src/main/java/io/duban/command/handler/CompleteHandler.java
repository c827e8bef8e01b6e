package io.duban.command.handler;

import io.duban.command.ParsedCommand.Complete;
import io.duban.plan.ChecklistItem;
import io.duban.progress.ProgressTexts;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** 完成: one named item of a checklist target is done. */
@ApplicationScoped
public class CompleteHandler implements CommandHandler<Complete> {
  @Inject ReportService reports;
  @Inject Targets targets;

  @Override
  public Class<Complete> handles() {
    return Complete.class;
  }

  @Override
  public String handle(Complete command, ChatContext ctx) {
    String refusal = Permissions.mayReport(ctx);
    if (refusal == null) {
      refusal = Replies.closedForReports(ctx.standing());
    }
    if (refusal != null) {
      return refusal;
    }
    ChecklistItem item = targets.item(command.item().targetCode(), command.item().name());
    if (item == null) {
      return "清单项“" + command.item().name() + "”已不在计划中。";
    }
    String owner = Permissions.ownsTarget(ctx, item.target);
    if (owner != null) {
      return owner;
    }
    if (item.doneOn != null) {
      return item.name
          + " 已于 "
          + ProgressTexts.date(item.doneOn)
          + " 报完成，无需重复。\n"
          + ProgressTexts.targetLine(ctx.targetNow(item.target.id));
    }
    var report = reports.recordItem(item, ctx.unit(), ctx.reporter(), ctx.source());
    ctx.refreshView();
    return "已记录"
        + (ctx.onBehalf() ? "（代 " + ctx.unit().name + " 上报）" : "")
        + "："
        + item.name
        + " 已完成"
        + (report.late ? "（本期截止日已过，记为迟报）" : "")
        + "\n"
        + ProgressTexts.targetLine(ctx.targetNow(item.target.id));
  }
}
