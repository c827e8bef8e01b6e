package io.duban.command.handler;

import io.duban.command.CommandCatalog;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.ParsedCommand.Help;
import io.duban.contact.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/** 帮助: the commands the sender may use (generated from the catalogue), or one command's detail. */
@ApplicationScoped
public class HelpHandler implements CommandHandler<Help> {
  private final CommandCatalog catalog = CommandCatalog.standard();

  @Override
  public Class<Help> handles() {
    return Help.class;
  }

  @Override
  public String handle(Help command, ChatContext ctx) {
    if (command.topic() != null) {
      return catalog.help(command.topic());
    }
    if (!ctx.registered()) {
      return "我是督办助手，负责为民办实事项目的进度上报和提醒。\n" + "您还没有登记：请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。";
    }
    return catalog.help(audiences(ctx));
  }

  static Set<Audience> audiences(ChatContext ctx) {
    Set<Audience> a = EnumSet.of(Audience.EVERYONE);
    if (ctx.is(Role.REPORTER)) {
      a.add(Audience.REPORTER);
    }
    if (ctx.is(Role.LEADER)) {
      a.add(Audience.LEADER);
    }
    if (ctx.is(Role.ADMIN)) {
      a.add(Audience.ADMIN);
      a.add(Audience.LEADER);
    }
    return a;
  }
}
