package io.duban.report;

/** Where a figure under 审核 stands. */
public enum ReviewState {
  /** Waits for the office's 通过 or 退回; counts as reported, not in the figures. */
  PENDING("待审核"),
  /** Passed: counts like a figure that was never under review. */
  APPROVED("已通过"),
  /** Returned with a reason: neither counts nor is a report (the unit reports again). */
  RETURNED("已退回"),
  /** A newer figure of the same unit and target arrived before it was decided. */
  SUPERSEDED("已被新数替代");

  private final String label;

  ReviewState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
