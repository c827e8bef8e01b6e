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
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * 进度: a 实事, 工程, target or unit. Everyone registered may see the plan's 实事, 工程 and targets; a
 * reporter sees only their own unit, leaders and admins any unit.
 */
@ApplicationScoped
public class QueryCommand implements Command<QueryCommand.Query> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          80,
          "进度",
          List.of("查询", "查看", "完成情况", "进度情况", "的进度"),
          "进度 <实事|工程|目标|单位>",
          "查看某个实事、工程、目标或单位的进度",
          "就业助推工程进度",
          Placement.START_OR_END,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  private static final List<String> OVERALL_WORDS = List.of("全区", "全部", "总体", "整体", "全区的", "所有");
  private static final List<String> MINE_WORDS = List.of("我", "我的", "本单位", "我单位", "我们", "我们单位");

  /** 进度 of one thing of the plan. */
  public record Query(Ref subject) implements ParsedCommand {
    @Override
    public String describe() {
      String kind;
      if (subject instanceof Ref.CategoryRef) {
        kind = "category";
      } else if (subject instanceof Ref.ProjectRef) {
        kind = "project";
      } else if (subject instanceof Ref.TargetRef) {
        kind = "target";
      } else if (subject instanceof Ref.ItemRef) {
        kind = "item";
      } else {
        kind = "unit";
      }
      return "QUERY "
          + kind
          + ":"
          + (subject instanceof Ref.TargetRef t ? t.code() : subject.label());
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  /** A subject; nothing or "全区" is 全区进度, "我的" is 我的. */
  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty() || OVERALL_WORDS.contains(args)) {
      return new OverallCommand.Overall();
    }
    if (MINE_WORDS.contains(args)) {
      return new MineCommand.Mine();
    }
    return ParseKit.pick(
        args,
        kit.vocab().subjects().match(args),
        Query::new,
        r -> "进度 " + r.canonical(),
        () -> new Invalid(SPEC, "没有找到“" + args + "”。可以查实事、工程、目标或单位的进度。"));
  }

  @Inject MineCommand units;

  @Override
  public Class<Query> handles() {
    return Query.class;
  }

  @Override
  public String handle(Query command, ChatContext ctx) {
    PlanView view = ctx.view();
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
      return head + units.unitText(view, u.name(), ctx.seesEverything(), own);
    }
    return "没有找到“" + subject.label() + "”。";
  }

  /** The target of the view's own plan (a past year's too), with its owners. */
  private static String targetText(PlanView view, String code) {
    TargetView v =
        view.targets().values().stream()
            .filter(t -> t.target().code.equals(code))
            .findFirst()
            .orElse(null);
    if (v == null) {
      return "目标已不在计划中。";
    }
    var target = v.target();
    StringBuilder sb = new StringBuilder(ProgressTexts.targetLine(view, v));
    sb.append("\n所属：")
        .append(v.projectName())
        .append("；责任单位：")
        .append(ReportCommand.owners(target));
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
