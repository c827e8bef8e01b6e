package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.Ref.TargetRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.PendingQuestions;
import io.duban.command.conversation.PendingQuestions.Hold;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.report.ReportService;
import io.duban.text.Quantity;
import io.duban.text.UnitReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;

/**
 * 上报 and 更正: a unit's cumulative year-to-date figure of a target it owns. A figure below the last
 * one, or above three times the target, is held until the sender answers 确认; 更正 skips the hold. The
 * reply echoes how the number was read and where the target now stands. {@link CorrectCommand}
 * parses 更正 into the same {@link Report}, answered here.
 */
@ApplicationScoped
public class ReportCommand implements Command<ReportCommand.Report> {
  static final BigDecimal IMPLAUSIBLE_FACTOR = BigDecimal.valueOf(3);

  public static final CommandSpec SPEC =
      new CommandSpec(
          10,
          "上报",
          List.of("报送", "填报", "上报数据"),
          "上报 <目标> <累计数>",
          "报本单位目标的年度累计数（+3000 表示在上次的数上增加）",
          "上报 新增就业岗位 1.2万",
          Placement.START_OR_MIDDLE,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  /** 上报 / 更正: a cumulative figure (or an increment) for a target. */
  public record Report(TargetRef target, Quantity quantity, boolean correction)
      implements ParsedCommand {
    @Override
    public String describe() {
      return (correction ? "CORRECT " : "REPORT ")
          + target.code()
          + " "
          + (quantity.additive() ? "+" : "")
          + quantity.value().toPlainString()
          + (quantity.unit().isEmpty() ? "" : " " + quantity.unit())
          + (quantity.multiplierWritten() ? " (multiplier)" : "");
    }
  }

  @Inject ReportService reports;
  @Inject PendingQuestions pending;
  @Inject Targets targets;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    return kit.report(SPEC, args, false);
  }

  @Override
  public ParsedCommand parseAround(String before, String after, ParseKit kit) {
    return kit.report(SPEC, before, after, false);
  }

  @Override
  public Class<Report> handles() {
    return Report.class;
  }

  @Override
  public String handle(Report command, ChatContext ctx) {
    String refusal = Permissions.mayReport(ctx);
    if (refusal != null) {
      return refusal;
    }
    String closed = Replies.closedForReports(ctx.standing());
    if (closed != null) {
      return closed;
    }
    Target target = targets.byCode(command.target().code());
    if (target == null) {
      return "目标“" + command.target().name() + "”已不在计划中。";
    }
    String owner = Permissions.ownsTarget(ctx, target);
    if (owner != null) {
      return owner;
    }
    if (target.kind == TargetKind.CHECKLIST) {
      return "“" + target.name + "”是清单类目标，请逐项报完成，例如：完成 " + target.items.get(0).name;
    }
    if (target.kind == TargetKind.TASK) {
      return "“" + target.name + "”是任务类目标，请报进展，例如：进展 " + target.name + " <进展说明> 推进中";
    }
    UnitReading.Result reading =
        UnitReading.read(
            command.quantity(),
            target.unit,
            target.displayUnit,
            BigDecimal.TEN.pow(target.scaleExponent));
    if (reading instanceof UnitReading.Result.Ask ask) {
      return "“" + target.name + "”" + ask.questionZh();
    }
    UnitReading.Result.Ok ok = (UnitReading.Result.Ok) reading;
    Unit unit = ctx.unit();
    BigDecimal previous = reports.ownFigure(target, unit);
    BigDecimal figure = ok.baseValue();
    String readingText = ok.readingZh();
    if (command.quantity().additive()) {
      BigDecimal base = previous != null ? previous : startingPoint(target);
      figure = base.add(ok.baseValue());
      readingText =
          "在原有 "
              + ProgressTexts.amount(target, base)
              + " 上增加 "
              + ProgressTexts.amount(target, ok.baseValue());
    }
    if ("%".equals(target.unit) && figure.compareTo(BigDecimal.valueOf(100)) > 0) {
      return "“" + target.name + "”是比例，不能超过 100%。";
    }
    if (!command.correction()) {
      String why = implausible(target, previous, figure);
      if (why != null) {
        pending.hold(
            ctx.message(),
            new Hold(target.code, unit.name, figure, readingText, ctx.onBehalf(), why));
        return why
            + "\n如确认无误，请在 30 分钟内回复“确认”；如是改正之前报错的数，请发送：更正 "
            + target.name
            + " "
            + plainFigure(target, figure);
      }
    }
    return record(ctx, target, unit, figure, readingText, command.correction());
  }

  /** Records a figure and composes the reply (also used by 确认). */
  String record(
      ChatContext ctx,
      Target target,
      Unit unit,
      BigDecimal figure,
      String readingText,
      boolean correction) {
    var report =
        reports.recordFigure(target, unit, figure, correction, ctx.reporter(), ctx.source());
    ctx.refreshView();
    TargetView v = ctx.targetNow(target.id);
    StringBuilder sb = new StringBuilder(correction ? "已更正" : "已记录");
    if (ctx.onBehalf()) {
      sb.append("（代 ").append(unit.name).append(" 上报）");
    }
    sb.append("：").append(readingText);
    if (report.late) {
      sb.append("。本期截止日已过，记为迟报");
    }
    sb.append("\n").append(ProgressTexts.targetLine(v));
    if (ReportService.sharesAreSummed(target)) {
      sb.append("\n各单位：").append(ProgressTexts.perUnit(v));
    }
    return sb.toString();
  }

  private static BigDecimal startingPoint(Target target) {
    return target.baseline != null && target.owners.size() == 1 ? target.baseline : BigDecimal.ZERO;
  }

  private static String implausible(Target target, BigDecimal previous, BigDecimal figure) {
    if (previous != null && figure.compareTo(previous) < 0) {
      return "“"
          + target.name
          + "”上次报的累计数是 "
          + ProgressTexts.amount(target, previous)
          + "，这次 "
          + ProgressTexts.amount(target, figure)
          + " 比上次少。累计数一般只增不减。";
    }
    if (figure.compareTo(target.targetValue.multiply(IMPLAUSIBLE_FACTOR)) > 0) {
      return "“"
          + target.name
          + "”的目标是 "
          + ProgressTexts.targetAmount(target)
          + "，这次报的 "
          + ProgressTexts.amount(target, figure)
          + " 超过目标的 3 倍，请核对。";
    }
    return null;
  }

  static String plainFigure(Target target, BigDecimal figure) {
    String amount = ProgressTexts.amount(target, figure);
    return amount.replace(",", "").replace(" ", "");
  }

  /** Unit names of a target's owners ("人社局、总工会"). */
  static String owners(Target target) {
    return OverviewTexts.owners(target);
  }
}
