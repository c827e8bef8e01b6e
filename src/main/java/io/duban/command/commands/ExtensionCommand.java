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
import io.duban.command.Ref.TargetRef;
import io.duban.command.conversation.ChatContext;
import io.duban.contact.Role;
import io.duban.extension.ExtensionRequests;
import io.duban.plan.Target;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 申请延期 <目标|本期> <日期> <原因>: a reporter asks for a later deadline of one target of the unit, or of all
 * its targets this period; a leader or an admin decides (同意延期 n / 不同意 n 原因).
 */
@ApplicationScoped
public class ExtensionCommand implements Command<ExtensionCommand.Extend> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          57,
          "申请延期",
          List.of("延期申请", "申请推迟", "推迟申请", "申请延后"),
          "申请延期 <目标或本期> <日期> <原因>",
          "申请推迟本单位某个目标（或本期全部目标）的截止日，由领导或督查室审批",
          "申请延期 新增就业岗位 7月5日 人社部系统升级，数据7月初才能导出",
          Placement.START,
          Audience.REPORTER,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 6月30日, 6月30号, 6-30, 6.30, 6/30, 2018-06-30, 2018年6月30日. */
  static final Pattern DATE =
      Pattern.compile(
          "(?<![0-9.])(?:(\\d{4})\\s*[年./-]\\s*)?(1[0-2]|0?[1-9])\\s*(?:月|[-./])\\s*"
              + "(3[01]|[12][0-9]|0?[1-9])\\s*[日号]?(?![0-9])");

  /** Words for "all the unit's targets this period". */
  static final Set<String> WHOLE_PERIOD = Set.of("本期", "本月", "全部", "全部目标", "本期全部", "本期全部目标");

  /** 申请延期 of one target (null: all the unit's targets this period) to a day. */
  public record Extend(TargetRef target, Integer year, int month, int day, String reason)
      implements ParsedCommand {
    @Override
    public String describe() {
      return "EXTEND "
          + (target == null ? "本期" : target.code())
          + " "
          + (year == null ? "" : year + "-")
          + month
          + "-"
          + day
          + " "
          + reason;
    }
  }

  @Inject Targets targets;
  @Inject CalendarService calendars;
  @Inject ExtensionRequests requests;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Class<Extend> handles() {
    return Extend.class;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "请写明延期的目标（或“本期”）、延期到哪天和原因。");
    }
    Matcher m = DATE.matcher(args);
    if (!m.find()) {
      return new Invalid(SPEC, "请写明延期到哪天（如 7月5日）。");
    }
    String name = args.substring(0, m.start()).strip();
    String reason = args.substring(m.end()).replaceFirst("^[\\s,，:：;；。、]+", "").strip();
    Integer year = m.group(1) == null ? null : Integer.valueOf(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (name.isEmpty()) {
      return new Invalid(SPEC, "请写明延期的目标，或写“本期”（本单位本期全部目标）。");
    }
    if (reason.isEmpty()) {
      return new Invalid(SPEC, "请写明延期原因。");
    }
    if (reason.length() > ExtensionRequests.MAX_REASON) {
      return new Invalid(SPEC, "延期原因太长（最多 " + ExtensionRequests.MAX_REASON + " 个字）。");
    }
    if (WHOLE_PERIOD.contains(name)) {
      return new Extend(null, year, month, day, reason);
    }
    String rest = " " + args.substring(m.start()).strip();
    return ParseKit.pick(
        name,
        kit.vocab().targets().match(name),
        t -> new Extend(t, year, month, day, reason),
        t -> "申请延期 " + t.canonical() + rest,
        () -> new Invalid(SPEC, "没有找到目标“" + name + "”。"));
  }

  @Override
  public String handle(Extend command, ChatContext ctx) {
    if (!ctx.is(Role.REPORTER) || ctx.onBehalf() || ctx.unit() == null) {
      return "延期由目标责任单位的填报人申请；领导或督查室收到后用“同意延期 <编号>”或“不同意 <编号> <原因>”审批。";
    }
    PlanView view = ctx.view();
    if (view.phase() != Phase.RUNNING) {
      return "计划不在执行期内，不能申请延期。";
    }
    Target target = null;
    if (command.target() != null) {
      target = targets.byCode(command.target().code());
      if (target == null) {
        return "目标“" + command.target().name() + "”已不在计划中。";
      }
      String owner = Permissions.ownsTarget(ctx, target);
      if (owner != null) {
        return owner;
      }
    } else if (view.units().stream()
        .noneMatch(u -> u.unit().id.equals(ctx.unit().id) && !u.targets().isEmpty())) {
      return ctx.unit().name + " 没有负责的目标，不需要申请延期。";
    }
    LocalDate today = view.date();
    LocalDate date;
    try {
      int year = command.year() == null ? today.getYear() : command.year();
      date = LocalDate.of(year, command.month(), command.day());
    } catch (DateTimeException e) {
      return "没有这一天：" + command.month() + "月" + command.day() + "日。";
    }
    ReportingPeriod period =
        target == null
            ? calendars.planPeriodFor(view.plan(), today)
            : calendars.periodFor(target, view.plan(), today);
    return requests.request(
        new ExtensionRequests.Ask(
            ctx.message(),
            ctx.sender().id,
            view.plan(),
            ctx.unit(),
            target,
            period,
            today,
            date,
            command.reason()));
  }
}
