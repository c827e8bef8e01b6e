package io.duban.command.commands;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.PeriodWord;
import io.duban.command.PeriodWords;
import io.duban.command.Ref;
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
import io.duban.progress.PastReporting;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.Scope;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnreportedTexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * 未报: units and targets not reported this period (docs/contract.md §4), with the deadline, overdue
 * marks and, for leaders and admins, the contacts to call.
 */
@ApplicationScoped
public class UnreportedCommand implements Command<UnreportedCommand.Unreported> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          100,
          "未报",
          List.of("哪些单位未报", "谁没报", "谁还没报", "未报送", "没报", "未报单位", "哪些单位没报"),
          "未报 [单位|5月|上月]",
          "本期（或某个月）还没报的单位和目标；加单位名看它报了没有",
          "上个月谁没报",
          Placement.START_OR_END,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  private static final List<String> OVERALL_WORDS = List.of("全区", "全部", "总体", "整体", "全区的", "所有");

  /** The period before this one; 上月 / 上个月 are read as period words too. */
  private static final List<String> LAST_PERIOD_WORDS = List.of("上期", "上一期", "上月份");

  /**
   * 未报, optionally narrowed to a unit or project, or about a past period: {@code month} 1–12, or
   * {@code lastPeriod} for the period before this one.
   */
  public record Unreported(Ref scope, Integer month, boolean lastPeriod) implements ParsedCommand {
    public Unreported(Ref scope) {
      this(scope, null, false);
    }

    @Override
    public String describe() {
      return "UNREPORTED"
          + (scope == null ? "" : " " + scope.label())
          + (month == null ? "" : " " + month + "月")
          + (lastPeriod ? " 上期" : "");
    }
  }

  /**
   * A month named alone ("5月", "五月份", "2018年5月", "十二月") as 1–12, read by the same {@link
   * PeriodWords} as a report's period; null otherwise.
   */
  static Integer month(String s) {
    return PeriodWords.only(s)
        .filter(p -> p.span() == PeriodWord.Span.MONTH && p.relative() == PeriodWord.Relative.NAMED)
        .map(PeriodWord::number)
        .orElse(null);
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty() || OVERALL_WORDS.contains(args) || args.equals("哪些单位")) {
      return new Unreported(null);
    }
    String period = args.endsWith("的") ? args.substring(0, args.length() - 1).trim() : args;
    if (LAST_PERIOD_WORDS.contains(period)
        || PeriodWords.only(period)
            .filter(
                p -> p.span() == PeriodWord.Span.MONTH && p.relative() == PeriodWord.Relative.LAST)
            .isPresent()) {
      return new Unreported(null, null, true);
    }
    Integer month = month(period);
    if (month != null) {
      return new Unreported(null, month, false);
    }
    MatchResult<Ref> m = kit.vocab().subjects().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE
        && !(m.candidates().get(0).item() instanceof Ref.TargetRef)) {
      return new Unreported(m.candidates().get(0).item());
    }
    return new Invalid(SPEC, "“未报”可以单独发送，或加单位、工程、实事名称，或月份（如：未报 5月、上个月谁没报）。");
  }

  @Inject UnitReporting reporting;
  @Inject PastReporting past;
  @Inject CalendarService calendars;
  @Inject UnreportedTexts texts;

  @Override
  public Class<Unreported> handles() {
    return Unreported.class;
  }

  @Override
  public String handle(Unreported command, ChatContext ctx) {
    PlanView view = ctx.view();
    if (view.phase() != Phase.RUNNING) {
      return view.phase().label() + "，没有报送期。";
    }
    if (command.month() != null || command.lastPeriod()) {
      return past(view, command, ctx);
    }
    if (command.scope() instanceof Ref.UnitRef u) {
      return texts.unitAnswer(view, reporting.statuses(view), u.name());
    }
    return texts.text(view, reporting.statuses(view), scope(command.scope()), ctx.seesEverything());
  }

  /** Who did not report in a past period; the current period is answered as 未报 is. */
  private String past(PlanView view, Unreported command, ChatContext ctx) {
    ReportingPeriod current = calendars.planPeriodFor(view.plan(), view.date());
    ReportingPeriod period =
        command.lastPeriod() ? past.previousPeriod(view) : past.monthPeriod(view, command.month());
    if (period == null) {
      return command.lastPeriod() ? "现在是计划的第一个报送期，没有上一期。" : command.month() + "月不在计划期内。";
    }
    if (current != null && period.key().equals(current.key())) {
      return texts.text(view, reporting.statuses(view), Scope.ALL, ctx.seesEverything());
    }
    if (!period.end().isBefore(view.date())) {
      return period.label() + "还没有开始，没有未报的单位。";
    }
    return texts.pastText(view, period, past.unreported(view, period), ctx.seesEverything());
  }

  /** The progress scope a parsed 未报 names (null: the whole plan). */
  static Scope scope(Ref ref) {
    if (ref == null) {
      return Scope.ALL;
    }
    if (ref instanceof Ref.UnitRef u) {
      return Scope.unit(u.name());
    }
    if (ref instanceof Ref.ProjectRef p) {
      return Scope.project(p.name());
    }
    if (ref instanceof Ref.CategoryRef c) {
      return Scope.category(c.number(), c.label());
    }
    return Scope.other(ref.label());
  }
}
