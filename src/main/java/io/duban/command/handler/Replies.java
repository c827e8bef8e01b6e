package io.duban.command.handler;

import io.duban.plan.Plan;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.ProgressService;
import io.duban.progress.ProgressTexts;

/** Reply sentences shared by several handlers. */
final class Replies {
  static final String NOT_REGISTERED =
      "您还没有登记为督办联系人。请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。发送“帮助”查看说明。";
  static final String NO_PLAN = "计划尚未加载，请联系管理员。";

  private Replies() {}

  /** Null while the plan runs; otherwise why nothing can be reported. */
  static String closedForReports(PlanView view) {
    return closedForReports(
        view == null ? null : new ProgressService.Standing(view.plan(), view.phase()));
  }

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
