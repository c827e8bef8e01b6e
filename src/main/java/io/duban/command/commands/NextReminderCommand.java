package io.duban.command.commands;

import io.duban.calendar.CalendarService;
import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref.UnitRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
import io.duban.plan.Unit;
import io.duban.progress.ProgressTexts;
import io.duban.reminder.ReminderPause;
import io.duban.reminder.ReminderService;
import io.duban.reminder.ReminderService.Next;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** 下次提醒: when the sender's unit (or, for leaders, each unit) will next be reminded. */
@ApplicationScoped
public class NextReminderCommand implements Command<NextReminderCommand.NextReminder> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          170,
          "下次提醒",
          List.of("提醒时间", "什么时候提醒"),
          "下次提醒 [单位]",
          "下一次自动提醒的时间",
          "下次提醒",
          Placement.START,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED));

  /** 下次提醒, optionally for a unit. */
  public record NextReminder(UnitRef unit) implements ParsedCommand {
    @Override
    public String describe() {
      return "NEXT" + (unit == null ? "" : " " + unit.name());
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new NextReminder(null);
    }
    MatchResult<UnitRef> m = kit.vocab().units().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new NextReminder(m.candidates().get(0).item());
    }
    return new Invalid(SPEC, "没有找到单位“" + args + "”。");
  }

  @Inject ReminderService reminders;
  @Inject PlanClock planClock;
  @Inject CalendarService calendars;

  @Override
  public Class<NextReminder> handles() {
    return NextReminder.class;
  }

  @Override
  public String handle(NextReminder command, ChatContext ctx) {
    Map<Long, Next> next = reminders.nextReminders();
    boolean allPaused = ReminderPause.findById(ReminderPause.ALL) != null;
    String warning =
        calendars.calendar().coversDate(planClock.today()) ? "" : "\n（注意：今年的工作日历文件缺失，按周一至周五推算）";
    if (command.unit() != null || !ctx.seesEverything()) {
      String name = command.unit() != null ? command.unit().name() : ctx.unit().name;
      if (!ctx.seesEverything() && !name.equals(ctx.unit().name)) {
        return "您可以查看本单位的下次提醒；其他单位由领导查看。";
      }
      Unit unit = Unit.findByName(name);
      return line(unit, next.get(unit.id), allPaused) + warning;
    }
    return allUnits(next, allPaused) + warning;
  }

  /**
   * Every unit's next reminder for leaders, one line per moment (day, rule, period), soonest first:
   * "6月22日 09:00起 截止前第 3 个工作日提醒（2018-06）：人社局、农业局 等 12 个单位".
   */
  private String allUnits(Map<Long, Next> next, boolean allPaused) {
    StringBuilder sb = new StringBuilder("各单位下次提醒（未报才会提醒）：");
    if (allPaused) {
      return sb.append("\n全部单位的自动提醒已暂停。").toString();
    }
    Map<String, List<String>> byMoment = new TreeMap<>();
    Map<String, String> heads = new HashMap<>();
    List<String> paused = new ArrayList<>();
    for (Unit u : Unit.<Unit>list("order by sortOrder")) {
      Next n = next.get(u.id);
      if (ReminderPause.findById(u.name) != null) {
        paused.add(u.name);
      } else if (n != null) {
        LocalDateTime at = planClock.toPlanTime(n.sendAt());
        String key = n.day() + " " + n.rule() + " " + n.periodKey();
        byMoment.computeIfAbsent(key, k -> new ArrayList<>()).add(u.name);
        String head =
            ProgressTexts.date(n.day())
                + " "
                + String.format("%02d:%02d", at.getHour(), at.getMinute())
                + "起 "
                + rule(n)
                + "（"
                + n.periodKey()
                + "）";
        heads.merge(key, head, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    byMoment.forEach(
        (k, names) -> sb.append("\n· ").append(heads.get(k)).append("：").append(names(names)));
    if (!paused.isEmpty()) {
      sb.append("\n· 已暂停：").append(names(paused));
    }
    if (byMoment.isEmpty() && paused.isEmpty()) {
      sb.append("\n计划期内没有需要发出的提醒。");
    }
    return sb.toString();
  }

  /** Up to eight names, the others counted. */
  private static String names(List<String> names) {
    return names.size() <= 8
        ? String.join("、", names)
        : String.join("、", names.subList(0, 8)) + " 等 " + names.size() + " 个单位";
  }

  private static String rule(Next n) {
    return n.rule().startsWith("before-")
        ? "截止前第 " + n.rule().substring(7) + " 个工作日提醒"
        : n.rule().equals("on-deadline") ? "截止当天提醒" : "逾期提醒";
  }

  private String line(Unit unit, Next n, boolean allPaused) {
    if (allPaused || ReminderPause.findById(unit.name) != null) {
      return unit.name + "：自动提醒已暂停";
    }
    if (n == null) {
      return unit.name + "：计划期内没有需要发出的提醒（本期已报齐或计划即将结束）";
    }
    LocalDateTime at = planClock.toPlanTime(n.sendAt());
    String rule = rule(n);
    return unit.name
        + "："
        + ProgressTexts.date(n.day())
        + " "
        + String.format("%02d:%02d", at.getHour(), at.getMinute())
        + "，"
        + rule
        + "（"
        + n.periodKey()
        + "）";
  }
}
