package io.duban.command.commands;

import io.duban.command.Guard;
import io.duban.plan.Plan;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.ProgressService;
import io.duban.progress.ProgressTexts;

/** Reply sentences shared by several commands. */
final class Replies {
  static final String NOT_REGISTERED = Guard.REGISTERED.refusal();
  static final String NO_PLAN = Guard.PLAN_LOADED.refusal();

  private Replies() {}

  /** Null while the plan runs; otherwise why nothing can be reported. */
  static String closedForReports(ProgressService.Standing standing) {
    if (standing == null) {
      return NO_PLAN;
    }
    Plan plan = standing.plan();
    if (standing.phase() == Phase.ENDED) {
      return "计划期已结束（" + plan.periodEnd + "），不再接受上报。";
    }
    if (standing.phase() == Phase.NOT_STARTED) {
      return "计划尚未开始（" + ProgressTexts.date(plan.periodStart) + "开始），暂不接受上报。";
    }
    return null;
  }

  /** "（计划期已结束）" before a view outside the plan period. */
  static String phaseNote(PlanView view) {
    return OverviewTexts.phaseNote(view);
  }
}
