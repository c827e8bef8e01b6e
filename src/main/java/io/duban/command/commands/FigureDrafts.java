package io.duban.command.commands;

import io.duban.command.PeriodWord;
import io.duban.command.commands.ReportCommand.Figure;
import io.duban.command.conversation.ChatContext;
import io.duban.plan.AggregateRule;
import io.duban.plan.Plan;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.ProgressService;
import io.duban.progress.ProgressTexts;
import io.duban.report.Report;
import io.duban.report.ReportService;
import io.duban.text.UnitReading;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks one figure of a 上报 or 更正 before anything is recorded and works out the cumulative figure
 * it stands for: the target and the sender's right to it, the unit as written, the period it counts
 * for, an increment's base ("本月新增"), an add's base ("+3000"), and whether it must be held for 确认. A
 * message's figures are all checked first, so they are all recorded or none is.
 */
@ApplicationScoped
public class FigureDrafts {
  static final BigDecimal IMPLAUSIBLE_FACTOR = BigDecimal.valueOf(3);

  @Inject ReportService reports;
  @Inject Targets targets;
  @Inject PlanClock planClock;

  /**
   * A figure ready to record: the cumulative value, how it was read, the date it counts for (null:
   * today), the period's label for a past period, and why it is held (null: record at once).
   */
  public record Draft(
      Target target,
      Unit unit,
      BigDecimal figure,
      String reading,
      LocalDate countedFor,
      String periodLabel,
      String held) {}

  /** A draft, or the reason the figure cannot be recorded. */
  public record Outcome(Draft draft, String refusal) {}

  /** Why no figure is taken now (no plan, plan not started or ended; null: reports are taken). */
  public static String closedForReports(ProgressService.Standing standing) {
    return Replies.closedForReports(standing);
  }

  Outcome prepare(ChatContext ctx, Figure f, boolean correction) {
    return prepare(ctx.unit(), f, correction, target -> Permissions.ownsTarget(ctx, target));
  }

  /**
   * The same checks for a figure that did not come from a chat (an Excel import): {@code unit}
   * reports it, and {@code notOwner} words the refusal when the unit does not own the target (null:
   * it does).
   */
  public Outcome prepare(
      Unit unit, Figure f, boolean correction, Function<Target, String> notOwner) {
    Target target = targets.byCode(f.target().code());
    if (target == null) {
      return refuse("目标“" + f.target().name() + "”已不在计划中。");
    }
    String owner = notOwner.apply(target);
    if (owner != null) {
      return refuse(owner);
    }
    if (target.kind == TargetKind.CHECKLIST) {
      return refuse("“" + target.name + "”是清单类目标，请逐项报完成，例如：完成 " + target.items.get(0).name);
    }
    if (target.kind == TargetKind.TASK) {
      return refuse("“" + target.name + "”是任务类目标，请报进展，例如：进展 " + target.name + " <进展说明> 推进中");
    }
    UnitReading.Result reading =
        UnitReading.read(
            f.quantity(),
            target.unit,
            target.displayUnit,
            BigDecimal.TEN.pow(target.scaleExponent));
    if (reading instanceof UnitReading.Result.Ask ask) {
      return refuse("“" + target.name + "”" + ask.questionZh());
    }
    UnitReading.Result.Ok ok = (UnitReading.Result.Ok) reading;
    LocalDate today = planClock.today();
    PeriodWord period = f.period();
    LocalDate countedFor = null;
    String periodLabel = null;
    if (period != null) {
      String wrong = periodRefusal(target.plan, period, today);
      if (wrong != null) {
        return refuse(wrong);
      }
      if (!period.isRunning(today)) {
        countedFor = period.lastDay(today);
        periodLabel = period.label(today);
      }
    }
    BigDecimal previous = reports.ownFigure(target, unit);
    Outcome sum = cumulative(target, unit, f, ok, previous, today);
    if (sum.refusal() != null) {
      return sum;
    }
    BigDecimal figure = sum.draft().figure();
    String readingText = sum.draft().reading();
    if ("%".equals(target.unit) && figure.compareTo(BigDecimal.valueOf(100)) > 0) {
      return refuse("“" + target.name + "”是比例，不能超过 100%。");
    }
    if (periodLabel != null) {
      readingText += "，计入" + periodLabel;
    }
    String held = correction ? null : implausible(target, unit, previous, figure, countedFor);
    return new Outcome(
        new Draft(target, unit, figure, readingText, countedFor, periodLabel, held), null);
  }

  /** The cumulative figure a figure stands for: as written, base + 本月新增, or last + "+3000". */
  private Outcome cumulative(
      Target target,
      Unit unit,
      Figure f,
      UnitReading.Result.Ok ok,
      BigDecimal previous,
      LocalDate today) {
    BigDecimal figure = ok.baseValue();
    String readingText = ok.readingZh();
    PeriodWord period = f.period();
    if (f.increment()) {
      String refused = incrementRefusal(target);
      if (refused != null) {
        return refuse(refused);
      }
      Optional<Report> base = reports.figureBefore(target, unit, period.firstDay(today));
      BigDecimal from = base.map(r -> r.figure).orElse(BigDecimal.ZERO);
      figure = from.add(ok.baseValue());
      readingText =
          (base.isPresent()
                  ? "以"
                      + asOf(base.get().planDate)
                      + "累计 "
                      + ProgressTexts.amount(target, from)
                      + " 为基数"
                  : "此前没有上报，以 0 为基数")
              + "，"
              + period.label(today).replace("第", "")
              + "新增 "
              + ProgressTexts.amount(target, ok.baseValue())
              + "，累计 "
              + ProgressTexts.amount(target, figure);
    } else if (f.quantity().additive()) {
      // "5月 +1000" adds to the figure counted for May, not to a later one
      BigDecimal latest =
          period != null && !period.isRunning(today)
              ? reports
                  .figureBefore(target, unit, period.lastDay(today).plusDays(1))
                  .map(r -> r.figure)
                  .orElse(null)
              : previous;
      BigDecimal base = latest != null ? latest : startingPoint(target);
      figure = base.add(ok.baseValue());
      readingText =
          "在原有 "
              + ProgressTexts.amount(target, base)
              + " 上增加 "
              + ProgressTexts.amount(target, ok.baseValue());
    }
    return new Outcome(new Draft(target, unit, figure, readingText, null, null, null), null);
  }

  private static Outcome refuse(String why) {
    return new Outcome(null, why);
  }

  /** A period in the future, before the plan (or its tracking) starts, or of another year. */
  private static String periodRefusal(Plan plan, PeriodWord period, LocalDate today) {
    if (period.year() > 0 && period.year() != today.getYear()) {
      return "只能报本年度（" + today.getYear() + "年）的数。";
    }
    if (period.firstDay(today).isAfter(today)) {
      return period.label(today) + "还没到，不能提前上报。";
    }
    LocalDate start =
        plan.trackingFrom != null && plan.trackingFrom.isAfter(plan.periodStart)
            ? plan.trackingFrom
            : plan.periodStart;
    if (period.lastDay(today).isBefore(start)) {
      return period.label(today) + "在计划跟踪开始（" + ProgressTexts.date(start) + "）之前，不能补报。";
    }
    return null;
  }

  private static String incrementRefusal(Target target) {
    if (target.baseline != null) {
      return "“" + target.name + "”有基数，请直接报累计数，例如：上报 " + target.name + " <累计数>";
    }
    if (target.aggregateRule == AggregateRule.MAX || target.aggregateRule == AggregateRule.SINGLE) {
      return "“" + target.name + "”按最新一次的数计，不能报“新增”，请直接报当前的数。";
    }
    return null;
  }

  /** "5月底" for a month's last day, else "5月20日". */
  private static String asOf(LocalDate d) {
    return d.getDayOfMonth() == d.lengthOfMonth()
        ? d.getMonthValue() + "月底"
        : d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static BigDecimal startingPoint(Target target) {
    return target.baseline != null && target.owners.size() == 1 ? target.baseline : BigDecimal.ZERO;
  }

  /** Why a figure is held for 确认: below the period before, above the period after, or 3× target. */
  private String implausible(
      Target target, Unit unit, BigDecimal latest, BigDecimal figure, LocalDate countedFor) {
    BigDecimal previous = latest;
    if (countedFor != null) {
      previous =
          reports
              .figureBefore(target, unit, countedFor.plusDays(1))
              .map(r -> r.figure)
              .orElse(null);
      Optional<Report> later = reports.figureAfter(target, unit, countedFor);
      if (later.isPresent() && figure.compareTo(later.get().figure) > 0) {
        return "“"
            + target.name
            + "”"
            + asOf(later.get().planDate)
            + "已报累计 "
            + ProgressTexts.amount(target, later.get().figure)
            + "，这次补报的 "
            + ProgressTexts.amount(target, figure)
            + " 比它还多。";
      }
    }
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
}
