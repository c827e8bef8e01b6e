package io.duban.approval;

/** What a request asks for; each kind has one {@link ApprovalType} that knows how to grant it. */
public enum ApprovalKind {
  /** A platform id asks to become a registered contact's (绑定 <手机号>). */
  BIND("绑定"),
  /** A figure reported under 审核 waits for the office (督查室) to pass or return it. */
  REVIEW("审核"),
  /** A unit asks for a later deadline of one target or of all its targets in one period. */
  EXTENSION("延期");

  private final String label;

  ApprovalKind(String label) {
    this.label = label;
  }

  /** The Chinese word shown to users ("绑定申请 #12"). */
  public String label() {
    return label;
  }
}
