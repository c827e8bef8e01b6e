package io.duban.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/** The 序时进度 curve: the share of a plan period that should be done by a given day. */
public final class ScheduleCurve {

  /** Decimal places of every fraction this class returns. */
  public static final int SCALE = 10;

  private static final ScheduleCurve LINEAR =
      new ScheduleCurve("linear", Collections.emptyNavigableMap());

  private final String name;
  private final NavigableMap<LocalDate, BigDecimal> points;

  private ScheduleCurve(String name, NavigableMap<LocalDate, BigDecimal> points) {
    this.name = name;
    this.points = points;
  }

  /** Elapsed days, both ends counted, over the days in the plan period. */
  public static ScheduleCurve linear() {
    return LINEAR;
  }

  /**
   * A piecewise-linear curve through {@code points} (date → fraction 0..1), starting from 0 on the
   * day before the plan starts and interpolated by day; the fractions must not decrease and the
   * last must be 1, after which the curve stays at 1.
   */
  public static ScheduleCurve piecewise(String name, Map<LocalDate, BigDecimal> points) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(points, "points");
    if (points.isEmpty()) {
      throw new IllegalArgumentException("序时进度曲线 " + name + " 没有任何节点");
    }
    TreeMap<LocalDate, BigDecimal> sorted = new TreeMap<>();
    points.forEach((d, f) -> sorted.put(Objects.requireNonNull(d), Objects.requireNonNull(f)));
    BigDecimal previous = BigDecimal.ZERO;
    for (Map.Entry<LocalDate, BigDecimal> e : sorted.entrySet()) {
      BigDecimal f = e.getValue();
      if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "序时进度曲线 " + name + " 在 " + e.getKey() + " 的进度 " + f + " 不在 0 至 1 之间");
      }
      if (f.compareTo(previous) < 0) {
        throw new IllegalArgumentException(
            "序时进度曲线 " + name + " 在 " + e.getKey() + " 的进度 " + f + " 比前一节点小");
      }
      previous = f;
    }
    if (previous.compareTo(BigDecimal.ONE) != 0) {
      throw new IllegalArgumentException("序时进度曲线 " + name + " 的最后一个节点应为 1（100%）");
    }
    return new ScheduleCurve(name, Collections.unmodifiableNavigableMap(sorted));
  }

  public String name() {
    return name;
  }

  /** The curve's points, empty for the linear curve. */
  public NavigableMap<LocalDate, BigDecimal> points() {
    return points;
  }

  /**
   * The fraction of the plan that should be done by the end of {@code date}: 0 before the plan
   * starts, 1 from its last day on, with scale {@link #SCALE} and half-even rounding.
   *
   * @throws IllegalArgumentException when a point of a piecewise curve lies outside the plan
   */
  public BigDecimal fractionAt(LocalDate planStart, LocalDate planEnd, LocalDate date) {
    Objects.requireNonNull(planStart, "planStart");
    Objects.requireNonNull(planEnd, "planEnd");
    Objects.requireNonNull(date, "date");
    if (planEnd.isBefore(planStart)) {
      throw new IllegalArgumentException("计划期的结束日 " + planEnd + " 早于开始日 " + planStart);
    }
    if (!points.isEmpty()
        && (points.firstKey().isBefore(planStart) || points.lastKey().isAfter(planEnd))) {
      throw new IllegalArgumentException(
          "序时进度曲线 " + name + " 的节点超出计划期 " + planStart + " 至 " + planEnd);
    }
    if (date.isBefore(planStart)) {
      return BigDecimal.ZERO.setScale(SCALE);
    }
    if (!date.isBefore(planEnd)) {
      return BigDecimal.ONE.setScale(SCALE);
    }
    if (points.isEmpty()) {
      return interpolate(planStart.minusDays(1), BigDecimal.ZERO, planEnd, BigDecimal.ONE, date);
    }
    Map.Entry<LocalDate, BigDecimal> after = points.ceilingEntry(date);
    if (after == null) {
      return BigDecimal.ONE.setScale(SCALE);
    }
    Map.Entry<LocalDate, BigDecimal> before = points.lowerEntry(date);
    LocalDate fromDate = before == null ? planStart.minusDays(1) : before.getKey();
    BigDecimal fromValue = before == null ? BigDecimal.ZERO : before.getValue();
    return interpolate(fromDate, fromValue, after.getKey(), after.getValue(), date);
  }

  // One division only, so the result is the exact ratio rounded once.
  private static BigDecimal interpolate(
      LocalDate d0, BigDecimal v0, LocalDate d1, BigDecimal v1, LocalDate date) {
    BigDecimal span = BigDecimal.valueOf(ChronoUnit.DAYS.between(d0, d1));
    BigDecimal elapsed = BigDecimal.valueOf(ChronoUnit.DAYS.between(d0, date));
    BigDecimal numerator = v0.multiply(span).add(v1.subtract(v0).multiply(elapsed));
    return numerator.divide(span, SCALE, RoundingMode.HALF_EVEN);
  }

  @Override
  public String toString() {
    return "ScheduleCurve[" + name + "]";
  }
}
