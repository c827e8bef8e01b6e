package io.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.Plan;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which periods are owed under a plan's tracking-from. */
class TrackedPeriodsTest {
  static final WorkCalendar CAL = WorkCalendar.weekdaysOnly();
  static final LocalDate START = LocalDate.of(2018, 1, 1);
  static final LocalDate END = LocalDate.of(2018, 12, 31);

  static ReportingPeriod period(PeriodScheme scheme, String date) {
    return Periods.periodFor(scheme, LocalDate.parse(date), START, END, CAL);
  }

  static Plan plan(LocalDate trackingFrom) {
    Plan plan = new Plan();
    plan.periodStart = START;
    plan.periodEnd = END;
    plan.trackingFrom = trackingFrom;
    return plan;
  }

  @Test
  void periodsEndingBeforeTheTrackedMonthAreNotOwed() {
    Plan june = plan(LocalDate.of(2018, 6, 1));
    PeriodScheme monthly = PeriodScheme.monthly(25);
    assertThat(CalendarService.tracked(june, period(monthly, "2018-01-10"))).isFalse();
    assertThat(CalendarService.tracked(june, period(monthly, "2018-05-31"))).isFalse();
    assertThat(CalendarService.tracked(june, period(monthly, "2018-06-01"))).isTrue();
    assertThat(CalendarService.tracked(june, period(monthly, "2018-11-10"))).isTrue();
    // a quarter that reaches into the tracked month is owed (its deadline is in June)
    PeriodScheme quarterly = PeriodScheme.quarterly(25);
    assertThat(CalendarService.tracked(june, period(quarterly, "2018-03-01"))).isFalse();
    assertThat(CalendarService.tracked(june, period(quarterly, "2018-04-01"))).isTrue();
  }

  @Test
  void withoutTrackingFromEveryPeriodIsOwed() {
    Plan all = plan(null);
    assertThat(CalendarService.tracked(all, period(PeriodScheme.monthly(25), "2018-01-02")))
        .isTrue();
  }
}
