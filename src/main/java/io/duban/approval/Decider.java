package io.duban.approval;

import io.duban.approval.ApprovalRequest.DecidedVia;

/**
 * Who decides a request and through what: an admin contact in chat, the holder of the admin token
 * on the dashboard or the API, or the service itself (a platform directory vouched, or expiry).
 *
 * @param contactId the deciding contact's database id, null when the decider is not a contact
 * @param admin whether the decider holds the admin role (the admin token always does)
 * @param label how the decider is named in the audit trail and in messages
 */
public record Decider(Long contactId, boolean admin, String label, DecidedVia via) {
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
