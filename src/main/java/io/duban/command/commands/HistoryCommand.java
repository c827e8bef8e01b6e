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
import io.duban.plan.Unit;
import io.duban.progress.ProgressTexts;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * 历史 <目标>: the last figures, ticks and notes of a target with who sent them, when, and how
 * (reported, corrected, on behalf, withdrawn, late for a past period). Reporters see their own
 * unit's; leaders and admins every owner's.
 */
@ApplicationScoped
public class HistoryCommand implements Command<HistoryCommand.History> {
  static final int SHOWN = 8;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");

  public static final CommandSpec SPEC =
      new CommandSpec(
          87,
          "历史",
          List.of("上报记录", "历史记录", "上报历史"),
          "历史 <目标>",
          "查看某个目标最近的上报记录（谁、何时、怎么报的）",
          "历史 新增就业岗位",
          Placement.START_OR_END,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 历史 of one target. */
  public record History(TargetRef target) implements ParsedCommand {
    @Override
    public String describe() {
      return "HISTORY " + target.code();
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "请写明要看哪个目标的记录。");
    }
    return ParseKit.pick(
        args,
        kit.vocab().targets().match(args),
        History::new,
        t -> "历史 " + t.canonical(),
        () -> new Invalid(SPEC, "没有找到目标“" + args + "”。"));
  }

  @Inject ReportService reports;
  @Inject Targets targets;

  @Override
  public Class<History> handles() {
    return History.class;
  }

  @Override
  public String handle(History command, ChatContext ctx) {
    Target target = targets.byCode(command.target().code());
    if (target == null) {
      return "目标“" + command.target().name() + "”已不在计划中。";
    }
    Unit only = ctx.seesEverything() ? null : ctx.unit();
    if (only != null && !target.ownedBy(only)) {
      return "“" + target.name + "”不是 " + only.name + " 的目标，只能查看本单位目标的记录。";
    }
    List<Report> rows = reports.history(target, only, SHOWN + 1);
    if (rows.isEmpty()) {
      return "“" + target.name + "”还没有上报记录。";
    }
    StringBuilder sb = new StringBuilder(target.name).append(" 最近的记录：");
    for (int i = 0; i < rows.size() && i < SHOWN; i++) {
      sb.append("\n").append(line(rows.get(i), only == null));
    }
    if (rows.size() > SHOWN) {
      sb.append("\n（只列最近 ").append(SHOWN).append(" 条，完整记录见看板或导出表）");
    }
    return sb.toString();
  }

  private static String line(Report r, boolean withUnit) {
    StringBuilder sb = new StringBuilder(TIME.format(r.planTime)).append(' ');
    if (withUnit) {
      sb.append(r.unit.name).append(' ');
    }
    sb.append(r.reporterName == null ? "系统" : r.reporterName);
    sb.append(r.onBehalf ? " 代报" : r.correction ? " 更正" : "").append("：");
    sb.append(
        switch (r.kind) {
          case FIGURE -> "累计 " + ProgressTexts.amount(r.target, r.figure);
          case ITEM -> r.item.name + " 完成";
          case PROGRESS -> r.progress + (r.note == null ? "" : " " + shorten(r.note));
        });
    if (r.kind == ReportKind.FIGURE && !r.planDate.equals(r.planTime.toLocalDate())) {
      sb.append("（计入").append(r.planDate.getMonthValue()).append("月）");
    }
    if (r.late) {
      sb.append("，迟报");
    }
    if (r.withdrawn) {
      sb.append("，已撤销");
    } else if (r.review != null) {
      sb.append("，").append(r.review.label());
    }
    return sb.toString();
  }

  private static String shorten(String note) {
    return note.length() <= 16 ? note : note.substring(0, 16) + "…";
  }
}
