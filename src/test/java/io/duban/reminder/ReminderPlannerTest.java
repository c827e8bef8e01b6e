package io.duban.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.calendar.CalendarFiles;
import io.duban.calendar.CalendarYear;
import io.duban.calendar.PeriodScheme;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.reminder.ReminderPlanner.Owed;
import io.duban.reminder.ReminderPlanner.Planned;
import io.duban.reminder.ReminderPlanner.RuleKind;
import io.duban.reminder.ReminderPlanner.UnitDue;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner across the whole of 2018 on the real work calendar: a unit that owes one monthly
 * target each period (it reported the previous one) is reminded 3 and 1 workdays before the
 * deadline, on it, every workday after it, escalated 2 workdays after it; never on a holiday,
 * always on a 调休 workday, never outside 2018. A unit that never reports stays overdue.
 */
class ReminderPlannerTest {
  static final LocalDate START = LocalDate.of(2018, 1, 1);
  static final LocalDate END = LocalDate.of(2018, 12, 31);
  static final WorkCalendar CAL = CalendarFiles.loadCalendar(Path.of("bot-config/calendar"));
  static final ReminderRules RULES = ReminderRules.defaults();

  /**
   * The plan of every day of 2018 for one unit owing the day's period (and, if never reporting, the
   * last).
   */
  static Map<LocalDate, List<Planned>> year(
      PeriodScheme scheme, WorkCalendar cal, boolean neverReports) {
    Map<LocalDate, List<Planned>> out = new LinkedHashMap<>();
    for (LocalDate d = START.minusDays(3); !d.isAfter(END.plusDays(3)); d = d.plusDays(1)) {
      ReportingPeriod period = Periods.periodFor(scheme, d, START, END, cal);
      List<UnitDue> units = new ArrayList<>();
      if (period != null) {
        ReportingPeriod previous =
            neverReports ? Periods.previous(scheme, period, START, END, cal) : null;
        units.add(new UnitDue(1, "人社局", List.of(new Owed(10, "新增就业岗位", period, previous)), false));
      }
      out.put(d, ReminderPlanner.plan(d, RULES, START, END, cal, units, period));
    }
    return out;
  }

  static List<String> rules(Map<LocalDate, List<Planned>> year, String date) {
    return year.get(LocalDate.parse(date)).stream().map(Planned::ruleId).toList();
  }

  static final Map<LocalDate, List<Planned>> MONTHLY = year(PeriodScheme.monthly(25), CAL, false);
  static final Map<LocalDate, List<Planned>> NEVER = year(PeriodScheme.monthly(25), CAL, true);

  @Test
  void springFestivalWithItsMakeUpWorkdays() {
    // deadline Sunday 02-25 → Monday 02-26; the Saturday 02-24 is a 调休 workday
    assertThat(rules(MONTHLY, "2018-02-26")).contains("on-deadline");
    assertThat(rules(MONTHLY, "2018-02-24")).contains("before-1");
    assertThat(rules(MONTHLY, "2018-02-23")).isEmpty(); // 2 workdays before: no rule
    assertThat(rules(MONTHLY, "2018-02-22")).contains("before-3");
    for (int day = 15; day <= 21; day++) {
      assertThat(MONTHLY.get(LocalDate.of(2018, 2, day))).as("holiday 02-" + day).isEmpty();
    }
    // a unit that left January unreported is overdue, also on the Sunday make-up day 02-11
    assertThat(rules(NEVER, "2018-02-11")).containsExactly("overdue");
    assertThat(rules(NEVER, "2018-02-10")).isEmpty();
    assertThat(rules(NEVER, "2018-02-22"))
        .as("overdue outranks before-3")
        .containsExactly("overdue");
  }

  @Test
  void dragonBoatFestival() {
    assertThat(rules(MONTHLY, "2018-06-20")).containsExactly("before-3");
    assertThat(rules(MONTHLY, "2018-06-21")).isEmpty();
    assertThat(rules(MONTHLY, "2018-06-22")).containsExactly("before-1");
    assertThat(MONTHLY.get(LocalDate.of(2018, 6, 18))).as("端午 Monday").isEmpty();
    assertThat(rules(MONTHLY, "2018-06-25")).containsExactly("on-deadline");
    assertThat(rules(MONTHLY, "2018-06-26")).containsExactly("overdue", "bulletin");
    assertThat(rules(MONTHLY, "2018-06-27")).containsExactly("overdue", "escalate");
    assertThat(rules(MONTHLY, "2018-06-28")).containsExactly("overdue");
  }

  @Test
  void midAutumnAndNationalDayWeek() {
    // 09-24 is 中秋 (Monday): one workday before the Tuesday deadline is Friday 09-21
    assertThat(rules(MONTHLY, "2018-09-21")).containsExactly("before-1");
    assertThat(rules(MONTHLY, "2018-09-19")).containsExactly("before-3");
    assertThat(MONTHLY.get(LocalDate.of(2018, 9, 24))).isEmpty();
    // the weekend make-up days 09-29/30 are workdays; 10-01..07 are not
    assertThat(rules(MONTHLY, "2018-09-29")).containsExactly("overdue");
    assertThat(rules(MONTHLY, "2018-09-30")).containsExactly("overdue");
    assertThat(rules(MONTHLY, "2018-09-27")).containsExactly("overdue", "escalate");
    for (int day = 1; day <= 7; day++) {
      assertThat(MONTHLY.get(LocalDate.of(2018, 10, day))).as("国庆 10-0" + day).isEmpty();
    }
    assertThat(rules(NEVER, "2018-10-08")).containsExactly("overdue");
    assertThat(MONTHLY.get(LocalDate.of(2018, 10, 8)))
        .as("a new period, nothing due yet")
        .isEmpty();
  }

  @Test
  void aDeadlineOnASunday() {
    // 2018-11-25 is a Sunday: the deadline moves to Monday 11-26
    assertThat(rules(MONTHLY, "2018-11-26")).containsExactly("on-deadline");
    assertThat(rules(MONTHLY, "2018-11-23")).containsExactly("before-1");
    assertThat(rules(MONTHLY, "2018-11-25")).isEmpty();
  }

  @Test
  void remindersOnlyOnWorkdaysAndNeverOutsideThePlan() {
    for (Map.Entry<LocalDate, List<Planned>> e : NEVER.entrySet()) {
      if (!e.getValue().isEmpty()) {
        assertThat(CAL.isWorkday(e.getKey())).as(e.getKey() + " is a workday").isTrue();
        assertThat(e.getKey()).isBetween(START, END);
      }
    }
    assertThat(MONTHLY.get(LocalDate.of(2019, 1, 2))).isEmpty();
    assertThat(MONTHLY.get(LocalDate.of(2017, 12, 29))).isEmpty();
  }

  @Test
  void decemberUsesNextYearsNoticeAndEscalatesAtThePeriodsEnd() {
    // with deadline day 31: 12-31 is a holiday from the 2019 notice, 2019-01-02 would leave the
    // period, so the deadline moves back to Saturday 12-29 (a 调休 workday from the 2019 notice)
    Map<LocalDate, List<Planned>> d31 = year(PeriodScheme.monthly(31), CAL, false);
    assertThat(rules(d31, "2018-12-29")).contains("on-deadline");
    // fewer than 2 workdays remain after it in the period: escalated on the period's last workday
    assertThat(rules(d31, "2018-12-29")).contains("escalate");
    assertThat(rules(d31, "2018-12-28")).contains("before-1");
    assertThat(d31.get(LocalDate.of(2018, 12, 31))).isEmpty();
    // without the 2019 file the calendar cannot know: 12-29 is a plain Saturday, 12-31 a Monday
    List<CalendarYear> only2018 =
        CalendarFiles.load(Path.of("bot-config/calendar")).stream()
            .filter(y -> y.year() == 2018)
            .toList();
    Map<LocalDate, List<Planned>> blind =
        year(PeriodScheme.monthly(31), WorkCalendar.of(only2018), false);
    assertThat(blind.get(LocalDate.of(2018, 12, 29))).isEmpty();
    assertThat(rules(blind, "2018-12-31")).contains("on-deadline");
  }

  @Test
  void aUnitGetsOneReminderADayAndPausedUnitsNone() {
    ReportingPeriod june =
        Periods.periodFor(PeriodScheme.monthly(25), LocalDate.of(2018, 6, 22), START, END, CAL);
    List<Owed> owed = List.of(new Owed(1, "甲", june, null), new Owed(2, "乙", june, null));
    List<Planned> plan =
        ReminderPlanner.plan(
            LocalDate.of(2018, 6, 22),
            RULES,
            START,
            END,
            CAL,
            List.of(new UnitDue(1, "人社局", owed, false), new UnitDue(2, "总工会", owed, true)),
            june);
    assertThat(plan).extracting(Planned::unitName).containsExactly("人社局");
    assertThat(plan.get(0).owed()).hasSize(2);
    assertThat(plan.get(0).kind()).isEqualTo(RuleKind.BEFORE);
  }

  @Test
  void anExtendedDeadlineMovesTheRemindersAndTheEscalation() {
    ReportingPeriod june =
        Periods.periodFor(PeriodScheme.monthly(25), LocalDate.of(2018, 6, 20), START, END, CAL);
    // inside the period: reminders count from the new date, escalation on the last workday
    ReportingPeriod to28 = june.withDeadline(LocalDate.of(2018, 6, 28));
    assertThat(ReminderPlanner.escalationDay(to28, 2, CAL)).isEqualTo(LocalDate.of(2018, 6, 29));
    // past the period's end: escalated N workdays after the new date
    ReportingPeriod to5 = june.withDeadline(LocalDate.of(2018, 7, 5));
    assertThat(ReminderPlanner.escalationDay(to5, 2, CAL)).isEqualTo(LocalDate.of(2018, 7, 9));
    Map<String, List<String>> days = new LinkedHashMap<>();
    for (String d : List.of("2018-06-25", "2018-07-02", "2018-07-04", "2018-07-05", "2018-07-09")) {
      LocalDate day = LocalDate.parse(d);
      ReportingPeriod july = Periods.periodFor(PeriodScheme.monthly(25), day, START, END, CAL);
      ReportingPeriod current = day.isAfter(june.end()) ? july : to5;
      ReportingPeriod missed = day.isAfter(june.end()) ? to5 : null;
      List<UnitDue> units =
          List.of(new UnitDue(1, "人社局", List.of(new Owed(10, "新增就业岗位", current, missed)), false));
      days.put(
          d,
          ReminderPlanner.plan(day, RULES, START, END, CAL, units, null).stream()
              .map(Planned::ruleId)
              .toList());
    }
    assertThat(days)
        .containsEntry("2018-06-25", List.of())
        .containsEntry("2018-07-02", List.of("before-3"))
        .containsEntry("2018-07-04", List.of("before-1"))
        .containsEntry("2018-07-05", List.of("on-deadline"))
        .containsEntry("2018-07-09", List.of("overdue", "escalate"));
  }
}
