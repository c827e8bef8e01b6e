package io.duban.command.handler;

import io.duban.audit.Audit;
import io.duban.command.ParsedCommand.Reminders;
import io.duban.contact.Role;
import io.duban.plan.Unit;
import io.duban.reminder.ReminderPause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** 暂停提醒 / 恢复提醒: admins pause and resume the automatic reminders of a unit or of all. */
@ApplicationScoped
public class ReminderCommandsHandler implements CommandHandler<Reminders> {
  @Inject Audit audit;
  @Inject Clock wall;

  @Override
  public Class<Reminders> handles() {
    return Reminders.class;
  }

  @Override
  public String handle(Reminders command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    if (!ctx.is(Role.ADMIN)) {
      return "只有管理员可以暂停或恢复提醒。";
    }
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
