package io.duban.plan;

/** How a target is measured: a figure, a list of named items, or a qualitative task. */
public enum TargetKind {
  NUMERIC,
  CHECKLIST,
  TASK
}
