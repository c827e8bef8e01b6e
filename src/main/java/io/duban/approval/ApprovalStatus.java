package io.duban.approval;

/** Where a request stands; only PENDING requests can be decided. */
public enum ApprovalStatus {
  PENDING("待审批"),
  APPROVED("已批准"),
  REJECTED("已驳回"),
  EXPIRED("已过期"),
  CANCELLED("已取消");

  private final String label;

  ApprovalStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
