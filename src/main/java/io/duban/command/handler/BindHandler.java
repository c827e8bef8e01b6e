package io.duban.command.handler;

import io.duban.command.ParsedCommand.Bind;
import io.duban.contact.BindRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * 绑定 <手机号>: a sender Duban does not know asks to become the contact with that mobile. It opens a
 * request that the platform's directory or an admin must confirm (see {@link BindRequests}); the
 * answer never says whether the mobile is registered.
 */
@ApplicationScoped
public class BindHandler implements CommandHandler<Bind> {
  @Inject BindRequests requests;

  @Override
  public Class<Bind> handles() {
    return Bind.class;
  }

  @Override
  public String handle(Bind command, ChatContext ctx) {
    if (ctx.registered()) {
      return "您已登记为 " + ctx.sender().name + "（" + ctx.sender().unit.name + "），无需绑定。";
    }
    return requests.request(ctx.message(), command.mobile());
  }
}
