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
import io.duban.command.conversation.ChatContext;
import io.duban.progress.BulletinTexts;
import io.duban.progress.NoteTexts;
import io.duban.progress.PastReporting;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.ProgressService;
import io.duban.progress.UnitReporting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 通报 [N月]: the monthly 通报 of the latest period whose deadline has passed (or of the month named) as
 * a chat summary: the figures as they stood at the end of its deadline day, how many units did not
 * report in it, the worst three, and the dashboard's address when {@code duban.public-url} is set.
 * The full text goes to the leaders' route (reminder/ReminderService).
 */
@ApplicationScoped
public class BulletinCommand implements Command<BulletinCommand.Bulletin> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          116,
          "通报",
          List.of("月度通报", "本月通报", "最新通报"),
          "通报 [N月]",
          "最近一期月度通报的摘要（或某个月的）",
          "通报 5月",
          Placement.START,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 通报; {@code month} null for the latest. */
  public record Bulletin(Integer month) implements ParsedCommand {
    @Override
    public String describe() {
      return "BULLETIN" + (month == null ? "" : " " + month + "月");
    }
  }

  @Inject ProgressService progress;
  @Inject PastReporting past;
  @Inject CalendarService calendars;
  @Inject UnitReporting reporting;
  @Inject NoteTexts notes;

  @ConfigProperty(name = "duban.public-url")
  Optional<String> publicUrl;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Bulletin(null);
    }
    Integer month = UnreportedCommand.month(args);
    return month != null ? new Bulletin(month) : new Invalid(SPEC, "“通报”可以单独发送，或加月份（如：通报 5月）。");
  }

  @Override
  public Class<Bulletin> handles() {
    return Bulletin.class;
  }

  @Override
  public String handle(Bulletin command, ChatContext ctx) {
    PlanView view = ctx.view();
    if (view.phase() == Phase.NOT_STARTED) {
      return "计划尚未开始，还没有月度通报。";
    }
    ReportingPeriod period =
        command.month() != null ? past.monthPeriod(view, command.month()) : latest(view);
    if (period == null) {
      return command.month() != null ? command.month() + "月不在计划期内。" : "还没有到第一期的截止日，还没有月度通报。";
    }
    if (!period.deadline().isBefore(view.date())) {
      return period.label() + "的截止日（" + period.deadline() + "）还没过，还没有通报。发送“全区进度”查看当前进度。";
    }
    PlanView then = progress.viewAsOf(period.deadline());
    int unreported =
        period.end().isBefore(view.date())
            ? past.unreported(view, period).size()
            : (int)
                reporting.statuses(view).values().stream()
                    .filter(s -> !s.pending().isEmpty())
                    .count();
    return BulletinTexts.summary(
        then, period, unreported, publicUrl.orElse(null), notes.bulletinNotes(then, period));
  }

  /** The latest plan period whose deadline has passed. */
  private ReportingPeriod latest(PlanView view) {
    if (view.phase() == Phase.ENDED) {
      return calendars.planPeriodFor(view.plan(), view.plan().periodEnd);
    }
    ReportingPeriod now = calendars.planPeriodFor(view.plan(), view.date());
    if (now != null && now.deadline().isBefore(view.date())) {
      return now;
    }
    return past.previousPeriod(view);
  }
}
