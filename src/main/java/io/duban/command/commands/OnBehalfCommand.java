package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref.UnitRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.CommandRouter;
import io.duban.command.match.NameMatcher.Prefix;
import io.duban.plan.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** 代报: an admin reports for a unit; the records say who did it and that it was on behalf. */
@ApplicationScoped
public class OnBehalfCommand implements Command<OnBehalfCommand.OnBehalf> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          70,
          "代报",
          List.of("代为上报"),
          "代报 <单位> <目标> <累计数>",
          "管理员代单位上报（记为代报）",
          "代报 人社局 新增就业岗位 12000",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, Guard.admin("只有管理员可以代报。")));

  /** 代报: an admin reporting for a unit. */
  public record OnBehalf(UnitRef unit, ParsedCommand inner) implements ParsedCommand {
    @Override
    public String describe() {
      return "ONBEHALF " + unit.name() + " " + inner.describe();
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  /** The unit, then the inner command read by the whole parser (a bare figure is a 上报). */
  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    Optional<Prefix<UnitRef>> unit = kit.vocab().units().longestNameAtStart(args);
    if (unit.isEmpty() || unit.get().ambiguous()) {
      return new Invalid(SPEC, "请写明代哪个单位上报。");
    }
    String rest = unit.get().rest().trim();
    if (rest.isEmpty()) {
      return new Invalid(SPEC, "缺少要代报的内容。");
    }
    ParsedCommand inner = kit.parse(rest);
    if (!(inner instanceof ReportCommand.Report
        || inner instanceof CompleteCommand.Complete
        || inner instanceof ProgressNoteCommand.ProgressNote
        || inner instanceof WithdrawCommand.Withdraw
        || (inner instanceof Clarify c && !c.question().startsWith(ParseKit.OFFER_REPORT)))) {
      inner = kit.report(ReportCommand.SPEC, rest, false);
    }
    if (inner instanceof Clarify c) {
      return ParseKit.rewrite(c, m -> SPEC.name() + " " + unit.get().item().name() + " " + m);
    }
    if (!ParseKit.succeeded(inner)) {
      String unitName = unit.get().item().name();
      return inner instanceof Invalid i
          ? pointed(i.reason(), unitName)
          : new Invalid(SPEC, "没看懂要代报的内容。");
    }
    return new OnBehalf(unit.get().item(), inner);
  }

  /** A task is reported with 进展 and a checklist with 完成: the refusal names the exact command. */
  private static Invalid pointed(String reason, String unitName) {
    if (reason.contains("任务类目标") || reason.contains("清单类目标")) {
      String r =
          reason
              .replace("（代报时写在单位后面）", "")
              .replace("：进展 ", "：代报 " + unitName + " 进展 ")
              .replace("：完成 ", "：代报 " + unitName + " 完成 ");
      return new Invalid(null, r);
    }
    return new Invalid(SPEC, reason);
  }

  @Inject CommandRouter router;

  @Override
  public Class<OnBehalf> handles() {
    return OnBehalf.class;
  }

  @Override
  public String handle(OnBehalf command, ChatContext ctx) {
    Unit unit = Unit.findByName(command.unit().name());
    if (unit == null) {
      return "没有找到单位“" + command.unit().name() + "”。";
    }
    ParsedCommand inner = command.inner();
    return router.route(inner, ctx.onBehalfOf(unit));
  }
}
