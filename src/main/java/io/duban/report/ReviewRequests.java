package io.duban.report;

import io.duban.approval.ApprovalKind;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.ApprovalType;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.audit.Audit;
import io.duban.chat.BotRegistry;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.plan.Target;
import io.duban.report.ReportService.Reporter;
import io.duban.report.ReportService.Source;
import io.duban.text.Formats;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * 审核: a figure reported for a plan or project under review is stored PENDING and opens a request of
 * kind {@link ApprovalKind#REVIEW}; it counts as reported but not in the figures until an admin
 * passes it (通过), and a returned one (退回) is not reported at all. A newer figure of the same unit
 * and target supersedes a pending one; withdrawing it cancels its request.
 */
@ApplicationScoped
public class ReviewRequests implements ApprovalType {
  /** The subject of a review request: the report's id after this prefix. */
  static final String SUBJECT = "report:";

  /** Longest list of figures in one ask to the admins. */
  static final int ASK_LINES = 8;

  @Inject Approvals approvals;
  @Inject ReportService reports;
  @Inject Audit audit;
  @Inject Outbox outbox;
  @Inject BotRegistry bots;
  @Inject PlanClock planClock;
  @Inject TransactionSynchronizationRegistry transactions;
  @Inject EntityManager em;

  /** The requests opened in a {@link #batched} piece of work, asked about together. */
  private static final class Batch {
    final List<ApprovalRequest> opened = new ArrayList<>();
    boolean open = true;
  }

  /** Whether figures reported for {@code target} wait for 审核 (its project's or plan's setting). */
  public static boolean applies(Target target) {
    return target.project != null && target.project.reviewed();
  }

  @Override
  public ApprovalKind kind() {
    return ApprovalKind.REVIEW;
  }

  /**
   * Runs {@code work} (the figures of one message) and asks the admins once about every figure it
   * put under review, instead of once per figure.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public <T> T batched(Supplier<T> work) {
    if (current() != null) {
      return work.get();
    }
    Batch batch = new Batch();
    transactions.putResource(Batch.class, batch);
    try {
      return work.get();
    } finally {
      batch.open = false;
      ask(batch.opened);
    }
  }

  /** Opens the request of a pending figure, in the reporting transaction. */
  void open(Report r, Reporter who, Source from) {
    ApprovalRequest a =
        approvals.open(
            new Approvals.Draft(
                ApprovalKind.REVIEW,
                from.platform() == null ? "console" : from.platform(),
                from.botId(),
                from.chatId(),
                from.senderId() == null ? "system" : from.senderId(),
                who.name(),
                SUBJECT + r.id));
    a.contactId = who.contact() == null ? null : who.contact().id;
    r.approvalId = a.id;
    Batch batch = current();
    if (batch != null) {
      batch.opened.add(a);
    } else {
      approvals.askAdmins(a, null);
    }
  }

  /**
   * A new figure of the unit replaces the one that waits for review (its request is cancelled).
   * True when there was one: the state is then rebuilt.
   */
  boolean supersede(TargetState s, Report newer) {
    if (s.pendingReportId == null) {
      return false;
    }
    Report old = Report.findById(s.pendingReportId);
    if (old == null || old.review != ReviewState.PENDING || old.withdrawn) {
      return true;
    }
    old.review = ReviewState.SUPERSEDED;
    ApprovalRequest a = request(old);
    if (a != null) {
      approvals.cancel(a, "同一单位对该目标报了新的数（上报 #" + newer.id + "），以新数为准");
    }
    return true;
  }

  /** A withdrawn figure that waited for review no longer does. */
  void withdrawn(Report r) {
    if (r.review == ReviewState.PENDING) {
      ApprovalRequest a = request(r);
      if (a != null) {
        approvals.cancel(a, "上报人已撤销该上报");
      }
    }
  }

  private Batch current() {
    Batch b = (Batch) transactions.getResource(Batch.class);
    return b != null && b.open ? b : null;
  }

  private void ask(List<ApprovalRequest> opened) {
    if (opened.isEmpty()) {
      return;
    }
    if (opened.size() == 1) {
      approvals.askAdmins(opened.get(0), null);
      return;
    }
    StringBuilder text =
        new StringBuilder("【督办】")
            .append(opened.size())
            .append(" 个上报待审核（")
            .append(ApprovalKind.REVIEW.label())
            .append("申请）：");
    for (int i = 0; i < opened.size() && i < ASK_LINES; i++) {
      ApprovalRequest a = opened.get(i);
      text.append("\n#").append(a.id).append(' ').append(describe(a));
    }
    if (opened.size() > ASK_LINES) {
      text.append("\n……另有 ").append(opened.size() - ASK_LINES).append(" 项");
    }
    text.append("\n回复“通过 <编号>”或“退回 <编号> <原因>”；发送“审核”查看全部，也可在看板“待审批”中处理。");
    outbox.enqueue(
        Outbox.Draft.of(bots.adminRoute(), MessageKind.ADMIN_ALERT, text.toString())
            .dedupe("approval:" + opened.get(0).id + ":ask"));
  }

  // ------------------------------------------------------------------ the approval type

  @Override
  public String describe(ApprovalRequest a) {
    Report r = report(a);
    if (r == null) {
      return "上报 " + a.subject + "（记录已不存在）";
    }
    return r.unit.name + " " + figureText(r) + "（" + who(r) + "）";
  }

  @Override
  public String mayDecide(Decider decider) {
    return decider.admin() ? null : "只有管理员（督查室）可以审核上报。";
  }

  @Override
  public String statusLabel(ApprovalStatus status) {
    return switch (status) {
      case APPROVED -> "已通过";
      case REJECTED -> "已退回";
      default -> status.label();
    };
  }

  @Override
  public void lockBeforeDeciding(ApprovalRequest unlocked) {
    Report r = report(unlocked);
    if (r != null) {
      reports.lock(r.target); // a new figure locks the target, then cancels the request it replaces
    }
  }

  @Override
  public Grant grant(ApprovalRequest a, Decider decider) {
    Report r = report(a);
    if (r == null) {
      return Grant.refused("上报记录不存在，无法通过 #" + a.id + "。");
    }
    reports.lock(r.target);
    em.refresh(r); // as it stands under the target's lock (a newer figure may have replaced it)
    if (r.withdrawn || r.review != ReviewState.PENDING) {
      approvals.cancel(a, r.withdrawn ? "上报人已撤销该上报" : "该上报已不在待审核状态");
      return Grant.refused("#" + a.id + " 的上报已撤销或已被新数替代，无需审核。");
    }
    r.review = ReviewState.APPROVED;
    settle(r);
    audit.record(
        decider.label(),
        "report.approved",
        "目标 " + r.target.code,
        r.unit.name + " 上报 #" + r.id + " 审核通过（申请 #" + a.id + "）");
    return Grant.done("已通过 #" + a.id + "：" + describe(a) + "，已计入进度。");
  }

  @Override
  public void rejected(ApprovalRequest a, Decider decider, String reason) {
    discard(a, decider.label(), reason);
  }

  @Override
  public void expired(ApprovalRequest a) {
    discard(a, "系统（到期）", "审核已过期");
  }

  private void discard(ApprovalRequest a, String actor, String reason) {
    Report r = report(a);
    if (r == null) {
      return;
    }
    reports.lock(r.target);
    em.refresh(r);
    if (r.review != ReviewState.PENDING) {
      return;
    }
    r.review = ReviewState.RETURNED;
    settle(r);
    audit.record(
        actor,
        "report.returned",
        "目标 " + r.target.code,
        r.unit.name + " 上报 #" + r.id + " 被退回（申请 #" + a.id + "）：" + reason);
  }

  /** The decided figure's state and the target's done mark, worked out again. */
  private void settle(Report r) {
    reports.rebuildState(r.target, r.unit);
    reports.refreshDone(r.target, planClock.today());
  }

  @Override
  public String outcomeForRequester(ApprovalRequest a) {
    Report r = report(a);
    String what = r == null ? "的数" : " " + figureText(r) + "（" + period(r) + "）";
    return switch (a.status) {
      case APPROVED -> "您上报的" + what + " 已审核通过，已计入进度。";
      case REJECTED -> "您上报的" + what + " 被退回：" + a.reason + "。请核实后重新上报。";
      case EXPIRED -> "您上报的" + what + " 审核已过期，未计入进度。请核实后重新上报。";
      default -> null;
    };
  }

  /** Reviews wait until decided (ten years: {@link Approvals} then names no expiry). */
  @Override
  public Duration expiry(Duration configured) {
    return Duration.ofDays(3650);
  }

  @Override
  public String approveWord() {
    return "通过";
  }

  @Override
  public String rejectWord() {
    return "退回";
  }

  // ------------------------------------------------------------------ texts

  /** "新增就业岗位 累计 12,000 个". */
  static String figureText(Report r) {
    return r.target.name + " 累计 " + amount(r.target, r.figure);
  }

  /** "6月，赵示一 上报" (or 代报). */
  static String who(Report r) {
    return period(r)
        + "，"
        + (r.reporterName == null ? "系统" : r.reporterName)
        + (r.onBehalf ? " 代报" : " 上报");
  }

  static String period(Report r) {
    return r.planDate.getMonthValue() + "月";
  }

  /** A base-unit figure in the target's display unit ("12,000 个", "1200 万元"). */
  public static String amount(Target t, BigDecimal base) {
    if (base == null) {
      return "—";
    }
    return t.scaleExponent > 0
        ? Formats.formatInDisplayUnit(base, t.displayUnit, BigDecimal.TEN.pow(t.scaleExponent))
        : Formats.formatWithUnit(base, t.unit);
  }

  private static Report report(ApprovalRequest a) {
    if (a.subject == null || !a.subject.startsWith(SUBJECT)) {
      return null;
    }
    try {
      return Report.findById(Long.parseLong(a.subject.substring(SUBJECT.length())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static ApprovalRequest request(Report r) {
    return r.approvalId == null ? null : ApprovalRequest.findById(r.approvalId);
  }
}
