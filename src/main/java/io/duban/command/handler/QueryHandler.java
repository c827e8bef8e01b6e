package io.duban.command.handler;

import io.duban.command.ParsedCommand.Query;
import io.duban.command.Ref;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * 进度: a 实事, 工程, target or unit. Everyone registered may see the plan's 实事, 工程 and targets; a
 * reporter sees only their own unit, leaders and admins any unit.
 */
@ApplicationScoped
public class QueryHandler implements CommandHandler<Query> {
  @Inject MineHandler units;
  @Inject Targets targets;

  @Override
  public Class<Query> handles() {
    return Query.class;
  }

  @Override
  public String handle(Query command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    PlanView view = ctx.view();
    if (view == null) {
      return Replies.NO_PLAN;
    }
    Ref subject = command.subject();
    String head = Replies.phaseNote(view);
    if (subject instanceof Ref.CategoryRef c) {
      for (CategoryView cv : view.categories()) {
        if (cv.number() == c.number()) {
          return head + ProgressTexts.categoryText(cv, view.schedule());
        }
      }
    } else if (subject instanceof Ref.ProjectRef p) {
      for (CategoryView cv : view.categories()) {
        for (ProjectView pv : cv.projects()) {
          if (pv.name().equals(p.name())) {
            return head + ProgressTexts.projectText(pv);
          }
        }
      }
    } else if (subject instanceof Ref.TargetRef t) {
      return head + targetText(view, t.code());
    } else if (subject instanceof Ref.ItemRef i) {
      return head + targetText(view, i.targetCode());
    } else if (subject instanceof Ref.UnitRef u) {
      boolean own = ctx.unit() != null && ctx.unit().name.equals(u.name());
      if (!own && !ctx.seesEverything()) {
        return "您可以查看本单位（" + ctx.unit().name + "）和全区的进度；其他单位的进度由领导查看。";
      }
      return head + units.unitText(view, u.name(), ctx.seesEverything());
    }
    return "没有找到“" + subject.label() + "”。";
  }

  private String targetText(PlanView view, String code) {
    var target = targets.byCode(code);
    if (target == null) {
      return "目标已不在计划中。";
    }
    TargetView v = view.target(target.id);
    StringBuilder sb = new StringBuilder(ProgressTexts.targetLine(v));
    sb.append("\n所属：")
        .append(v.projectName())
        .append("；责任单位：")
        .append(ReportHandler.owners(target));
    if (target.owners.size() > 1) {
      sb.append("\n各单位：").append(ProgressTexts.perUnit(v));
    }
    if (v.lastReportDate() != null) {
      sb.append("\n最近上报：").append(ProgressTexts.date(v.lastReportDate()));
    } else {
      sb.append("\n还没有上报");
    }
    return sb.toString();
  }
}
