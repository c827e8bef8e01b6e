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
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher.Prefix;
import io.duban.contact.Role;
import io.duban.extension.Explanations;
import io.duban.plan.Target;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * 说明 <目标> <原因>: a reporter explains why a target of the unit lags this period and what the unit
 * does about it; the reminders and the 通报 show it (and ask 慢序时 units without one).
 */
@ApplicationScoped
public class ExplainCommand implements Command<ExplainCommand.Explain> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          55,
          "说明",
          List.of("情况说明", "原因说明", "说明原因", "报说明"),
          "说明 <目标> <原因和措施>",
          "说明本单位某个目标进度慢的原因和措施（通报和提醒中显示）",
          "说明 新增就业岗位 受企业招工淡季影响，7月起组织专场招聘会",
          Placement.START,
          Audience.REPORTER,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 说明 of one target. */
  public record Explain(TargetRef target, String text) implements ParsedCommand {
    @Override
    public String describe() {
      return "EXPLAIN " + target.code() + " " + text;
    }
  }

  @Inject Targets targets;
  @Inject CalendarService calendars;
  @Inject Explanations explanations;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Class<Explain> handles() {
    return Explain.class;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "请写明目标和原因。");
    }
    TargetRef target;
    String text;
    Optional<Prefix<TargetRef>> atStart = kit.vocab().targets().longestNameAtStart(args);
    if (atStart.isPresent() && !atStart.get().ambiguous()) {
      target = atStart.get().item();
      text = atStart.get().rest();
    } else {
      int space = args.indexOf(' ');
      String name = space > 0 ? args.substring(0, space) : args;
      String rest = space > 0 ? args.substring(space + 1) : "";
      MatchResult<TargetRef> m = kit.vocab().targets().match(name);
      if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
        return ParseKit.clarify(
            "“" + name + "”可能是：", m.candidates(), c -> "说明 " + c.item().canonical() + " " + rest);
      }
      if (m.kind() == MatchResult.Kind.NONE) {
        return new Invalid(SPEC, "没有找到目标“" + name + "”。");
      }
      target = m.candidates().get(0).item();
      text = rest;
    }
    text = text.replaceFirst("^[\\s,，:：;；。、]+", "").strip();
    if (text.isEmpty()) {
      return new Invalid(SPEC, "请写明原因和措施。");
    }
    if (text.length() > Explanations.MAX_TEXT) {
      return new Invalid(SPEC, "说明太长（最多 " + Explanations.MAX_TEXT + " 个字）。");
    }
    return new Explain(target, text);
  }

  @Override
  public String handle(Explain command, ChatContext ctx) {
    if (!ctx.is(Role.REPORTER) || ctx.onBehalf() || ctx.unit() == null) {
      return "情况说明由目标责任单位的填报人发送。";
    }
    Target target = targets.byCode(command.target().code());
    if (target == null) {
      return "目标“" + command.target().name() + "”已不在计划中。";
    }
    String owner = Permissions.ownsTarget(ctx, target);
    if (owner != null) {
      return owner;
    }
    PlanView view = ctx.view();
    if (view.phase() != Phase.RUNNING) {
      return "计划不在执行期内，不需要情况说明。";
    }
    ReportingPeriod period = calendars.periodFor(target, view.plan(), view.date());
    if (period == null) {
      return "今天不在计划期内，不需要情况说明。";
    }
    var m = ctx.message();
    explanations.record(
        target.id,
        ctx.unit().id,
        period.key(),
        command.text(),
        new Explanations.Writer(
            ctx.sender().id,
            ctx.sender().name,
            m.platform().key(),
            m.botId(),
            m.chatId(),
            m.messageId()));
    return "已记录 " + target.name + " 的情况说明。";
  }
}
