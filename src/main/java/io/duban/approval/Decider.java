package io.duban.approval;

import io.duban.approval.ApprovalRequest.DecidedVia;

/**
 * Who decides a request and through what: an admin contact in chat, the holder of the admin token
 * on the dashboard or the API, or the service itself (a platform directory vouched, or expiry).
 *
 * @param contactId the deciding contact's database id, null when the decider is not a contact
 * @param admin whether the decider holds the admin role (the admin token always does)
 * @param label how the decider is named in the audit trail and in messages
 * @param leader whether the decider holds the leader role (some kinds, like 延期, let leaders decide)
 */
public record Decider(Long contactId, boolean admin, String label, DecidedVia via, boolean leader) {
  public Decider(Long contactId, boolean admin, String label, DecidedVia via) {
    this(contactId, admin, label, via, false);
  }

  /** Whether the decider may decide some kind of request at all (admin or leader). */
  public boolean mayDecideAny() {
    return admin || leader;
  }

  public static Decider adminToken(DecidedVia via) {
    return new Decider(null, true, via == DecidedVia.DASHBOARD ? "看板管理员" : "管理员令牌（API）", via);
  }

  public static Decider platform(String label) {
    return new Decider(null, false, label, DecidedVia.PLATFORM);
  }

  static Decider system() {
    return new Decider(null, false, "系统（到期）", DecidedVia.EXPIRY);
  }
}
