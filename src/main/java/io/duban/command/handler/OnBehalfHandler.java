package io.duban.command.handler;

import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.OnBehalf;
import io.duban.contact.Role;
import io.duban.plan.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** 代报: an admin reports for a unit; the records say who did it and that it was on behalf. */
@ApplicationScoped
public class OnBehalfHandler implements CommandHandler<OnBehalf> {
  @Inject CommandRouter router;

  @Override
  public Class<OnBehalf> handles() {
    return OnBehalf.class;
  }

  @Override
  public String handle(OnBehalf command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    if (!ctx.is(Role.ADMIN)) {
      return "只有管理员可以代报。";
    }
    Unit unit = Unit.findByName(command.unit().name());
    if (unit == null) {
      return "没有找到单位“" + command.unit().name() + "”。";
    }
    ParsedCommand inner = command.inner();
    return router.route(inner, ctx.onBehalfOf(unit));
  }
}
