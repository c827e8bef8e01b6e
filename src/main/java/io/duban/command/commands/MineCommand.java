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
import io.duban.command.conversation.ChatContext;
import io.duban.contact.Contact;
import io.duban.extension.Deadlines;
import io.duban.plan.TargetKind;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.progress.ProgressTexts;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnitReporting.UnitStatus;
import io.duban.progress.UnreportedTexts;
import io.duban.report.ProgressMath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** 我的: the sender's unit's targets, where they stand, this period's deadline and what is owed. */
@ApplicationScoped
public class MineCommand implements Command<MineCommand.Mine> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          120,
          "我的",
          List.of("我的任务", "我的目标", "本单位", "我的进度", "我单位"),
          "我的",
          "本单位负责的目标、进度和截止日",
          "我的",
          Placement.ALONE,
          Audience.REPORTER,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 我的. */
  public record Mine() implements ParsedCommand {
    @Override
    public String describe() {
      return "MINE";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Mine();
  }

  @Inject UnitReporting reporting;
  @Inject CalendarService calendars;
  @Inject Deadlines deadlines;

  @Override
  public Class<Mine> handles() {
    return Mine.class;
  }

  @Override
  public String handle(Mine command, ChatContext ctx) {
    return unitText(ctx.view(), ctx.unit().name, ctx.seesEverything(), true);
  }

  /**
   * A unit's targets with their status and reporting state (also 进度 <单位>); {@code withHint} adds
   * how to report the first target still owed (for the unit's own reporters, not for leaders).
   */
  public String unitText(PlanView view, String unitName, boolean withContacts, boolean withHint) {
    UnitView unit =
        view.units().stream().filter(u -> u.unit().name.equals(unitName)).findFirst().orElse(null);
    if (unit == null || unit.targets().isEmpty()) {
      return unitName + " 没有负责的目标。发送“全区进度”查看全区。";
    }
    Map<Long, UnitStatus> statuses =
        view.phase() == Phase.RUNNING ? reporting.statuses(view) : Map.of();
    UnitStatus status = statuses.get(unit.unit().id);
    StringBuilder sb = new StringBuilder(Replies.phaseNote(view));
    sb.append(unitName).append(" 负责 ").append(unit.targets().size()).append(" 个目标");
    if (unit.completion() != null) {
      sb.append("，完成 ")
          .append(ProgressMath.percent(unit.completion()))
          .append("（序时进度 ")
          .append(ProgressMath.percent(view.schedule()))
          .append("）");
    }
    ReportingPeriod period =
        view.phase() == Phase.RUNNING ? calendars.planPeriodFor(view.plan(), view.date()) : null;
    if (period != null && status != null) {
      sb.append("\n")
          .append(period.label())
          .append(" 截止 ")
          .append(ProgressTexts.date(period.deadline()));
      String moved =
          UnreportedTexts.extendedTo(deadlines.current(), unit.unit().id, status.pending());
      sb.append(moved.isEmpty() ? "" : "（" + moved + "）")
          .append(status.reported() ? "，本期已报齐" : "，本期还有 " + status.pending().size() + " 项未报");
    }
    List<Long> pendingIds = new ArrayList<>();
    if (status != null) {
      status.pending().forEach(p -> pendingIds.add(p.target().target().id));
    }
    String example = null;
    for (TargetView v : unit.targets()) {
      sb.append("\n· ").append(ProgressTexts.targetLine(view, v));
      if (v.target().owners.size() > 1 && v.target().kind != TargetKind.TASK) {
        sb.append("（本单位份额 ")
            .append(ProgressMath.percent(unit.shares().get(v.target().id)))
            .append("）");
      }
      if (pendingIds.contains(v.target().id)) {
        sb.append("【本期未报】");
        if (example == null) {
          example = example(v);
        }
      }
    }
    if (example != null && withHint) {
      sb.append("\n上报示例：").append(example);
    }
    if (withContacts) {
      List<String> names = new ArrayList<>();
      for (Contact c :
          Contact.<Contact>list("unit = ?1 and active = true order by code", unit.unit())) {
        names.add(c.name + (c.mobile == null ? "" : " " + c.mobile));
      }
      if (!names.isEmpty()) {
        sb.append("\n联系人：").append(String.join("，", names));
      }
    }
    return sb.toString();
  }

  static String example(TargetView v) {
    return switch (v.target().kind) {
      case NUMERIC -> "上报 " + v.target().name + " <累计数>";
      case CHECKLIST ->
          "完成 "
              + v.items().stream()
                  .filter(i -> !i.done())
                  .findFirst()
                  .map(i -> i.name())
                  .orElse("<清单项>");
      case TASK -> "进展 " + v.target().name + " <进展说明> 推进中";
    };
  }
}
