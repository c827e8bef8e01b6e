package io.duban.command.handler;

import io.duban.command.ParsedCommand.Unreported;
import io.duban.command.Ref;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.Scope;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnreportedTexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * 未报: units and targets not reported this period (the contract's one definition), with the
 * deadline, overdue marks and, for leaders and admins, the contacts to call.
 */
@ApplicationScoped
public class UnreportedHandler implements CommandHandler<Unreported> {
  @Inject UnitReporting reporting;
  @Inject UnreportedTexts texts;

  @Override
  public Class<Unreported> handles() {
    return Unreported.class;
  }

  @Override
  public String handle(Unreported command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    PlanView view = ctx.view();
    if (view == null) {
      return Replies.NO_PLAN;
    }
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
