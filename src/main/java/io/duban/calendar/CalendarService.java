package io.duban.calendar;

import io.duban.plan.Plan;
import io.duban.plan.PlanFile;
import io.duban.plan.Target;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The work calendar loaded from {@code calendar/<year>.yaml}, and each target's reporting periods
 * and 序时 curve under the plan's defaults.
 */
@Singleton
public class CalendarService {
  private volatile WorkCalendar calendar = WorkCalendar.weekdaysOnly();

  public void set(WorkCalendar calendar) {
    this.calendar = calendar;
  }

  public WorkCalendar calendar() {
    return calendar;
  }

  /** The plan's default scheme (monthly or quarterly on its deadline day). */
  public static PeriodScheme planScheme(Plan plan) {
    return "QUARTERLY".equals(plan.cycle)
        ? PeriodScheme.quarterly(plan.deadlineDay)
        : PeriodScheme.monthly(plan.deadlineDay);
  }

  /** A target's scheme: its own cycle, deadline day or fixed deadlines, else the plan's. */
  public static PeriodScheme scheme(Target target, Plan plan) {
    String cycle = target.cycle != null ? target.cycle : plan.cycle;
    int day = target.deadlineDay != null ? target.deadlineDay : plan.deadlineDay;
    if ("FIXED".equals(cycle) && target.fixedDeadlines != null) {
      List<LocalDate> dates = new ArrayList<>();
      for (String d : target.fixedDeadlines.split(",")) {
        dates.add(LocalDate.parse(d.trim()));
      }
      return PeriodScheme.fixed(dates);
    }
    return "QUARTERLY".equals(cycle) ? PeriodScheme.quarterly(day) : PeriodScheme.monthly(day);
  }

  /** The target's period containing {@code date}, or null outside the plan. */
  public ReportingPeriod periodFor(Target target, Plan plan, LocalDate date) {
    return Periods.periodFor(
        scheme(target, plan), date, plan.periodStart, plan.periodEnd, calendar);
  }

  /** The plan-default period containing {@code date}, or null outside the plan. */
  public ReportingPeriod planPeriodFor(Plan plan, LocalDate date) {
    return Periods.periodFor(planScheme(plan), date, plan.periodStart, plan.periodEnd, calendar);
  }

  /**
   * Whether a period is owed at all: false for the periods that end before the plan's {@code
   * tracking-from} month (no reminder, no escalation, not overdue, not listed by 未报), true for
   * every period when the plan file does not set it.
   */
  public static boolean tracked(Plan plan, ReportingPeriod period) {
    return plan.trackingFrom == null || !period.end().isBefore(plan.trackingFrom);
  }

  /** The named 序时 curves of a plan, by name; "linear" is always there. */
  public static Map<String, ScheduleCurve> curves(Plan plan) {
    Map<String, ScheduleCurve> curves = new LinkedHashMap<>();
    curves.put("linear", ScheduleCurve.linear());
    for (Map.Entry<String, NavigableMap<MonthDay, BigDecimal>> e :
        PlanFile.decodeCurves(plan.curves).entrySet()) {
      Map<LocalDate, BigDecimal> points = new LinkedHashMap<>();
      e.getValue().forEach((day, f) -> points.put(day.atYear(plan.periodEnd.getYear()), f));
      curves.put(e.getKey(), ScheduleCurve.piecewise(e.getKey(), points));
    }
    return curves;
  }
}
