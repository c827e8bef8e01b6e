package io.duban.approval;

import java.time.Duration;

/**
 * What one kind of request means: how it reads in a list, what granting it does, and what the
 * requester is told. Implementations run inside the deciding transaction, with the request locked.
 */
public interface ApprovalType {
  ApprovalKind kind();

  /** One line for lists and the dashboard: who asks for what (mobiles masked). */
  String describe(ApprovalRequest request);

  /**
   * Checks whether {@code decider} may grant the request now and, if so, grants it. A refusal is a
   * short Chinese sentence and changes nothing.
   */
  Grant grant(ApprovalRequest request, Decider decider);

  /** What the requester is told once the request is closed (approved, rejected or expired). */
  String outcomeForRequester(ApprovalRequest request);

  /** Null when {@code decider} may decide requests of this kind; else the refusal (admins only). */
  default String mayDecide(Decider decider) {
    return decider.admin() ? null : "只有管理员可以审批申请。";
  }

  /** How a closed request of this kind reads ("已退回" for a 审核, rather than "已驳回"). */
  default String statusLabel(ApprovalStatus status) {
    return status.label();
  }

  /** How long an open request of this kind waits for a decision ({@code configured} by default). */
  default Duration expiry(Duration configured) {
    return configured;
  }

  /** The word a decider grants with (批准 12); every synonym works for every kind. */
  default String approveWord() {
    return "批准";
  }

  /** The word a decider refuses with (驳回 12 <原因>). */
  default String rejectWord() {
    return "驳回";
  }

  /**
   * Takes, before the request's own lock, the locks its decision will need (a reviewed figure's
   * target): a writer that holds such a lock and then touches the request (a newer figure cancels
   * the one that waits) takes them in the same order, so the two never wait for each other.
   */
  default void lockBeforeDeciding(ApprovalRequest unlocked) {}

  /**
   * The kind's own effect of a rejection, in the deciding transaction, before the requester is
   * told.
   */
  default void rejected(ApprovalRequest request, Decider decider, String reason) {}

  /** The kind's own effect of an expiry, in the expiring transaction. */
  default void expired(ApprovalRequest request) {}

  /** The result of {@link #grant}: done (with what the decider is told) or refused (why). */
  record Grant(boolean done, String text) {
    public static Grant done(String text) {
      return new Grant(true, text);
    }

    public static Grant refused(String why) {
      return new Grant(false, why);
    }
  }
}
