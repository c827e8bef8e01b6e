package io.duban.command.commands;

import io.duban.command.conversation.ChatContext;
import io.duban.contact.Role;
import io.duban.plan.Target;

/** Who may do what in chat; each check returns the refusal sentence, or null when allowed. */
final class Permissions {
  private Permissions() {}

  /** Reporters report for their own unit; admins only through 代报. */
  static String mayReport(ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    if (ctx.onBehalf()) {
      return ctx.is(Role.ADMIN) ? null : "只有管理员可以代报。";
    }
    if (!ctx.is(Role.REPORTER)) {
      return ctx.is(Role.ADMIN)
          ? "管理员请用“代报 <单位> …”为单位上报。"
          : "您的角色是" + roles(ctx) + "，不能上报。上报由各单位的填报人进行。";
    }
    return null;
  }

  static String ownsTarget(ChatContext ctx, Target target) {
    if (target.ownedBy(ctx.unit())) {
      return null;
    }
    return "“"
        + target.name
        + "”由 "
        + ReportCommand.owners(target)
        + " 负责上报，"
        + ctx.unit().name
        + " 不负责这个目标。发送“我的”查看本单位的目标。";
  }

  private static String roles(ChatContext ctx) {
    StringBuilder sb = new StringBuilder();
    for (Role r : Role.values()) {
      if (ctx.is(r)) {
        sb.append(sb.length() == 0 ? "" : "、").append(r.label());
      }
    }
    return sb.toString();
  }
}
