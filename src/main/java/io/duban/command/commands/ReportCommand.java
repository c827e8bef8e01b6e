package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.PeriodWord;
import io.duban.command.Ref.TargetRef;
import io.duban.command.commands.FigureDrafts.Draft;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.PendingQuestions;
import io.duban.command.conversation.PendingQuestions.Hold;
import io.duban.plan.Target;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.report.ProgressMath;
import io.duban.report.ReportService;
import io.duban.report.ReviewRequests;
import io.duban.report.ReviewState;
import io.duban.text.Formats;
import io.duban.text.Quantity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * 上报 and 更正: a unit's cumulative year-to-date figure of a target it owns. A figure below the last
 * one, or above three times the target, is held until the sender answers 确认; 更正 skips the hold. The
 * reply echoes how the number was read and where the target now stands. {@link CorrectCommand}
 * parses 更正 into the same {@link Report}, answered here.
 */
@ApplicationScoped
public class ReportCommand implements Command<ReportCommand.Report> {
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

  /**
   * One target's figure in a report: the quantity as written, the period it counts for (null: the
   * running one) and whether it is that period's increment ("本月新增 3200").
   */
  public record Figure(TargetRef target, Quantity quantity, PeriodWord period, boolean increment) {
    public Figure(TargetRef target, Quantity quantity) {
      this(target, quantity, null, false);
    }

    String describe() {
      return target.code()
          + " "
          + (increment ? "Δ" : quantity.additive() ? "+" : "")
          + quantity.value().toPlainString()
          + (quantity.unit().isEmpty() ? "" : " " + quantity.unit())
          + (quantity.multiplierWritten() ? " (multiplier)" : "")
          + (period == null ? "" : " " + period.describe());
    }
  }

  /** 上报 / 更正: the figures of one message (usually one), all recorded or none. */
  public record Report(List<Figure> figures, boolean correction) implements ParsedCommand {
    public Report {
      figures = List.copyOf(figures);
      if (figures.isEmpty()) {
        throw new IllegalArgumentException("a report needs a figure");
      }
    }

    public Report(TargetRef target, Quantity quantity, boolean correction) {
      this(List.of(new Figure(target, quantity)), correction);
    }

    /** The first (usually only) figure's target. */
    public TargetRef target() {
      return figures.get(0).target();
    }

    /** The first (usually only) figure's quantity. */
    public Quantity quantity() {
      return figures.get(0).quantity();
    }

    /** The message that sends exactly this report again ("上报 新增就业岗位（就业助推工程） 1.2万"). */
    public String asMessage() {
      StringBuilder sb = new StringBuilder(correction ? "更正" : SPEC.name());
      Figure first = figures.get(0);
      if (first.period() != null) {
        sb.append(' ').append(first.period().written()).append(first.increment() ? "新增" : "");
      }
      for (int i = 0; i < figures.size(); i++) {
        Figure f = figures.get(i);
        sb.append(i == 0 ? " " : "，")
            .append(f.target().canonical())
            .append(' ')
            .append(f.quantity().text());
      }
      return sb.toString();
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder(correction ? "CORRECT " : "REPORT ");
      for (int i = 0; i < figures.size(); i++) {
        sb.append(i == 0 ? "" : " & ").append(figures.get(i).describe());
      }
      return sb.toString();
    }
  }

  @Inject ReportService reports;
  @Inject PendingQuestions pending;
  @Inject FigureDrafts drafts;
  @Inject ReviewRequests reviews;

  /** After a figure under 审核: it is recorded, and counts once the office passes it. */
  static final String REVIEW_NOTE = "，待督查室审核（通过后计入进度）";

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
    List<Figure> figures = command.figures();
    List<Draft> ready = new ArrayList<>();
    for (int i = 0; i < figures.size(); i++) {
      FigureDrafts.Outcome o = drafts.prepare(ctx, figures.get(i), command.correction());
      if (o.refusal() != null) {
        return figures.size() == 1
            ? o.refusal()
            : "第 "
                + (i + 1)
                + " 个数未能记录："
                + o.refusal()
                + "\n这条消息的 "
                + figures.size()
                + " 个数都没有记录，请改正后重发。";
      }
      ready.add(o.draft());
    }
    List<String> held = new ArrayList<>();
    for (int i = 0; i < ready.size(); i++) {
      if (ready.get(i).held() != null) {
        held.add((ready.size() == 1 ? "" : "第 " + (i + 1) + " 个：") + ready.get(i).held());
      }
    }
    if (held.size() > 3) {
      int more = held.size() - 3;
      held = new ArrayList<>(held.subList(0, 3));
      held.add("另有 " + more + " 个数也需要核对。");
    }
    if (!held.isEmpty()) {
      pending.hold(ctx.message(), ready.stream().map(d -> hold(d, ctx.onBehalf())).toList());
      Draft first = ready.get(0);
      return String.join("\n", held)
          + (ready.size() == 1
              ? "\n如确认无误，请在 30 分钟内回复“确认”；如是改正之前报错的数，请发送：更正 "
                  + first.target().name
                  + " "
                  + plainFigure(first.target(), first.figure())
              : "\n如确认无误，请在 30 分钟内回复“确认”，这 " + ready.size() + " 个数一起记录；否则请改正后整条重发。");
    }
    return record(ctx, ready, command.correction());
  }

  private static Hold hold(Draft d, boolean onBehalf) {
    return new Hold(
        d.target().code,
        d.unit().name,
        d.figure(),
        d.reading(),
        onBehalf,
        d.held(),
        d.countedFor() == null ? null : d.countedFor().toString());
  }

  /** Records the figures of one message and composes the reply (also used by 确认). */
  String record(ChatContext ctx, List<Draft> ready, boolean correction) {
    List<io.duban.report.Report> written =
        reviews.batched(
            () -> {
              List<io.duban.report.Report> out = new ArrayList<>();
              for (Draft d : ready) {
                out.add(
                    reports.recordFigure(
                        d.target(),
                        d.unit(),
                        d.figure(),
                        correction,
                        d.countedFor(),
                        ctx.reporter(),
                        ctx.source()));
              }
              return out;
            });
    ctx.refreshView();
    StringBuilder sb = new StringBuilder(correction ? "已更正" : "已记录");
    if (ctx.onBehalf()) {
      sb.append("（代 ").append(ready.get(0).unit().name).append(" 上报）");
    }
    if (ready.size() > 1) {
      sb.append(" ").append(ready.size()).append(" 个数：");
    }
    for (int i = 0; i < ready.size(); i++) {
      Draft d = ready.get(i);
      TargetView v = ctx.targetNow(d.target().id);
      sb.append(ready.size() == 1 ? "：" : "\n" + (i + 1) + ". ");
      boolean late = written.get(i).late;
      boolean pending = written.get(i).review == ReviewState.PENDING;
      if (!late && !pending && echoesTheLine(d)) {
        // "按 个 计：12,000 个" says again what the target line says: one line less on the phone
        sb.append(ProgressTexts.targetLine(v));
      } else {
        sb.append(d.reading());
        if (late) {
          sb.append(d.periodLabel() != null ? "（迟报）" : "。本期截止日已过，记为迟报");
        }
        if (pending) {
          sb.append(REVIEW_NOTE);
        }
        sb.append("\n").append(ProgressTexts.targetLine(v));
      }
      if (ready.size() == 1 && ProgressMath.sharesAreSummed(d.target())) {
        sb.append("\n各单位：").append(ProgressTexts.perUnit(v));
      }
    }
    return sb.toString();
  }

  /**
   * Whether a figure's reading is only the figure in the target's own unit ("按 个 计：12,000 个"),
   * which the target line repeats; a reading that converts (万元, 公里), adds (本月新增) or counts for
   * another period says more and is kept.
   */
  static boolean echoesTheLine(Draft d) {
    String unit = d.target().unit;
    return (d.target().displayUnit == null || d.target().displayUnit.equals(unit))
        && d.reading().equals("按 " + unit + " 计：" + Formats.formatWithUnit(d.figure(), unit));
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
