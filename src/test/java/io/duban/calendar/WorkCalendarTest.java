package io.duban.calendar;

import static java.time.LocalDate.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkCalendarTest {

  private static final WorkCalendar CAL = RealCalendar.CALENDAR;

  private static void assertOff(String from, String to, String name) {
    for (LocalDate d = parse(from); !d.isAfter(parse(to)); d = d.plusDays(1)) {
      assertThat(CAL.isWorkday(d)).as("%s is off", d).isFalse();
      assertThat(CAL.holidayName(d)).as("name of %s", d).isEqualTo(name);
    }
  }

  private static void assertMakeUpWorkday(String date, String name) {
    LocalDate d = parse(date);
    assertThat(d.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(CAL.isWorkday(d)).as("%s is a make-up workday", d).isTrue();
    assertThat(CAL.holidayName(d)).isNull();
    assertThat(CAL.makeUpWorkdayName(d)).isEqualTo(name);
  }

  private static void assertPlainWorkday(String date) {
    LocalDate d = parse(date);
    assertThat(CAL.isWorkday(d)).as("%s is a workday", d).isTrue();
    assertThat(CAL.holidayName(d)).isNull();
    assertThat(CAL.makeUpWorkdayName(d)).isNull();
  }

  @Nested
  class Year2018 {

    @Test
    void springFestival() {
      assertMakeUpWorkday("2018-02-11", "春节");
      assertMakeUpWorkday("2018-02-24", "春节");
      assertOff("2018-02-15", "2018-02-21", "春节");
      assertPlainWorkday("2018-02-14");
      assertPlainWorkday("2018-02-22");
      assertPlainWorkday("2018-02-23");
    }

    @Test
    void qingming() {
      assertOff("2018-04-05", "2018-04-07", "清明节");
      assertMakeUpWorkday("2018-04-08", "清明节");
      assertPlainWorkday("2018-04-04");
    }

    @Test
    void labourDay() {
      assertMakeUpWorkday("2018-04-28", "劳动节");
      assertOff("2018-04-29", "2018-05-01", "劳动节");
      assertPlainWorkday("2018-05-02");
    }

    @Test
    void dragonBoatFestivalIncludesTheWeekendItJoins() {
      assertOff("2018-06-16", "2018-06-18", "端午节");
      assertPlainWorkday("2018-06-15");
      assertPlainWorkday("2018-06-19");
    }

    @Test
    void midAutumn() {
      assertOff("2018-09-22", "2018-09-24", "中秋节");
      assertPlainWorkday("2018-09-25");
    }

    @Test
    void nationalDayWeek() {
      assertMakeUpWorkday("2018-09-29", "国庆节");
      assertMakeUpWorkday("2018-09-30", "国庆节");
      assertOff("2018-10-01", "2018-10-07", "国庆节");
      assertPlainWorkday("2018-10-08");
    }

    @Test
    void lateDecemberComesFromThe2019File() {
      assertMakeUpWorkday("2018-12-29", "元旦");
      assertOff("2018-12-30", "2019-01-01", "元旦");
      assertPlainWorkday("2019-01-02");
    }

    @Test
    void newYear2018JoinsTheWeekendBeforeIt() {
      assertOff("2017-12-30", "2018-01-01", "元旦");
      assertPlainWorkday("2018-01-02");
    }

    @Test
    void ordinaryWeekendAndWeekday() {
      assertThat(CAL.isWorkday(parse("2018-03-03"))).isFalse();
      assertThat(CAL.holidayName(parse("2018-03-03"))).isNull();
      assertThat(CAL.makeUpWorkdayName(parse("2018-03-03"))).isNull();
      assertPlainWorkday("2018-03-05");
    }

    @Test
    void countsTheOfficialNumberOfWorkdays() {
      assertThat(CAL.workdaysBetween(parse("2017-12-31"), parse("2018-12-31"))).isEqualTo(250);
    }
  }

  @Nested
  class Year2019 {

    @Test
    void revisedLabourDay() {
      assertMakeUpWorkday("2019-04-28", "劳动节");
      assertOff("2019-05-01", "2019-05-04", "劳动节");
      assertMakeUpWorkday("2019-05-05", "劳动节");
    }

    @Test
    void nationalDayWithMakeUpDayAfterwards() {
      assertMakeUpWorkday("2019-09-29", "国庆节");
      assertOff("2019-10-01", "2019-10-07", "国庆节");
      assertMakeUpWorkday("2019-10-12", "国庆节");
    }
  }

  @Nested
  class Years2024To2026 {

    @Test
    void spotChecks2024() {
      assertOff("2023-12-30", "2024-01-01", "元旦");
      assertMakeUpWorkday("2024-02-04", "春节");
      assertPlainWorkday("2024-02-09"); // 除夕 was only "encouraged" as a day off
      assertOff("2024-02-10", "2024-02-17", "春节");
      assertMakeUpWorkday("2024-02-18", "春节");
      assertOff("2024-06-08", "2024-06-10", "端午节");
      assertMakeUpWorkday("2024-09-14", "中秋节");
      assertOff("2024-09-15", "2024-09-17", "中秋节");
      assertMakeUpWorkday("2024-10-12", "国庆节");
    }

    @Test
    void spotChecks2025() {
      assertOff("2025-01-01", "2025-01-01", "元旦");
      assertMakeUpWorkday("2025-01-26", "春节");
      assertOff("2025-01-28", "2025-02-04", "春节");
      assertMakeUpWorkday("2025-02-08", "春节");
      assertOff("2025-05-31", "2025-06-02", "端午节");
      assertMakeUpWorkday("2025-09-28", "国庆节、中秋节");
      assertOff("2025-10-01", "2025-10-08", "国庆节、中秋节");
      assertPlainWorkday("2025-10-09");
      assertMakeUpWorkday("2025-10-11", "国庆节、中秋节");
    }

    @Test
    void spotChecks2026() {
      assertOff("2026-01-01", "2026-01-03", "元旦");
      assertMakeUpWorkday("2026-01-04", "元旦");
      assertMakeUpWorkday("2026-02-14", "春节");
      assertOff("2026-02-15", "2026-02-23", "春节");
      assertPlainWorkday("2026-02-24");
      assertMakeUpWorkday("2026-02-28", "春节");
      assertMakeUpWorkday("2026-05-09", "劳动节");
      assertOff("2026-09-25", "2026-09-27", "中秋节");
      assertMakeUpWorkday("2026-09-20", "国庆节");
      assertOff("2026-10-01", "2026-10-07", "国庆节");
      assertMakeUpWorkday("2026-10-10", "国庆节");
    }
  }

  @Nested
  class Coverage {

    @Test
    void coveredYearsAreExactlyTheFiles() {
      assertThat(CAL.coveredYears()).containsExactly(2018, 2019, 2024, 2025, 2026);
      assertThat(CAL.covers(2018)).isTrue();
      assertThat(CAL.covers(2027)).isFalse();
      assertThat(CAL.covers(2030)).isFalse();
    }

    @Test
    void yearWithoutFileFallsBackToMondayToFriday() {
      for (LocalDate d = parse("2030-01-01"); d.getYear() == 2030; d = d.plusDays(1)) {
        boolean weekday = d.getDayOfWeek().getValue() <= 5;
        assertThat(CAL.isWorkday(d)).as("%s", d).isEqualTo(weekday);
        assertThat(CAL.holidayName(d)).isNull();
      }
      assertThat(CAL.isWorkday(parse("2030-10-01"))).isTrue();
      assertThat(CAL.missingYears(parse("2030-01-01"), parse("2030-12-31")))
          .containsExactly(2030, 2031);
      assertThat(CAL.missingYears(parse("2030-03-01"), parse("2030-03-31"))).containsExactly(2030);
      assertThat(CAL.coversDate(parse("2030-03-01"))).isFalse();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "2018-01-01, true",
      "2018-12-17, true",
      "2018-12-18, true", // 2019's file is present
      "2018-12-29, true",
      "2019-12-17, true",
      "2019-12-18, false", // 2020's file is missing
      "2019-12-31, false",
      "2020-06-01, false",
      "2024-12-31, true",
      "2025-12-31, true",
      "2026-06-30, true",
      "2026-12-17, true",
      "2026-12-18, false", // 2027 not announced yet
      "2026-12-31, false",
      "2027-01-04, false",
    })
    void coversDate(LocalDate date, boolean covered) {
      assertThat(CAL.coversDate(date)).isEqualTo(covered);
    }

    @Test
    void coversDateAgreesWithTheDocumentedRuleEveryDay() {
      for (LocalDate d = parse("2017-01-01"); d.getYear() < 2029; d = d.plusDays(1)) {
        boolean late = !d.isBefore(LocalDate.of(d.getYear(), 12, 18));
        boolean expected = CAL.covers(d.getYear()) && (!late || CAL.covers(d.getYear() + 1));
        assertThat(CAL.coversDate(d)).as("%s", d).isEqualTo(expected);
        assertThat(CAL.missingYears(d, d).isEmpty()).isEqualTo(expected);
      }
    }

    @Test
    void missingYears() {
      assertThat(CAL.missingYears(parse("2018-01-01"), parse("2018-12-31"))).isEmpty();
      assertThat(CAL.missingYears(parse("2018-06-01"), parse("2019-12-31"))).containsExactly(2020);
      assertThat(CAL.missingYears(parse("2019-06-01"), parse("2024-06-30")))
          .containsExactly(2020, 2021, 2022, 2023);
      assertThat(CAL.missingYears(parse("2026-01-01"), parse("2026-12-17"))).isEmpty();
      assertThat(CAL.missingYears(parse("2026-01-01"), parse("2026-12-18"))).containsExactly(2027);
      assertThat(CAL.missingYears(parse("2026-12-31"), parse("2027-01-05"))).containsExactly(2027);
      assertThat(CAL.missingYears(parse("2026-12-18"), parse("2026-01-01")))
          .as("either order")
          .containsExactly(2027);
    }
  }

  @Nested
  class Navigation {

    @ParameterizedTest(name = "next workday of {0} is {1}")
    @CsvSource({
      "2018-02-14, 2018-02-14",
      "2018-02-15, 2018-02-22",
      "2018-02-21, 2018-02-22",
      "2018-09-29, 2018-09-29",
      "2018-10-01, 2018-10-08",
      "2018-12-29, 2018-12-29",
      "2018-12-30, 2019-01-02",
      "2030-06-01, 2030-06-03",
    })
    void nextWorkday(LocalDate date, LocalDate expected) {
      assertThat(CAL.nextWorkday(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "previous workday of {0} is {1}")
    @CsvSource({
      "2018-02-22, 2018-02-22",
      "2018-02-21, 2018-02-14",
      "2018-10-07, 2018-09-30",
      "2019-01-01, 2018-12-29",
      "2018-03-04, 2018-03-02",
    })
    void previousWorkday(LocalDate date, LocalDate expected) {
      assertThat(CAL.previousWorkday(date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} workdays = {2}")
    @CsvSource({
      "2018-09-28, 0, 2018-09-28",
      "2018-10-01, 0, 2018-10-01",
      "2018-09-28, 1, 2018-09-29",
      "2018-09-28, 2, 2018-09-30",
      "2018-09-28, 3, 2018-10-08",
      "2018-10-03, 1, 2018-10-08",
      "2018-10-08, -1, 2018-09-30",
      "2018-10-08, -3, 2018-09-28",
      "2018-10-03, -1, 2018-09-30",
      "2018-02-14, 1, 2018-02-22",
      "2018-02-22, -1, 2018-02-14",
      "2018-12-28, 1, 2018-12-29",
      "2018-12-28, 2, 2019-01-02",
      "2017-12-31, 250, 2018-12-29",
    })
    void addWorkdays(LocalDate date, int n, LocalDate expected) {
      assertThat(CAL.addWorkdays(date, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "workdays in ({0}, {1}] = {2}")
    @CsvSource({
      "2018-09-28, 2018-10-08, 3",
      "2018-10-08, 2018-09-28, -3",
      "2018-09-28, 2018-09-28, 0",
      "2018-10-01, 2018-10-07, 0",
      "2018-02-14, 2018-02-22, 1",
      "2018-12-28, 2019-01-02, 2",
      "2030-06-30, 2030-07-07, 5",
    })
    void workdaysBetween(LocalDate from, LocalDate to, int expected) {
      assertThat(CAL.workdaysBetween(from, to)).isEqualTo(expected);
    }

    @Test
    void addWorkdaysUndoesWorkdaysBetween() {
      for (LocalDate a : List.of(parse("2018-09-14"), parse("2018-09-30"), parse("2018-12-29"))) {
        assertThat(CAL.isWorkday(a)).isTrue();
        for (LocalDate b = parse("2018-08-01");
            b.isBefore(parse("2019-02-28"));
            b = b.plusDays(1)) {
          int n = CAL.workdaysBetween(a, b);
          assertThat(CAL.workdaysBetween(b, a)).isEqualTo(-n);
          if (CAL.isWorkday(b)) {
            assertThat(CAL.addWorkdays(a, n)).as("%s → %s", a, b).isEqualTo(b);
          }
        }
      }
    }

    @Test
    void fromANonWorkdayForwardCountingStillLandsOnTheWorkday() {
      LocalDate a = parse("2018-10-03");
      for (LocalDate b = a; b.isBefore(parse("2018-12-31")); b = b.plusDays(1)) {
        if (CAL.isWorkday(b)) {
          assertThat(CAL.addWorkdays(a, CAL.workdaysBetween(a, b))).isEqualTo(b);
        }
      }
    }
  }

  @Nested
  class Construction {

    private final LocalDate saturday = parse("2030-06-01");

    @Test
    void weekdaysOnlyKnowsNoHolidays() {
      WorkCalendar cal = WorkCalendar.weekdaysOnly();
      assertThat(cal.isWorkday(parse("2018-10-01"))).isTrue();
      assertThat(cal.isWorkday(parse("2018-09-29"))).isFalse();
      assertThat(cal.coveredYears()).isEmpty();
      assertThat(WorkCalendar.of(List.of())).isSameAs(cal);
    }

    @Test
    void aDateSetByTwoYearsIsRejected() {
      CalendarYear a = new CalendarYear(2030, "a", Map.of(parse("2030-12-30"), "x"), Map.of());
      CalendarYear b = new CalendarYear(2031, "b", Map.of(), Map.of(parse("2030-12-28"), "y"));
      CalendarYear c = new CalendarYear(2031, "c", Map.of(parse("2030-12-30"), "z"), Map.of());
      assertThat(WorkCalendar.of(List.of(a, b)).isWorkday(parse("2030-12-28"))).isTrue();
      assertThatThrownBy(() -> WorkCalendar.of(List.of(a, c)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2030-12-30");
    }

    @Test
    void aYearGivenTwiceIsRejected() {
      CalendarYear a = new CalendarYear(2030, "a", Map.of(), Map.of());
      assertThatThrownBy(() -> WorkCalendar.of(List.of(a, a)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2030");
    }

    @Test
    void calendarYearChecksItsDates() {
      assertThatThrownBy(
              () -> new CalendarYear(2030, "s", Map.of(parse("2029-11-30"), "x"), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2029-11-30");
      assertThatThrownBy(
              () -> new CalendarYear(2030, "s", Map.of(), Map.of(parse("2030-06-03"), "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("不是周六或周日");
      assertThatThrownBy(
              () -> new CalendarYear(2030, "s", Map.of(saturday, "x"), Map.of(saturday, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("既是放假日又是调休上班日");
      assertThat(new CalendarYear(2030, "s", Map.of(parse("2029-12-01"), "x"), Map.of()).holidays())
          .containsKey(parse("2029-12-01"));
    }
  }
}
