package io.duban.approval;

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
