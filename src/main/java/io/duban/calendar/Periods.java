package io.duban.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Cuts a plan period into reporting periods and works out each period's deadline. */
public final class Periods {

  private static final String[] QUARTERS = {"一", "二", "三", "四"};

  private Periods() {}

  /**
   * The period of {@code scheme} that contains {@code date}, clipped to the plan period, or null
   * when {@code date} lies outside the plan.
   *
   * <p>Monthly and quarterly deadlines depend only on the calendar month or quarter, not on the
   * clipping, so a unit's June deadline is the same whatever day the plan starts or ends.
   */
  public static ReportingPeriod periodFor(
      PeriodScheme scheme,
      LocalDate date,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(calendar, "calendar");
    checkPlan(planStart, planEnd);
    if (date.isBefore(planStart) || date.isAfter(planEnd)) {
      return null;
    }
    if (scheme instanceof PeriodScheme.Monthly m) {
      return monthly(m, YearMonth.from(date), planStart, planEnd, calendar);
    }
    if (scheme instanceof PeriodScheme.Quarterly q) {
      return quarterly(q, date, planStart, planEnd, calendar);
    }
    return fixed((PeriodScheme.Fixed) scheme, date, planStart, planEnd, calendar);
  }

  /** All periods of the plan in order; they partition {@code planStart..planEnd}. */
  public static List<ReportingPeriod> periodsOf(
      PeriodScheme scheme, LocalDate planStart, LocalDate planEnd, WorkCalendar calendar) {
    checkPlan(planStart, planEnd);
    List<ReportingPeriod> periods = new ArrayList<>();
    for (ReportingPeriod p = periodFor(scheme, planStart, planStart, planEnd, calendar);
        p != null;
        p = next(scheme, p, planStart, planEnd, calendar)) {
      periods.add(p);
    }
    return List.copyOf(periods);
  }

  /** The period before {@code period}, or null when it is the plan's first. */
  public static ReportingPeriod previous(
      PeriodScheme scheme,
      ReportingPeriod period,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    return periodFor(scheme, period.start().minusDays(1), planStart, planEnd, calendar);
  }

  /** The period after {@code period}, or null when it is the plan's last. */
  public static ReportingPeriod next(
      PeriodScheme scheme,
      ReportingPeriod period,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    return periodFor(scheme, period.end().plusDays(1), planStart, planEnd, calendar);
  }

  /** The period whose key is {@code key} (e.g. "2018-06"), or null when the plan has none. */
  public static ReportingPeriod byKey(
      PeriodScheme scheme,
      String key,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    for (ReportingPeriod p : periodsOf(scheme, planStart, planEnd, calendar)) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The first period whose deadline is on or after {@code date}: the one a reminder sent on that
   * day is about; null when every deadline of the plan has passed.
   */
  public static ReportingPeriod upcoming(
      PeriodScheme scheme,
      LocalDate date,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    for (ReportingPeriod p : periodsOf(scheme, planStart, planEnd, calendar)) {
      if (!p.deadline().isBefore(date)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The project's deadline rule: {@code nominal} itself when it is a workday, else the next
   * workday, or the last workday up to {@code periodEnd} when the next one would leave the period.
   */
  public static LocalDate adjustDeadline(
      LocalDate nominal, LocalDate periodEnd, WorkCalendar calendar) {
    LocalDate next = calendar.nextWorkday(nominal);
    if (!next.isAfter(periodEnd)) {
      return next;
    }
    return calendar.previousWorkday(periodEnd);
  }

  private static ReportingPeriod monthly(
      PeriodScheme.Monthly scheme,
      YearMonth month,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    LocalDate nominal = dayOf(month, scheme.deadlineDay());
    return new ReportingPeriod(
        String.format("%d-%02d", month.getYear(), month.getMonthValue()),
        max(month.atDay(1), planStart),
        min(month.atEndOfMonth(), planEnd),
        adjustDeadline(nominal, month.atEndOfMonth(), calendar),
        nominal,
        month.getYear() + "年" + month.getMonthValue() + "月");
  }

  private static ReportingPeriod quarterly(
      PeriodScheme.Quarterly scheme,
      LocalDate date,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    int quarter = (date.getMonthValue() - 1) / 3 + 1;
    YearMonth first = YearMonth.of(date.getYear(), quarter * 3 - 2);
    YearMonth last = YearMonth.of(date.getYear(), quarter * 3);
    LocalDate nominal = dayOf(last, scheme.deadlineDay());
    return new ReportingPeriod(
        date.getYear() + "-Q" + quarter,
        max(first.atDay(1), planStart),
        min(last.atEndOfMonth(), planEnd),
        adjustDeadline(nominal, last.atEndOfMonth(), calendar),
        nominal,
        date.getYear() + "年第" + QUARTERS[quarter - 1] + "季度");
  }

  private static ReportingPeriod fixed(
      PeriodScheme.Fixed scheme,
      LocalDate date,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar calendar) {
    List<LocalDate> deadlines = scheme.deadlines();
    for (LocalDate d : deadlines) {
      if (d.isBefore(planStart) || d.isAfter(planEnd)) {
        throw new IllegalArgumentException(
            "固定报送的截止日期 " + d + " 不在计划期 " + planStart + " 至 " + planEnd + " 之内");
      }
    }
    int last = deadlines.size() - 1;
    int i = 0;
    while (i < last && date.isAfter(deadlines.get(i))) {
      i++;
    }
    LocalDate start = i == 0 ? planStart : deadlines.get(i - 1).plusDays(1);
    LocalDate end = i == last ? planEnd : deadlines.get(i);
    LocalDate nominal = deadlines.get(i);
    return new ReportingPeriod(
        planStart.getYear() + "-F" + (i + 1),
        start,
        end,
        adjustDeadline(nominal, end, calendar),
        nominal,
        "第" + (i + 1) + "期（截至" + chineseDate(end) + "）");
  }

  private static LocalDate dayOf(YearMonth month, int day) {
    return month.atDay(Math.min(day, month.lengthOfMonth()));
  }

  private static String chineseDate(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static void checkPlan(LocalDate planStart, LocalDate planEnd) {
    Objects.requireNonNull(planStart, "planStart");
    Objects.requireNonNull(planEnd, "planEnd");
    if (planEnd.isBefore(planStart)) {
      throw new IllegalArgumentException("计划期的结束日 " + planEnd + " 早于开始日 " + planStart);
    }
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
