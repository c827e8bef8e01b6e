package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref;
import io.duban.command.Ref.ItemRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
import io.duban.plan.ChecklistItem;
import io.duban.progress.ProgressTexts;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** 完成: one named item of a checklist target is done. */
@ApplicationScoped
public class CompleteCommand implements Command<CompleteCommand.Complete> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          40,
          "完成",
          List.of("已完成", "完成了", "已建成", "已完工"),
          "完成 <清单项>",
          "清单类目标中的一项已完成",
          "完成 横林中心幼儿园",
          Placement.START_OR_END,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  /** 完成 a checklist item. */
  public record Complete(ItemRef item) implements ParsedCommand {
    @Override
    public String describe() {
      return "COMPLETE " + item.targetCode() + "/" + item.name();
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "缺少清单项名称。");
    }
    return ParseKit.pick(
        args,
        kit.vocab().items().match(args),
        Complete::new,
        i -> "完成 " + i.canonical(),
        () -> progressQuestion(args, where, kit));
  }

  /** "新增就业岗位完成多少了" asks about progress; anything else names no checklist item. */
  private static ParsedCommand progressQuestion(String args, Placement where, ParseKit kit) {
    if (where == Placement.START_OR_END) {
      MatchResult<Ref> s = kit.vocab().subjects().match(args);
      if (s.kind() == MatchResult.Kind.UNIQUE) {
        return new QueryCommand.Query(s.candidates().get(0).item());
      }
    }
    return new Invalid(SPEC, "没有找到清单项“" + args + "”。");
  }

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
