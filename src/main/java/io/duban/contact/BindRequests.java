package io.duban.contact;

import io.duban.approval.ApprovalKind;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.ApprovalType;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.audit.Audit;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.BotsFile;
import io.duban.chat.Directories;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 绑定 <手机号> as a request, never a self-service grant. A platform id becomes a contact's only when
 * (a) the platform's directory names the sender as the holder of the contact's registered mobile
 * (not for admins), (b) an admin approves the request (for an admin contact: another admin), or (c)
 * contacts.yaml or the contacts API lists the id. The sender's answer is the same whether or not
 * the mobile is registered; senders and mobiles are rate-limited; every attempt is recorded.
 */
@ApplicationScoped
public class BindRequests implements ApprovalType {
  /** The directory check is queued, running, or how it ended (stored in check_state). */
  static final String CHECK_QUEUED = "QUEUED";

  static final String CHECK_RUNNING = "CHECKING";
  static final String CHECK_VOUCHED = "VOUCHED";
  static final String CHECK_DOUBT = "DOUBT";

  @Inject Approvals approvals;
  @Inject Audit audit;
  @Inject Clock wall;
  @Inject DubanConfig config;
  @Inject BotRegistry bots;
  @Inject Directories directories;
  @Inject Outbox outbox;
  @Inject Event<CheckQueued> checkQueued;

  /** A request waits for the platform's directory (observed after commit by {@link BindCheck}). */
  public record CheckQueued(long requestId) {}

  @Override
  public ApprovalKind kind() {
    return ApprovalKind.BIND;
  }

  /**
   * The answer to 绑定 from a sender who is not a contact: opens (or keeps) a request and says the
   * same thing whatever the mobile is. Runs in the message's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String request(IncomingMessage m, String mobile) {
    Platform platform = m.platform();
    if (Identities.stored(platform, Identities.botScope(platform, m.botId()), m.senderId())
        .isPresent()) {
      return "您的账号已绑定到一位已停用的联系人。请联系管理员处理。";
    }
    Instant now = wall.instant();
    long bySender =
        BindAttempt.count(
            "platform = ?1 and senderId = ?2 and outcome = ?3 and attemptedAt > ?4",
            platform.key(),
            m.senderId(),
            BindAttempt.ACCEPTED,
            now.minus(Duration.ofHours(1)));
    if (bySender >= config.bind().perSenderPerHour()) {
      record(m, mobile, BindAttempt.SENDER_LIMIT, null, now);
      return "绑定申请太频繁：每个账号每小时最多 " + config.bind().perSenderPerHour() + " 次。请一小时后再试，或请管理员把您加入联系人。";
    }
    long byMobile =
        BindAttempt.count(
            "mobile = ?1 and outcome = ?2 and attemptedAt > ?3",
            mobile,
            BindAttempt.ACCEPTED,
            now.minus(Duration.ofDays(1)));
    if (byMobile >= config.bind().perMobilePerDay()) {
      record(m, mobile, BindAttempt.MOBILE_LIMIT, null, now);
      return "手机号 "
          + ContactRules.maskMobile(mobile)
          + " 今天的绑定申请已达 "
          + config.bind().perMobilePerDay()
          + " 次上限。请明天再试，或请管理员把您加入联系人。";
    }
    ApprovalRequest open = openRequestOf(m);
    if (open != null && open.subject.equals(mobile)) {
      record(m, mobile, BindAttempt.ACCEPTED, open.id, now);
      return received(open);
    }
    if (open != null) {
      approvals.cancel(open, "申请人提交了新的绑定申请");
    }
    ApprovalRequest r =
        approvals.open(
            new Approvals.Draft(
                ApprovalKind.BIND,
                platform.key(),
                m.botId(),
                m.chatId(),
                m.senderId(),
                m.senderName(),
                mobile));
    Contact contact = activeByMobile(mobile).orElse(null);
    r.contactId = contact == null ? null : contact.id;
    record(m, mobile, BindAttempt.ACCEPTED, r.id, now);
    Optional<BotSpec> bot = bots.bot(r.botId);
    boolean checkable =
        contact != null
            && !contact.has(Role.ADMIN)
            && bot.isPresent()
            && directories.forBot(bot.get()).isPresent();
    if (checkable) {
      r.checkState = CHECK_QUEUED;
      checkQueued.fire(new CheckQueued(r.id));
    } else {
      approvals.askAdmins(r, whyAsked(contact, platform));
    }
    return received(r);
  }

  private static String whyAsked(Contact contact, Platform platform) {
    if (contact == null) {
      return "通讯录中没有这个手机号：如是新同事，请先在 contacts.yaml 或联系人 API 中登记，再批准。";
    }
    if (contact.has(Role.ADMIN)) {
      return "这是管理员账号，只能由另一位管理员批准。请先与本人电话核实。";
    }
    return "无法通过" + platform.label() + "通讯录核实（机器人没有通讯录权限或未配置应用凭据），请与本人核实后再批准。";
  }

  /** The one answer to an accepted 绑定, whatever the mobile is. */
  private String received(ApprovalRequest r) {
    return "已收到绑定申请 #"
        + r.id
        + "（手机号 "
        + ContactRules.maskMobile(r.subject)
        + "）。核实身份后即完成绑定，结果会在这里通知您；申请"
        + hours()
        + "内有效。";
  }

  private String hours() {
    long h = config.approvals().expiry().toHours();
    return h == 24 ? "一天" : h + " 小时";
  }

  private ApprovalRequest openRequestOf(IncomingMessage m) {
    return ApprovalRequest.<ApprovalRequest>find(
            "kind = ?1 and status = ?2 and platform = ?3 and senderId = ?4 and botId = ?5"
                + " order by id desc",
            ApprovalKind.BIND,
            ApprovalStatus.PENDING,
            m.platform().key(),
            m.senderId(),
            m.botId() == null ? BotsFile.CONSOLE_BOT : m.botId())
        .firstResult();
  }

  private void record(IncomingMessage m, String mobile, String outcome, Long request, Instant now) {
    BindAttempt a = new BindAttempt();
    a.platform = m.platform().key();
    a.botId = m.botId() == null ? "" : m.botId();
    a.senderId = m.senderId();
    a.senderName = m.senderName() == null || m.senderName().length() <= 100 ? m.senderName() : null;
    a.mobile = mobile;
    a.outcome = outcome;
    a.requestId = request;
    a.attemptedAt = now;
    a.persist();
    audit.record(
        m.platform().label() + " " + m.senderId(),
        "bind.attempt",
        "手机号 " + ContactRules.maskMobile(mobile),
        switch (outcome) {
          case BindAttempt.SENDER_LIMIT -> "已拒绝：该账号一小时内申请次数已达上限";
          case BindAttempt.MOBILE_LIMIT -> "已拒绝：该手机号一天内被申请次数已达上限";
          default -> "已受理，申请 #" + request;
        });
  }

  /** The active contact registered with this mobile. */
  static Optional<Contact> activeByMobile(String mobile) {
    return Contact.<Contact>find("mobile = ?1 and active = true", mobile).firstResultOptional();
  }

  // ------------------------------------------------------------------ the approval type

  @Override
  public String describe(ApprovalRequest r) {
    Platform p = Platform.fromKey(r.platform).orElse(Platform.CONSOLE);
    String who =
        p.label()
            + "账号 "
            + r.senderId
            + (r.senderName == null || r.senderName.isBlank() ? "" : "（" + r.senderName + "）");
    // a decided request names whom it was granted to; an open one whom the mobile names now
    Contact c =
        r.status == ApprovalStatus.APPROVED && r.contactId != null
            ? Contact.findById(r.contactId)
            : activeByMobile(r.subject).orElse(null);
    String target = c == null ? "通讯录中没有这个手机号" : c.name + "（" + c.unit.name + "，" + roles(c) + "）";
    return who + " 申请绑定手机号 " + ContactRules.maskMobile(r.subject) + " → " + target;
  }

  @Override
  public Grant grant(ApprovalRequest r, Decider decider) {
    Platform platform = Platform.fromKey(r.platform).orElse(Platform.CONSOLE);
    Optional<Contact> found = activeByMobile(r.subject);
    if (found.isEmpty()) {
      return Grant.refused(
          "通讯录中没有手机号 "
              + ContactRules.maskMobile(r.subject)
              + " 的联系人，无法批准。请先在 contacts.yaml 或联系人 API 中登记此人，再发送“批准 "
              + r.id
              + "”。");
    }
    Contact contact = found.get();
    if (contact.id.equals(decider.contactId())) {
      return Grant.refused("不能批准绑定到您本人的申请，请由另一位管理员审批。");
    }
    if (decider.via() == DecidedVia.PLATFORM && contact.has(Role.ADMIN)) {
      return Grant.refused("管理员账号只能由另一位管理员批准。");
    }
    String scope = Identities.botScope(platform, r.botId);
    if (Identities.hasIdFor(contact, platform, scope)) {
      return Grant.refused(
          contact.name
              + " 已绑定了"
              + platform.label()
              + "账号，不能再绑定。如需更换，请先移除旧账号（DELETE /api/contacts/"
              + contact.code
              + "/ids/"
              + platform.key()
              + "）。");
    }
    ContactIdentity owner = Identities.stored(platform, scope, r.senderId).orElse(null);
    if (owner != null) {
      return Grant.refused("该" + platform.label() + "账号已属于联系人 " + owner.contact.name + "。");
    }
    ContactIdentity identity = new ContactIdentity();
    identity.contact = contact;
    identity.platform = platform.key();
    identity.botId = scope;
    identity.externalId = r.senderId;
    identity.origin = ContactService.ORIGIN_BIND;
    identity.createdAt = wall.instant();
    identity.approvalId = r.id;
    contact.identities.add(identity);
    identity.persist();
    r.contactId = contact.id;
    audit.record(
        decider.label(),
        "contact.bound",
        "联系人 " + contact.code,
        "申请 #" + r.id + "：" + platform.label() + "账号 " + r.senderId + "（" + decider.label() + "）");
    return Grant.done(
        "已批准 #"
            + r.id
            + "："
            + platform.label()
            + "账号 "
            + r.senderId
            + (r.senderName == null ? "" : "（" + r.senderName + "）")
            + " 已绑定为 "
            + contact.name
            + "（"
            + contact.unit.name
            + "）。");
  }

  @Override
  public String outcomeForRequester(ApprovalRequest r) {
    Contact c = r.contactId == null ? null : Contact.findById(r.contactId);
    return switch (r.status) {
      case APPROVED ->
          "绑定申请 #"
              + r.id
              + " 已通过：您已绑定为 "
              + (c == null ? "联系人" : c.name + "（" + c.unit.name + "）")
              + "。发送“帮助”查看可用的命令。";
      case REJECTED -> "绑定申请 #" + r.id + " 未获批准：" + r.reason + "。如有疑问，请联系管理员。";
      case EXPIRED -> "绑定申请 #" + r.id + " 已过期（" + hours() + "内未获确认）。如需绑定，请联系管理员。";
      default -> null;
    };
  }

  /** Tells the admins a binding the platform vouched for (nobody approved it by hand). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vouchedNotice(ApprovalRequest r, String platformLabel) {
    Contact c = Contact.findById(r.contactId);
    outbox.enqueue(
        Outbox.Draft.of(
                bots.adminRoute(),
                MessageKind.ADMIN_ALERT,
                "【督办】新绑定（"
                    + platformLabel
                    + "已核实手机号）："
                    + c.name
                    + "（"
                    + c.unit.name
                    + "，"
                    + c.code
                    + "）绑定了账号 "
                    + r.senderId
                    + "，申请 #"
                    + r.id
                    + "。如有疑问，可用 DELETE /api/contacts/"
                    + c.code
                    + "/ids/"
                    + r.platform
                    + " 移除。")
            .dedupe("approval:" + r.id + ":vouched"));
  }

  private static String roles(Contact c) {
    List<String> labels = c.roleSet().stream().map(Role::label).toList();
    return String.join("、", labels);
  }
}
