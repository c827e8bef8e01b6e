package io.duban.command.handler;

import io.duban.audit.Audit;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.command.ParsedCommand.Bind;
import io.duban.contact.Contact;
import io.duban.contact.ContactIdentity;
import io.duban.contact.ContactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * 绑定 <手机号>: a person writing from a platform id Duban does not know yet is bound to the registered
 * contact with that mobile, if that contact has no id on this platform yet. Audited, and announced
 * to the admin route.
 */
@ApplicationScoped
public class BindHandler implements CommandHandler<Bind> {
  @Inject Audit audit;
  @Inject Clock wall;
  @Inject Event<Bound> bound;

  /** A platform id was bound to a contact (observed to tell the admins). */
  public record Bound(
      String contactCode, String contactName, String unit, String platform, String externalId) {}

  @Override
  public Class<Bind> handles() {
    return Bind.class;
  }

  @Override
  public String handle(Bind command, ChatContext ctx) {
    IncomingMessage m = ctx.message();
    if (ctx.registered()) {
      return "您已登记为 " + ctx.sender().name + "（" + ctx.sender().unit.name + "），无需绑定。";
    }
    Contact contact = Contact.find("mobile = ?1 and active = true", command.mobile()).firstResult();
    if (contact == null) {
      return "通讯录中没有登记手机号 " + mask(command.mobile()) + "。请联系管理员把您加入联系人。";
    }
    String botId =
        m.platform() == Platform.FEISHU && m.botId() != null ? m.botId() : ContactIdentity.ANY_BOT;
    boolean hasId =
        contact.identities.stream()
            .anyMatch(
                i ->
                    i.platform.equals(m.platform().key())
                        && (i.botId.equals(botId) || i.botId.equals(ContactIdentity.ANY_BOT)));
    if (hasId) {
      return "手机号 "
          + mask(command.mobile())
          + " 的联系人已绑定了另一个"
          + m.platform().label()
          + "账号。如需更换，请联系管理员。";
    }
    if (ContactIdentity.count(
            "platform = ?1 and botId = ?2 and externalId = ?3",
            m.platform().key(),
            botId,
            m.senderId())
        > 0) {
      return "您的账号已绑定到一位已停用的联系人。请联系管理员处理。";
    }
    ContactIdentity identity = new ContactIdentity();
    identity.contact = contact;
    identity.platform = m.platform().key();
    identity.botId = botId;
    identity.externalId = m.senderId();
    identity.origin = ContactService.ORIGIN_BIND;
    identity.createdAt = wall.instant();
    contact.identities.add(identity);
    identity.persist();
    audit.record(
        m.platform().label() + " " + m.senderId(),
        "contact.bound",
        "联系人 " + contact.code,
        "通过“绑定 " + mask(command.mobile()) + "”绑定" + m.platform().label() + "账号 " + m.senderId());
    bound.fire(
        new Bound(
            contact.code, contact.name, contact.unit.name, m.platform().label(), m.senderId()));
    return "绑定成功：您是 " + contact.name + "（" + contact.unit.name + "）。发送“帮助”查看可用的命令。";
  }

  /** 138****0001: mobiles are not echoed in full in group chats. */
  static String mask(String mobile) {
    return mobile.length() == 11 ? mobile.substring(0, 3) + "****" + mobile.substring(7) : mobile;
  }
}
