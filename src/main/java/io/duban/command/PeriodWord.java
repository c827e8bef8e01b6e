package io.duban.command;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A period named in a report ("5月", "上月", "截至5月底", "一季度", "本月新增"): which month or quarter the
 * figure counts for. Pure: the parser has no clock; {@link #lastDay} and {@link #firstDay} take the
 * plan-clock day the message arrived on.
 */
public record PeriodWord(Span span, Relative relative, int number, int year, String written) {
  /** A month or a quarter. */
  public enum Span {
    MONTH,
    QUARTER
  }

  /** Named ("5月"), the one before today's ("上月") or today's ("本月"). */
  public enum Relative {
    NAMED,
    LAST,
    THIS
  }

  /** The first month of the period, in the year of {@code today} (or the year written). */
  public YearMonth firstMonth(LocalDate today) {
    YearMonth now = YearMonth.from(today);
    return switch (relative) {
      case THIS -> span == Span.MONTH ? now : quarterStart(now);
      case LAST -> span == Span.MONTH ? now.minusMonths(1) : quarterStart(now).minusMonths(3);
      case NAMED ->
          span == Span.MONTH
              ? YearMonth.of(year > 0 ? year : today.getYear(), number)
              : YearMonth.of(year > 0 ? year : today.getYear(), number * 3 - 2);
    };
  }

  private static YearMonth quarterStart(YearMonth m) {
    return YearMonth.of(m.getYear(), (m.getMonthValue() - 1) / 3 * 3 + 1);
  }

  /** The period's first day. */
  public LocalDate firstDay(LocalDate today) {
    return firstMonth(today).atDay(1);
  }

  /** The period's last day (may lie after {@code today} for the running period). */
  public LocalDate lastDay(LocalDate today) {
    YearMonth first = firstMonth(today);
    return (span == Span.MONTH ? first : first.plusMonths(2)).atEndOfMonth();
  }

  /** Whether the period is the one {@code today} lies in. */
  public boolean isRunning(LocalDate today) {
    return !today.isBefore(firstDay(today)) && !today.isAfter(lastDay(today));
  }

  /** "5月", "第二季度", "上月", as the reply names it. */
  public String label(LocalDate today) {
    YearMonth first = firstMonth(today);
    if (span == Span.MONTH) {
      return first.getMonthValue() + "月";
    }
    return "第" + "一二三四".charAt((first.getMonthValue() - 1) / 3) + "季度";
  }

  /** For the parser's compact description: "@5月", "@上月", "@Q2". */
  public String describe() {
    String s =
        switch (relative) {
          case THIS -> span == Span.MONTH ? "本月" : "本季度";
          case LAST -> span == Span.MONTH ? "上月" : "上季度";
          case NAMED -> span == Span.MONTH ? number + "月" : "Q" + number;
        };
    return "@" + (year > 0 ? year + "-" : "") + s;
  }
}
