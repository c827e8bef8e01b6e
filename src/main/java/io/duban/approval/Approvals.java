package io.duban.approval;

import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.audit.Audit;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotsFile;
import io.duban.chat.Mention;
import io.duban.chat.Platform;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.config.DubanConfig;
import io.duban.config.NotReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one approval mechanism: requests are opened by a feature (绑定 today), listed, approved or
 * rejected by an admin in chat, on the dashboard or through the API, or expire after {@code
 * duban.approvals.expiry}. Every step is audited and the requester is told the outcome in the chat
 * they asked from. A request is locked while it is decided, so two admins cannot both decide it.
 */
@ApplicationScoped
public class Approvals {
  /** Longest 驳回 reason kept (it is echoed to the requester). */
  public static final int MAX_REASON = 200;

  private static final Logger LOG = Logger.getLogger(Approvals.class);

  /** The refusal of a decision by someone who may decide no kind of request. */
  public static final String NOT_A_DECIDER = "只有管理员可以审批申请。";

  @Inject EntityManager em;
  @Inject Audit audit;
  @Inject Outbox outbox;
  @Inject BotRegistry bots;
  @Inject Clock wall;
  @Inject DubanConfig config;
  @Inject @Any Instance<ApprovalType> types;

  private final Map<ApprovalKind, ApprovalType> byKind = new EnumMap<>(ApprovalKind.class);

  @PostConstruct
  void index() {
    for (ApprovalType t : types) {
      if (byKind.put(t.kind(), t) != null) {
        throw new IllegalStateException("申请类型 " + t.kind() + " 有两个处理器");
      }
    }
  }

  /** What to open: who asks, from where, for what. */
  public record Draft(
      ApprovalKind kind,
      String platform,
      String botId,
      String chatId,
      String senderId,
      String senderName,
      String subject) {}

  /** The answer to a decision: whether it took effect, and the sentence for the decider. */
  public record Outcome(boolean done, String text) {}

  /** Opens a request in the caller's transaction (audited); the caller tells whom it must. */
  @Transactional(Transactional.TxType.MANDATORY)
  public ApprovalRequest open(Draft d) {
    Instant now = wall.instant();
    ApprovalRequest r = new ApprovalRequest();
    r.kind = d.kind();
    r.status = ApprovalStatus.PENDING;
    r.platform = d.platform();
    r.botId = d.botId() == null ? BotsFile.CONSOLE_BOT : d.botId();
    r.chatId = d.chatId();
    r.senderId = d.senderId();
    r.senderName = cut(d.senderName(), 100);
    r.subject = d.subject();
    r.createdAt = now;
    r.expiresAt = now.plus(type(r.kind).expiry(config.approvals().expiry()));
    r.persist();
    audit.record(
        requesterLabel(r), "approval.requested", subject(r), type(r.kind).describe(r) + "（待审批）");
    return r;
  }

  /** Closes a request the requester replaced with a new one (no message: they just asked). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void cancel(ApprovalRequest r, String why) {
    if (!r.pending()) {
      return;
    }
    r.status = ApprovalStatus.CANCELLED;
    r.decidedAt = wall.instant();
    r.decidedBy = requesterLabel(r);
    r.decidedVia = DecidedVia.REQUESTER;
    r.reason = why;
    audit.record(requesterLabel(r), "approval.cancelled", subject(r), why);
  }

  /** Pending requests, oldest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<ApprovalRequest> pending(int limit) {
    return pending(EnumSet.allOf(ApprovalKind.class), limit);
  }

  /** Pending requests of the given kinds, oldest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<ApprovalRequest> pending(Set<ApprovalKind> kinds, int limit) {
    if (kinds.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select r from ApprovalRequest r where r.status = :s and r.kind in :k order by r.id",
            ApprovalRequest.class)
        .setParameter("s", ApprovalStatus.PENDING)
        .setParameter("k", kinds)
        .setMaxResults(limit)
        .getResultList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public long pendingCount() {
    return ApprovalRequest.count("status", ApprovalStatus.PENDING);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public long pendingCount(Set<ApprovalKind> kinds) {
    return kinds.isEmpty()
        ? 0
        : ApprovalRequest.count("status = ?1 and kind in ?2", ApprovalStatus.PENDING, kinds);
  }

  /** The kinds {@code decider} may decide (what their 待审批 lists). */
  public Set<ApprovalKind> decidable(Decider decider) {
    Set<ApprovalKind> out = EnumSet.noneOf(ApprovalKind.class);
    byKind.forEach(
        (kind, t) -> {
          if (t.mayDecide(decider) == null) {
            out.add(kind);
          }
        });
    return out;
  }

  /** The words a request of {@code kind} is granted and refused with (批准/驳回, 通过/退回). */
  public String[] words(ApprovalKind kind) {
    ApprovalType t = type(kind);
    return new String[] {t.approveWord(), t.rejectWord()};
  }

  /** Recent requests of any status, newest first (the API and the dashboard). */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<ApprovalRequest> recent(ApprovalStatus status, int limit) {
    String where = status == null ? "" : " where r.status = :s";
    var q =
        em.createQuery(
            "select r from ApprovalRequest r" + where + " order by r.id desc",
            ApprovalRequest.class);
    if (status != null) {
      q.setParameter("s", status);
    }
    return q.setMaxResults(limit).getResultList();
  }

  /** One line describing a request, as lists show it. */
  public String describe(ApprovalRequest r) {
    return type(r.kind).describe(r);
  }

  /** Grants request {@code id} if the decider may; the request is locked meanwhile. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Outcome approve(long id, Decider decider) {
    if (!decider.mayDecideAny()) {
      return new Outcome(false, NOT_A_DECIDER);
    }
    ApprovalRequest r = lockOpen(id);
    String closed = closedReason(r, id);
    if (closed != null) {
      return new Outcome(false, closed);
    }
    String refusal = type(r.kind).mayDecide(decider);
    if (refusal != null) {
      return new Outcome(false, refusal);
    }
    return grant(r, decider);
  }

  /**
   * Grants a locked, open request: the kind's effect, the status, the audit, the requester told.
   */
  private Outcome grant(ApprovalRequest r, Decider decider) {
    ApprovalType.Grant grant = type(r.kind).grant(r, decider);
    if (!grant.done()) {
      audit.record(decider.label(), "approval.refused", subject(r), grant.text());
      return new Outcome(false, grant.text());
    }
    close(r, ApprovalStatus.APPROVED, decider, null);
    audit.record(decider.label(), "approval.approved", subject(r), type(r.kind).describe(r));
    tellRequester(r);
    return new Outcome(true, grant.text());
  }

  /** Rejects request {@code id} with a reason, which the requester is told. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Outcome reject(long id, Decider decider, String reason) {
    if (!decider.mayDecideAny()) {
      return new Outcome(false, NOT_A_DECIDER);
    }
    String why = reason == null ? "" : reason.strip();
    ApprovalRequest r = lockOpen(id);
    String closed = closedReason(r, id);
    if (closed != null) {
      return new Outcome(false, closed);
    }
    ApprovalType t = type(r.kind);
    String refusal = t.mayDecide(decider);
    if (refusal != null) {
      return new Outcome(false, refusal);
    }
    String word = t.rejectWord();
    if (why.isEmpty()) {
      return new Outcome(false, "请写明" + word + "原因（会告诉申请人），例如：" + word + " " + id + " <原因>");
    }
    if (why.length() > MAX_REASON) {
      return new Outcome(false, word + "原因太长（最多 " + MAX_REASON + " 个字）。");
    }
    close(r, ApprovalStatus.REJECTED, decider, why);
    t.rejected(r, decider, why);
    audit.record(decider.label(), "approval.rejected", subject(r), why);
    tellRequester(r);
    return new Outcome(true, "已" + word + " #" + r.id + "（" + t.describe(r) + "），已告知申请人。");
  }

  /**
   * Grants a request on the service's own evidence (a platform directory named the requester as the
   * holder of the mobile): no person's approval, audited as the platform's.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Outcome approveByPlatform(long id, String platformLabel) {
    ApprovalRequest r = lockOpen(id);
    if (r == null || !r.pending() || !r.expiresAt.isAfter(wall.instant())) {
      return new Outcome(false, "申请已不在待审批状态");
    }
    return grant(r, Decider.platform(platformLabel));
  }

  /** Tells the admin route about a request that waits for them. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void askAdmins(ApprovalRequest r, String why) {
    ApprovalType t = type(r.kind);
    String text =
        "【督办】"
            + r.kind.label()
            + "申请 #"
            + r.id
            + " 待审批："
            + t.describe(r)
            + (why == null || why.isEmpty() ? "" : "\n" + why)
            + "\n回复“"
            + t.approveWord()
            + " "
            + r.id
            + "”或“"
            + t.rejectWord()
            + " "
            + r.id
            + " <原因>”，也可在看板“待审批”中处理"
            + expiryNote(r)
            + "。";
    outbox.enqueue(
        Outbox.Draft.of(bots.adminRoute(), MessageKind.ADMIN_ALERT, text)
            .dedupe("approval:" + r.id + ":ask"));
  }

  /** Closes every pending request past its expiry; each requester is told. */
  @Scheduled(
      every = "${duban.approvals.interval:1m}",
      delayed = "20s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void expireScheduled() {
    expireDue();
  }

  /** Expires what is due now; returns how many (tests call it directly). */
  public int expireDue() {
    List<Long> due =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select r.id from ApprovalRequest r where r.status = :s"
                                + " and r.expiresAt <= :now order by r.id",
                            Long.class)
                        .setParameter("s", ApprovalStatus.PENDING)
                        .setParameter("now", wall.instant())
                        .setMaxResults(500)
                        .getResultList());
    int n = 0;
    for (Long id : due) {
      try {
        if (QuarkusTransaction.requiringNew().call(() -> expire(id))) {
          n++;
        }
      } catch (RuntimeException e) {
        LOG.warnf("申请 #%d 过期处理失败：%s", id, e.toString());
      }
    }
    return n;
  }

  private boolean expire(long id) {
    ApprovalRequest r = lockOpen(id);
    if (r == null || !r.pending() || r.expiresAt.isAfter(wall.instant())) {
      return false;
    }
    close(r, ApprovalStatus.EXPIRED, Decider.system(), null);
    type(r.kind).expired(r);
    audit.record("系统", "approval.expired", subject(r), type(r.kind).describe(r));
    tellRequester(r);
    return true;
  }

  private ApprovalRequest lockOpen(long id) {
    ApprovalRequest unlocked = em.find(ApprovalRequest.class, id);
    if (unlocked == null) {
      return null;
    }
    type(unlocked.kind).lockBeforeDeciding(unlocked);
    em.refresh(unlocked, LockModeType.PESSIMISTIC_WRITE);
    return unlocked;
  }

  /** Null when the request can be decided now; else why not (an expired one is closed here). */
  private String closedReason(ApprovalRequest r, long id) {
    if (r == null) {
      return "没有编号为 " + id + " 的申请。发送“待审批”查看待处理的申请。";
    }
    if (r.pending() && !r.expiresAt.isAfter(wall.instant())) {
      close(r, ApprovalStatus.EXPIRED, Decider.system(), null);
      type(r.kind).expired(r);
      audit.record("系统", "approval.expired", subject(r), type(r.kind).describe(r));
      tellRequester(r);
      return "申请 #" + id + " 已过期，已告知申请人。";
    }
    if (!r.pending()) {
      String why =
          r.status == ApprovalStatus.CANCELLED && r.reason != null
              ? r.reason
              : r.decidedBy == null ? "" : r.decidedBy;
      return "申请 #"
          + id
          + " "
          + type(r.kind).statusLabel(r.status)
          + (why.isEmpty() ? "" : "（" + why + "）")
          + "，不能再处理。";
    }
    return null;
  }

  /** "；一天内未处理即过期" for kinds that expire within a year, else nothing. */
  private String expiryNote(ApprovalRequest r) {
    long h = java.time.Duration.between(r.createdAt, r.expiresAt).toHours();
    return h >= 24 * 365 ? "" : "；" + hours(h) + "内未处理即过期";
  }

  private void close(ApprovalRequest r, ApprovalStatus status, Decider d, String reason) {
    r.status = status;
    r.decidedAt = wall.instant();
    r.decidedBy = cut(d.label(), 128);
    r.decidedVia = d.via();
    r.reason = reason;
  }

  private void tellRequester(ApprovalRequest r) {
    String text = type(r.kind).outcomeForRequester(r);
    if (text == null) {
      return;
    }
    String bot = bots.bot(r.botId).isPresent() ? r.botId : BotsFile.CONSOLE_BOT;
    outbox.enqueue(
        Outbox.Draft.of(new Route(bot, r.chatId), MessageKind.APPROVAL, text)
            .mention(List.of(new Mention(r.senderName, null, r.senderId)))
            .dedupe("approval:" + r.id + ":" + r.status));
  }

  private ApprovalType type(ApprovalKind kind) {
    ApprovalType t = byKind.get(kind);
    if (t == null) {
      throw new IllegalStateException("申请类型 " + kind + " 没有处理器");
    }
    return t;
  }

  /** "钉钉 dt-xxx（张三）": the requester as the audit names them (they are not a contact yet). */
  public static String requesterLabel(ApprovalRequest r) {
    String platform = Platform.fromKey(r.platform).map(Platform::label).orElse(r.platform);
    return platform + " " + r.senderId + (r.senderName == null ? "" : "（" + r.senderName + "）");
  }

  static String subject(ApprovalRequest r) {
    return "申请 #" + r.id;
  }

  static String hours(long h) {
    return h % 24 == 0 ? (h / 24 == 1 ? "一天" : h / 24 + " 天") : h + " 小时";
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
