package io.duban.command.commands;

import io.duban.audit.Audit;
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
import io.duban.plan.Unit;
import io.duban.reminder.ReminderPause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * 暂停提醒 / 恢复提醒: admins pause and resume the automatic reminders of a unit or of all. {@link
 * ResumeRemindersCommand} parses 恢复提醒 into the same {@link Reminders}, answered here.
 */
@ApplicationScoped
public class PauseRemindersCommand implements Command<PauseRemindersCommand.Reminders> {
  /** The refusal 暂停提醒 and 恢复提醒 share. */
  static final Guard ADMIN_ONLY = Guard.admin("只有管理员可以暂停或恢复提醒。");

  public static final CommandSpec SPEC =
      new CommandSpec(
          150,
          "暂停提醒",
          List.of("停止提醒", "关闭提醒"),
          "暂停提醒 [单位|全部]",
          "管理员暂停某单位或全部的自动提醒",
          "暂停提醒 人社局",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, ADMIN_ONLY));

  private static final List<String> ALL_UNITS = List.of("全部", "所有", "全区", "所有单位", "全部单位");

  /** 暂停提醒 / 恢复提醒 for a unit, or for all when {@code unit} is null. */
  public record Reminders(boolean pause, UnitRef unit) implements ParsedCommand {
    @Override
    public String describe() {
      return (pause ? "PAUSE" : "RESUME") + (unit == null ? " ALL" : " " + unit.name());
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    return parse(SPEC, true, args, kit);
  }

  /** 暂停提醒 or 恢复提醒 with nothing, 全部 or a unit. */
  static ParsedCommand parse(CommandSpec spec, boolean pause, String args, ParseKit kit) {
    if (args.isEmpty() || ALL_UNITS.contains(args)) {
      return new Reminders(pause, null);
    }
    return ParseKit.pick(
        args,
        kit.vocab().units().match(args),
        u -> new Reminders(pause, u),
        u -> spec.name() + " " + u.name(),
        () -> new Invalid(spec, "没有找到单位“" + args + "”。"));
  }

  @Inject Audit audit;
  @Inject Clock wall;

  @Override
  public Class<Reminders> handles() {
    return Reminders.class;
  }

  @Override
  public String handle(Reminders command, ChatContext ctx) {
    String scope = command.unit() == null ? ReminderPause.ALL : command.unit().name();
    String label = command.unit() == null ? "全部单位" : command.unit().name();
    if (command.unit() != null && Unit.findByName(scope) == null) {
      return "没有找到单位“" + scope + "”。";
    }
    ReminderPause existing = ReminderPause.findById(scope);
    if (command.pause()) {
      if (existing != null) {
        return label + " 的自动提醒已经是暂停状态。";
      }
      ReminderPause p = new ReminderPause();
      p.scope = scope;
      p.pausedBy = ctx.sender().name;
      p.pausedAt = wall.instant();
      p.persist();
      audit.record(ctx.sender().name, "reminders.paused", "提醒 " + label, null);
      return "已暂停 "
          + label
          + " 的自动提醒（已排队的提醒也不再发送）。发送“恢复提醒"
          + (command.unit() == null ? "" : " " + label)
          + "”恢复。";
    }
    if (command.unit() == null) {
      long n = ReminderPause.count();
      if (n == 0) {
        return "自动提醒没有被暂停。";
      }
      ReminderPause.deleteAll();
      audit.record(ctx.sender().name, "reminders.resumed", "提醒 全部单位", null);
      return "已恢复全部单位的自动提醒。";
    }
    if (existing == null) {
      boolean all = ReminderPause.findById(ReminderPause.ALL) != null;
      return label + " 的自动提醒没有单独暂停" + (all ? "（目前暂停的是全部单位，发送“恢复提醒”恢复）" : "") + "。";
    }
    existing.delete();
    audit.record(ctx.sender().name, "reminders.resumed", "提醒 " + label, null);
    return "已恢复 " + label + " 的自动提醒。";
  }
}
