package io.duban.plan;

/** How the figures of several owning units combine into a target's current figure. */
public enum AggregateRule {
  /** Units report their own share; the target's figure is the sum. */
  SUM,
  /** Units report the same measure; the highest figure counts (e.g. a coverage share). */
  MAX,
  /** Only one figure exists: the latest report of any owner counts. */
  SINGLE
}
