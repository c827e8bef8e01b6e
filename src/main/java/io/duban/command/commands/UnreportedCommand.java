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
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
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
          "未报",
          "本期还没报的单位和目标",
          "哪些单位未报",
          Placement.START_OR_END,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  private static final List<String> OVERALL_WORDS = List.of("全区", "全部", "总体", "整体", "全区的", "所有");

  /** 未报, optionally narrowed to a unit or project. */
  public record Unreported(Ref scope) implements ParsedCommand {
    @Override
    public String describe() {
      return "UNREPORTED" + (scope == null ? "" : " " + scope.label());
    }
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
    MatchResult<Ref> m = kit.vocab().subjects().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE
        && !(m.candidates().get(0).item() instanceof Ref.TargetRef)) {
      return new Unreported(m.candidates().get(0).item());
    }
    return new Invalid(SPEC, "“未报”可以单独发送，或加单位、工程、实事名称。");
  }

  @Inject UnitReporting reporting;
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
    return texts.text(view, reporting.statuses(view), scope(command.scope()), ctx.seesEverything());
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
