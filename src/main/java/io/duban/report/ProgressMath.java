package io.duban.report;

import io.duban.plan.AggregateRule;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/** Pure arithmetic of docs/contract.md §3: completion, status and means, in BigDecimal. */
public final class ProgressMath {
  /** Whether the target's aggregate is the sum of shares (so a unit's own figure is shown too). */
  public static boolean sharesAreSummed(io.duban.plan.Target target) {
    return target.kind == io.duban.plan.TargetKind.NUMERIC
        && target.aggregateRule == AggregateRule.SUM
        && target.owners.size() > 1;
  }

  /** Scale of fractions (completion, 序时进度). */
  public static final int SCALE = 6;

  private ProgressMath() {}

  /** A figure reported by one owner, with the order in which it was recorded. */
  public record OwnerFigure(BigDecimal figure, long sequence) {}

  /**
   * The target's current figure from its owners' latest figures: sum, max, or the most recent one;
   * with no report the baseline, else 0.
   */
  public static BigDecimal aggregate(
      AggregateRule rule, Collection<OwnerFigure> figures, BigDecimal baseline) {
    List<OwnerFigure> present = figures.stream().filter(f -> f.figure() != null).toList();
    if (present.isEmpty()) {
      return baseline != null ? baseline : BigDecimal.ZERO;
    }
    return switch (rule) {
      case SUM ->
          present.stream().map(OwnerFigure::figure).reduce(BigDecimal.ZERO, BigDecimal::add);
      case MAX -> present.stream().map(OwnerFigure::figure).reduce(BigDecimal::max).orElseThrow();
      case SINGLE ->
          present.stream()
              .max((a, b) -> Long.compare(a.sequence(), b.sequence()))
              .orElseThrow()
              .figure();
    };
  }

  /** current / target, or (current − baseline) / (target − baseline); not capped. */
  public static BigDecimal completion(BigDecimal current, BigDecimal target, BigDecimal baseline) {
    if (target == null || target.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal base = baseline == null ? BigDecimal.ZERO : baseline;
    BigDecimal denominator = target.subtract(base);
    if (denominator.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal c = current.subtract(base).divide(denominator, SCALE, RoundingMode.HALF_EVEN);
    return c.signum() < 0 ? BigDecimal.ZERO.setScale(SCALE) : c;
  }

  /** Status of a NUMERIC or CHECKLIST target from its completion and 序时进度. */
  public static Status status(BigDecimal completion, BigDecimal schedule, BigDecimal gap) {
    if (completion.compareTo(BigDecimal.ONE) >= 0) {
      return Status.DONE;
    }
    if (completion.compareTo(schedule) >= 0) {
      return Status.AHEAD;
    }
    if (completion.compareTo(schedule.subtract(gap)) >= 0) {
      return Status.ON_TRACK;
    }
    return Status.BEHIND;
  }

  /** Status of a TASK: 未启动 is on track only during its first period. */
  public static Status taskStatus(TaskProgress progress, boolean inFirstPeriod) {
    return switch (progress) {
      case DONE -> Status.DONE;
      case IN_PROGRESS -> Status.ON_TRACK;
      case NOT_STARTED -> inFirstPeriod ? Status.ON_TRACK : Status.NOT_STARTED;
    };
  }

  /** Mean of completions each capped at 1; null when there are none. */
  public static BigDecimal cappedMean(Collection<BigDecimal> completions) {
    if (completions.isEmpty()) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal c : completions) {
      sum = sum.add(c.min(BigDecimal.ONE));
    }
    return sum.divide(BigDecimal.valueOf(completions.size()), SCALE, RoundingMode.HALF_EVEN);
  }

  /** A fraction as a percentage with one decimal ("46.8%"). */
  public static String percent(BigDecimal fraction) {
    if (fraction == null) {
      return "—";
    }
    return fraction
            .multiply(BigDecimal.valueOf(100), MathContext.DECIMAL64)
            .setScale(1, RoundingMode.HALF_UP)
            .toPlainString()
        + "%";
  }
}
