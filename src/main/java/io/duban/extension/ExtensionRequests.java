package io.duban.extension;

import io.duban.approval.ApprovalKind;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.ApprovalType;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.audit.Audit;
import io.duban.calendar.ReportingPeriod;
import io.duban.chat.IncomingMessage;
import io.duban.plan.Plan;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * 申请延期 as a request of the one approval mechanism (kind 延期): a reporter asks for a later deadline
 * of one target, or of all the unit's targets, in the current period; a leader or an admin grants
 * it (同意延期 n) or refuses it (不同意 n 原因). Granting stores a {@link DeadlineExtension}, which {@link
 * Deadlines} then applies to that unit only. A request waits until the end of the day it asks for
 * (plan time): after that it is moot and expires.
 *
 * <p>The subject holds {@code unitId|targetId or *|periodKey|newDate|periodLabel|oldDeadline}; the
 * note holds the reason.
 */
@ApplicationScoped
public class ExtensionRequests implements ApprovalType {
  /** Longest reason kept. */
  public static final int MAX_REASON = 200;

  /** An extension reaches at most this many days past the period's own deadline. */
  public static final int MAX_DAYS = 30;

  @Inject Approvals approvals;
  @Inject Deadlines deadlines;
  @Inject Audit audit;
  @Inject Clock wall;
  @Inject PlanClock planClock;

  /** What a request asks for, read back from its subject. */
  record Asked(
      long unitId,
      Long targetId,
      String periodKey,
      LocalDate newDeadline,
      String periodLabel,
      LocalDate oldDeadline) {
    String subject() {
      return unitId
          + "|"
          + (targetId == null ? "*" : targetId)
          + "|"
          + periodKey
          + "|"
          + newDeadline
          + "|"
          + periodLabel
          + "|"
          + oldDeadline;
    }

    static Asked of(ApprovalRequest r) {
      String[] f = r.subject.split("\\|", -1);
      return new Asked(
          Long.parseLong(f[0]),
          f[1].equals("*") ? null : Long.valueOf(f[1]),
          f[2],
          LocalDate.parse(f[3]),
          f[4],
          LocalDate.parse(f[5]));
    }

    /** "unitId|target|period|": the prefix of every request about the same deadline. */
    String sameDeadline() {
      return unitId + "|" + (targetId == null ? "*" : targetId) + "|" + periodKey + "|";
    }
  }

  /** Who asks, for what: the unit, its target (null: all its targets) and the period. */
  public record Ask(
      IncomingMessage message,
      Long contactId,
      Plan plan,
      Unit unit,
      Target target,
      ReportingPeriod period,
      LocalDate today,
      LocalDate date,
      String reason) {}

  /** The answer to 申请延期: opens a request (replacing an open one for the same deadline). */
  @Transactional(Transactional.TxType.MANDATORY)
  public String request(Ask a) {
    String bad = check(a);
    if (bad != null) {
      return bad;
    }
    Long targetId = a.target() == null ? null : a.target().id;
    LocalDate current = deadlines.deadline(a.unit().id, targetId, a.period());
    Asked asked =
        new Asked(a.unit().id, targetId, a.period().key(), a.date(), a.period().label(), current);
    List<ApprovalRequest> open =
        ApprovalRequest.list(
            "kind = ?1 and status = ?2 and subject like ?3 order by id",
            ApprovalKind.EXTENSION,
            ApprovalStatus.PENDING,
            asked.sameDeadline() + "%");
    for (ApprovalRequest o : open) {
      approvals.cancel(o, "申请人提交了新的延期申请");
    }
    IncomingMessage m = a.message();
    ApprovalRequest r =
        approvals.open(
            new Approvals.Draft(
                ApprovalKind.EXTENSION,
                m.platform().key(),
                m.botId(),
                m.chatId(),
                m.senderId(),
                m.senderName(),
                asked.subject()));
    r.note = a.reason();
    r.contactId = a.contactId();
    // moot once the day asked for has passed (plan time)
    r.expiresAt = planClock.toWall(a.date().plusDays(1).atStartOfDay());
    approvals.askAdmins(r, "原因：" + a.reason());
    return "已提交延期申请 #"
        + r.id
        + "："
        + what(a.unit().name, a.target() == null ? null : a.target().name, asked)
        + "，待领导或督查室审批。"
        + (open.isEmpty() ? "" : "（之前的申请 #" + open.get(0).id + " 已作废）");
  }

  /** Null when the date and the reason may be asked for; else the refusal. */
  private String check(Ask a) {
    ReportingPeriod p = a.period();
    if (p == null) {
      return "今天不在计划期内，不能申请延期。";
    }
    if (a.reason() == null || a.reason().isBlank()) {
      return "请写明延期原因，例如：申请延期 本期 " + date(p.deadline().plusDays(7)) + " 数据需统计局核对";
    }
    if (a.reason().length() > MAX_REASON) {
      return "延期原因太长（最多 " + MAX_REASON + " 个字）。";
    }
    Long targetId = a.target() == null ? null : a.target().id;
    LocalDate current = deadlines.deadline(a.unit().id, targetId, p);
    if (!a.date().isAfter(current)) {
      return "延期日期须晚于目前的截止日 " + date(current) + "。";
    }
    if (!a.date().isAfter(a.today())) {
      return "延期日期须晚于今天（" + date(a.today()) + "）。";
    }
    LocalDate latest = latest(p, a.plan());
    if (a.date().isAfter(latest)) {
      return "延期最多到 " + date(latest) + "（原截止日后 " + MAX_DAYS + " 天内，且不晚于计划结束日）。";
    }
    return null;
  }

  /** The latest date an extension of {@code p} may reach. */
  static LocalDate latest(ReportingPeriod p, Plan plan) {
    LocalDate cap = p.deadline().plusDays(MAX_DAYS);
    return plan != null && plan.periodEnd != null && plan.periodEnd.isBefore(cap)
        ? plan.periodEnd
        : cap;
  }

  // ------------------------------------------------------------------ the approval type

  @Override
  public ApprovalKind kind() {
    return ApprovalKind.EXTENSION;
  }

  @Override
  public String statusLabel(ApprovalStatus status) {
    return switch (status) {
      case APPROVED -> "已同意";
      case REJECTED -> "未获同意";
      default -> status.label();
    };
  }

  @Override
  public String mayDecide(Decider decider) {
    return decider.admin() || decider.leader() ? null : "只有领导或管理员可以审批延期申请。";
  }

  @Override
  public String approveWord() {
    return "同意延期";
  }

  @Override
  public String rejectWord() {
    return "不同意";
  }

  @Override
  public String describe(ApprovalRequest r) {
    Asked a = Asked.of(r);
    return what(unitName(a), targetName(a), a)
        + "（原截止 "
        + date(a.oldDeadline())
        + "）"
        + (r.note == null ? "" : "，原因：" + r.note)
        + (r.senderName == null ? "" : "，申请人 " + r.senderName);
  }

  @Override
  public Grant grant(ApprovalRequest r, Decider decider) {
    Asked a = Asked.of(r);
    DeadlineExtension e = new DeadlineExtension();
    e.unitId = a.unitId();
    e.targetId = a.targetId();
    e.periodKey = a.periodKey();
    e.newDeadline = a.newDeadline();
    e.reason = r.note == null ? "" : r.note;
    e.approvalId = r.id;
    e.grantedAt = wall.instant();
    e.grantedBy =
        decider.label().length() <= 128 ? decider.label() : decider.label().substring(0, 128);
    e.persist();
    String what = what(unitName(a), targetName(a), a);
    audit.record(decider.label(), "deadline.extended", "申请 #" + r.id, what);
    return Grant.done("已同意延期 #" + r.id + "：" + what + "。");
  }

  @Override
  public String outcomeForRequester(ApprovalRequest r) {
    Asked a = Asked.of(r);
    String what = what(unitName(a), targetName(a), a);
    return switch (r.status) {
      case APPROVED -> "延期申请 #" + r.id + " 已同意：" + what + "。";
      case REJECTED ->
          "延期申请 #" + r.id + " 未获同意：" + r.reason + "。截止日仍为 " + date(a.oldDeadline()) + "，请按时报送。";
      case EXPIRED -> "延期申请 #" + r.id + " 到 " + date(a.newDeadline()) + " 仍未审批，已过期，截止日不变。";
      default -> null;
    };
  }

  /** "人社局 新增就业岗位 2018年6月截止日延至 7月5日" (or "人社局 2018年6月全部目标截止日延至 …"). */
  static String what(String unit, String target, Asked a) {
    return unit
        + " "
        + (target == null ? a.periodLabel() + "全部目标" : target + " " + a.periodLabel())
        + "截止日延至 "
        + date(a.newDeadline());
  }

  private static String unitName(Asked a) {
    Unit u = Unit.findById(a.unitId());
    return u == null ? "单位 " + a.unitId() : u.name;
  }

  private static String targetName(Asked a) {
    if (a.targetId() == null) {
      return null;
    }
    Target t = Target.findById(a.targetId());
    return t == null ? "目标 " + a.targetId() : t.name;
  }

  /** "7月5日". */
  public static String date(LocalDate d) {
    return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }
}
