package io.duban.calendar;

import static java.time.LocalDate.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodsTest {

  private static final WorkCalendar CAL = RealCalendar.CALENDAR;
  private static final LocalDate START_2018 = parse("2018-01-01");
  private static final LocalDate END_2018 = parse("2018-12-31");

  private static ReportingPeriod period2018(PeriodScheme scheme, String date) {
    return Periods.periodFor(scheme, parse(date), START_2018, END_2018, CAL);
  }

  private static void assertContiguous(List<ReportingPeriod> periods, LocalDate s, LocalDate e) {
    assertThat(periods.get(0).start()).isEqualTo(s);
    assertThat(periods.get(periods.size() - 1).end()).isEqualTo(e);
    for (int i = 1; i < periods.size(); i++) {
      assertThat(periods.get(i).start()).isEqualTo(periods.get(i - 1).end().plusDays(1));
    }
  }

  @Nested
  class Monthly {

    @ParameterizedTest(name = "{0}: nominal {1}, deadline {2}")
    @CsvSource({
      "2018-01, 2018-01-25, 2018-01-25",
      "2018-02, 2018-02-25, 2018-02-26", // Sunday
      "2018-03, 2018-03-25, 2018-03-26", // Sunday
      "2018-04, 2018-04-25, 2018-04-25",
      "2018-05, 2018-05-25, 2018-05-25",
      "2018-06, 2018-06-25, 2018-06-25",
      "2018-07, 2018-07-25, 2018-07-25",
      "2018-08, 2018-08-25, 2018-08-27", // Saturday
      "2018-09, 2018-09-25, 2018-09-25",
      "2018-10, 2018-10-25, 2018-10-25",
      "2018-11, 2018-11-25, 2018-11-26", // Sunday
      "2018-12, 2018-12-25, 2018-12-25",
    })
    void deadlinesOf2018(String key, LocalDate nominal, LocalDate deadline) {
      ReportingPeriod p = Periods.byKey(PeriodScheme.monthly(), key, START_2018, END_2018, CAL);
      assertThat(p.nominalDeadline()).isEqualTo(nominal);
      assertThat(p.deadline()).isEqualTo(deadline);
      assertThat(CAL.isWorkday(p.deadline())).isTrue();
    }

    @Test
    void periodOfADate() {
      ReportingPeriod p = period2018(PeriodScheme.monthly(), "2018-06-20");
      assertThat(p)
          .isEqualTo(
              new ReportingPeriod(
                  "2018-06",
                  parse("2018-06-01"),
                  parse("2018-06-30"),
                  parse("2018-06-25"),
                  parse("2018-06-25"),
                  "2018年6月"));
      assertThat(p.contains(parse("2018-06-30"))).isTrue();
      assertThat(p.contains(parse("2018-07-01"))).isFalse();
    }

    @Test
    void wholeYear() {
      List<ReportingPeriod> periods =
          Periods.periodsOf(PeriodScheme.monthly(), START_2018, END_2018, CAL);
      assertThat(periods).hasSize(12);
      assertThat(periods)
          .extracting(ReportingPeriod::key)
          .startsWith("2018-01")
          .endsWith("2018-12");
      assertThat(periods.get(9).label()).isEqualTo("2018年10月");
      assertContiguous(periods, START_2018, END_2018);
    }

    @Test
    void deadlineDayBeyondTheMonthMeansItsLastDay() {
      PeriodScheme s = PeriodScheme.monthly(31);
      assertThat(period2018(s, "2018-02-10").nominalDeadline()).isEqualTo(parse("2018-02-28"));
      assertThat(period2018(s, "2018-02-10").deadline()).isEqualTo(parse("2018-02-28"));
      assertThat(period2018(s, "2018-04-10").nominalDeadline()).isEqualTo(parse("2018-04-30"));
    }

    @Test
    void movesBackWhenTheNextWorkdayIsInTheNextMonth() {
      // 2018-03-31 is a Saturday: Monday 04-02 would leave March, so Friday 03-30.
      ReportingPeriod march = period2018(PeriodScheme.monthly(31), "2018-03-01");
      assertThat(march.nominalDeadline()).isEqualTo(parse("2018-03-31"));
      assertThat(march.deadline()).isEqualTo(parse("2018-03-30"));
      // 2018-06-30 is a Saturday as well.
      assertThat(period2018(PeriodScheme.monthly(30), "2018-06-01").deadline())
          .isEqualTo(parse("2018-06-29"));
    }

    @Test
    void aMakeUpWorkdayIsAValidDeadline() {
      // 2018-09-30 is a Sunday but a 国庆 make-up workday.
      assertThat(period2018(PeriodScheme.monthly(30), "2018-09-01").deadline())
          .isEqualTo(parse("2018-09-30"));
    }

    @Test
    void decemberDeadlineUsesTheNextYearsNotice() {
      // 12-31 is 元旦 (2019 notice); 2019-01-02 leaves December; back to Saturday 12-29, a workday.
      assertThat(period2018(PeriodScheme.monthly(31), "2018-12-01").deadline())
          .isEqualTo(parse("2018-12-29"));
    }

    @Test
    void customCalendarWhereTheMonthEndsInHolidays() {
      WorkCalendar cal =
          calendarWith2030Holidays("2030-06-24", "2030-06-30"); // Monday to Sunday off
      ReportingPeriod june =
          Periods.periodFor(
              PeriodScheme.monthly(),
              parse("2030-06-10"),
              parse("2030-01-01"),
              parse("2030-12-31"),
              cal);
      assertThat(june.nominalDeadline()).isEqualTo(parse("2030-06-25"));
      assertThat(cal.nextWorkday(parse("2030-06-25"))).isEqualTo(parse("2030-07-01"));
      assertThat(june.deadline()).isEqualTo(parse("2030-06-21"));
    }

    @Test
    void customCalendarWhereTheDeadlineMovesForwardWithinTheMonth() {
      WorkCalendar cal = calendarWith2030Holidays("2030-06-25", "2030-06-26");
      ReportingPeriod june =
          Periods.periodFor(
              PeriodScheme.monthly(),
              parse("2030-06-10"),
              parse("2030-01-01"),
              parse("2030-12-31"),
              cal);
      assertThat(june.deadline()).isEqualTo(parse("2030-06-27"));
    }

    @Test
    void yearWithoutFileUsesMondayToFriday() {
      ReportingPeriod aug =
          Periods.periodFor(
              PeriodScheme.monthly(),
              parse("2030-08-01"),
              parse("2030-01-01"),
              parse("2030-12-31"),
              CAL);
      assertThat(aug.nominalDeadline()).isEqualTo(parse("2030-08-25")); // Sunday
      assertThat(aug.deadline()).isEqualTo(parse("2030-08-26"));
    }

    @Test
    void periodsAreClippedToThePlanButDeadlinesFollowTheMonth() {
      LocalDate start = parse("2018-06-20");
      LocalDate end = parse("2019-06-19");
      List<ReportingPeriod> periods = Periods.periodsOf(PeriodScheme.monthly(), start, end, CAL);
      assertThat(periods).hasSize(13);
      assertContiguous(periods, start, end);
      ReportingPeriod first = periods.get(0);
      assertThat(first.key()).isEqualTo("2018-06");
      assertThat(first.start()).isEqualTo(start);
      assertThat(first.end()).isEqualTo(parse("2018-06-30"));
      assertThat(first.deadline()).isEqualTo(parse("2018-06-25"));
      ReportingPeriod last = periods.get(12);
      assertThat(last.key()).isEqualTo("2019-06");
      assertThat(last.end()).isEqualTo(end);
    }

    @Test
    void monthlyDeadlineDayDefaultsTo25AndIsChecked() {
      assertThat(PeriodScheme.monthly().deadlineDay()).isEqualTo(25);
      assertThat(PeriodScheme.quarterly().deadlineDay()).isEqualTo(25);
      assertThatThrownBy(() -> PeriodScheme.monthly(0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> PeriodScheme.quarterly(32))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("32");
    }
  }

  @Nested
  class Quarterly {

    @Test
    void quartersOf2018() {
      List<ReportingPeriod> qs =
          Periods.periodsOf(PeriodScheme.quarterly(), START_2018, END_2018, CAL);
      assertThat(qs)
          .extracting(ReportingPeriod::key)
          .containsExactly("2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4");
      assertThat(qs)
          .extracting(ReportingPeriod::label)
          .containsExactly("2018年第一季度", "2018年第二季度", "2018年第三季度", "2018年第四季度");
      assertThat(qs)
          .extracting(ReportingPeriod::deadline)
          .containsExactly(
              parse("2018-03-26"), parse("2018-06-25"), parse("2018-09-25"), parse("2018-12-25"));
      assertThat(qs.get(1).start()).isEqualTo(parse("2018-04-01"));
      assertThat(qs.get(1).end()).isEqualTo(parse("2018-06-30"));
      assertContiguous(qs, START_2018, END_2018);
    }

    @Test
    void quarterEndDeadlines() {
      PeriodScheme s = PeriodScheme.quarterly(31);
      assertThat(period2018(s, "2018-02-01").deadline()).isEqualTo(parse("2018-03-30"));
      assertThat(period2018(s, "2018-05-01").nominalDeadline()).isEqualTo(parse("2018-06-30"));
      assertThat(period2018(s, "2018-05-01").deadline()).isEqualTo(parse("2018-06-29"));
      assertThat(period2018(s, "2018-08-01").deadline()).isEqualTo(parse("2018-09-30"));
    }

    @Test
    void twoYearPlan() {
      List<ReportingPeriod> qs =
          Periods.periodsOf(PeriodScheme.quarterly(), START_2018, parse("2019-12-31"), CAL);
      assertThat(qs).hasSize(8);
      assertThat(qs.get(4).key()).isEqualTo("2019-Q1");
      assertThat(qs.get(4).deadline()).isEqualTo(parse("2019-03-25"));
    }
  }

  @Nested
  class Fixed {

    private final PeriodScheme quarterEnds =
        PeriodScheme.fixed(
            parse("2018-03-31"), parse("2018-06-30"), parse("2018-09-30"), parse("2018-12-31"));

    @Test
    void partitionsThePlanAndMovesDeadlinesBackInsideThePeriod() {
      List<ReportingPeriod> ps = Periods.periodsOf(quarterEnds, START_2018, END_2018, CAL);
      assertThat(ps)
          .extracting(ReportingPeriod::key)
          .containsExactly("2018-F1", "2018-F2", "2018-F3", "2018-F4");
      assertThat(ps.get(0))
          .isEqualTo(
              new ReportingPeriod(
                  "2018-F1",
                  START_2018,
                  parse("2018-03-31"),
                  parse("2018-03-30"),
                  parse("2018-03-31"),
                  "第1期（截至2018年3月31日）"));
      assertThat(ps.get(1).start()).isEqualTo(parse("2018-04-01"));
      assertThat(ps.get(1).deadline()).isEqualTo(parse("2018-06-29"));
      assertThat(ps.get(2).deadline()).isEqualTo(parse("2018-09-30")); // make-up workday
      assertThat(ps.get(3).deadline()).isEqualTo(parse("2018-12-29")); // 12-31 is 元旦
      assertThat(ps.get(3).label()).isEqualTo("第4期（截至2018年12月31日）");
      assertContiguous(ps, START_2018, END_2018);
    }

    @Test
    void lastPeriodRunsToThePlanEnd() {
      PeriodScheme s = PeriodScheme.fixed(List.of(parse("2018-06-15"), parse("2018-12-22")));
      List<ReportingPeriod> ps = Periods.periodsOf(s, START_2018, END_2018, CAL);
      assertThat(ps).hasSize(2);
      ReportingPeriod last = ps.get(1);
      assertThat(last.start()).isEqualTo(parse("2018-06-16"));
      assertThat(last.end()).isEqualTo(END_2018);
      assertThat(last.nominalDeadline()).isEqualTo(parse("2018-12-22")); // Saturday
      assertThat(last.deadline()).isEqualTo(parse("2018-12-24")); // stays within the period
      assertThat(last.label()).isEqualTo("第2期（截至2018年12月31日）");
      assertThat(period2018(s, "2018-06-15").key()).isEqualTo("2018-F1");
      assertThat(period2018(s, "2018-06-16").key()).isEqualTo("2018-F2");
      assertThat(period2018(s, "2018-12-31").key()).isEqualTo("2018-F2");
    }

    @Test
    void singleDeadline() {
      PeriodScheme s = PeriodScheme.fixed(parse("2018-12-20"));
      ReportingPeriod only = period2018(s, "2018-07-01");
      assertThat(only.start()).isEqualTo(START_2018);
      assertThat(only.end()).isEqualTo(END_2018);
      assertThat(only.deadline()).isEqualTo(parse("2018-12-20"));
    }

    @Test
    void deadlinesMustBeIncreasingAndInsideThePlan() {
      assertThatThrownBy(() -> PeriodScheme.fixed(List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> PeriodScheme.fixed(parse("2018-06-30"), parse("2018-03-31")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2018-03-31");
      assertThatThrownBy(() -> PeriodScheme.fixed(parse("2018-06-30"), parse("2018-06-30")))
          .isInstanceOf(IllegalArgumentException.class);
      PeriodScheme late = PeriodScheme.fixed(parse("2018-06-30"), parse("2019-01-10"));
      assertThatThrownBy(() -> period2018(late, "2018-02-01"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2019-01-10");
    }
  }

  @Nested
  class Navigation {

    @Test
    void outsideThePlan() {
      assertThat(period2018(PeriodScheme.monthly(), "2017-12-31")).isNull();
      assertThat(period2018(PeriodScheme.monthly(), "2019-01-01")).isNull();
      assertThat(Periods.byKey(PeriodScheme.monthly(), "2019-01", START_2018, END_2018, CAL))
          .isNull();
    }

    @Test
    void previousAndNext() {
      PeriodScheme s = PeriodScheme.monthly();
      ReportingPeriod june = period2018(s, "2018-06-20");
      assertThat(Periods.next(s, june, START_2018, END_2018, CAL).key()).isEqualTo("2018-07");
      assertThat(Periods.previous(s, june, START_2018, END_2018, CAL).key()).isEqualTo("2018-05");
      ReportingPeriod jan = period2018(s, "2018-01-01");
      ReportingPeriod dec = period2018(s, "2018-12-31");
      assertThat(Periods.previous(s, jan, START_2018, END_2018, CAL)).isNull();
      assertThat(Periods.next(s, dec, START_2018, END_2018, CAL)).isNull();
    }

    @Test
    void byKey() {
      assertThat(
              Periods.byKey(PeriodScheme.quarterly(), "2018-Q3", START_2018, END_2018, CAL).start())
          .isEqualTo(parse("2018-07-01"));
    }

    @ParameterizedTest(name = "on {0} the next deadline is for {1}")
    @CsvSource({
      "2017-12-01, 2018-01",
      "2018-06-24, 2018-06",
      "2018-06-25, 2018-06",
      "2018-06-26, 2018-07",
      "2018-11-25, 2018-11", // deadline moved to Monday 11-26
      "2018-11-27, 2018-12",
    })
    void upcoming(LocalDate date, String key) {
      assertThat(Periods.upcoming(PeriodScheme.monthly(), date, START_2018, END_2018, CAL).key())
          .isEqualTo(key);
    }

    @Test
    void noUpcomingPeriodAfterTheLastDeadline() {
      assertThat(
              Periods.upcoming(
                  PeriodScheme.monthly(), parse("2018-12-26"), START_2018, END_2018, CAL))
          .isNull();
    }

    @Test
    void planMustNotEndBeforeItStarts() {
      assertThatThrownBy(() -> Periods.periodsOf(PeriodScheme.monthly(), END_2018, START_2018, CAL))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneDayPlan() {
      List<ReportingPeriod> ps =
          Periods.periodsOf(PeriodScheme.monthly(), parse("2018-06-20"), parse("2018-06-20"), CAL);
      assertThat(ps).hasSize(1);
      assertThat(ps.get(0).start()).isEqualTo(ps.get(0).end());
    }
  }

  private static WorkCalendar calendarWith2030Holidays(String from, String to) {
    java.util.TreeMap<LocalDate, String> days = new java.util.TreeMap<>();
    for (LocalDate d = parse(from); !d.isAfter(parse(to)); d = d.plusDays(1)) {
      days.put(d, "测试假期");
    }
    return WorkCalendar.of(List.of(new CalendarYear(2030, "测试", days, Map.of())));
  }
}
