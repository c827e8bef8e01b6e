package io.duban.boot;

import io.duban.calendar.PeriodScheme;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.plan.PlanSpec;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The one-time notice for a plan first loaded after its first deadline with no {@code
 * tracking-from}: every period from the plan's first one counts as owed, so units that were never
 * asked before are overdue for months. The operator is told which file and which option.
 */
final class TrackingFromNotice {
  private TrackingFromNotice() {}

  /**
   * The warning, when the file sets no {@code tracking-from} and the plan-clock day is after the
   * plan's first deadline; {@code file} is the plan file as the configuration folder names it.
   */
  static Optional<String> of(String file, PlanSpec plan, WorkCalendar cal, LocalDate today) {
    if (plan.trackingFrom() != null) {
      return Optional.empty();
    }
    PeriodScheme scheme =
        "QUARTERLY".equals(plan.cycle())
            ? PeriodScheme.quarterly(plan.deadlineDay())
            : PeriodScheme.monthly(plan.deadlineDay());
    ReportingPeriod first = Periods.periodFor(scheme, plan.start(), plan.start(), plan.end(), cal);
    if (first == null || !today.isAfter(first.deadline())) {
      return Optional.empty();
    }
    YearMonth example = YearMonth.from(today.isAfter(plan.end()) ? plan.end() : today);
    return Optional.of(
        "计划文件 "
            + file
            + " 没有设置 tracking-from（首个跟踪的报送月份），而计划已过第一期（"
            + first.label()
            + "，"
            + first.deadline()
            + " 截止）：从第一期起的各期都算应报，此前未报的单位会被提醒为逾期并升级。"
            + "如只从某月开始跟踪，请在该文件中加一行 tracking-from: "
            + example
            + "（YYYY-MM）后重启。");
  }
}
