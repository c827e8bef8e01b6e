package io.duban.report;

/** What a report row records. */
public enum ReportKind {
  /** A cumulative figure of a NUMERIC target. */
  FIGURE,
  /** A CHECKLIST item reported done. */
  ITEM,
  /** A progress state and note of a TASK. */
  PROGRESS
}
