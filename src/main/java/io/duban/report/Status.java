package io.duban.report;

/** Where a target stands against 序时进度 (docs/contract.md §3 codes, Chinese labels). */
public enum Status {
  DONE("已完成"),
  AHEAD("超序时"),
  ON_TRACK("按序时"),
  BEHIND("慢序时"),
  NOT_STARTED("未启动");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
