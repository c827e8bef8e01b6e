package io.duban.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable Chinese work calendar: official holidays and make-up workdays over Monday–Friday.
 */
public final class WorkCalendar {

  /**
   * From this day on, a December date may still be changed by the next year's notice, which so far
   * has only touched the last few days (the 2019 notice moved 2018-12-29..31); two weeks is a
   * margin, not a law.
   */
  static final MonthDay NEXT_NOTICE_REACH = MonthDay.of(12, 18);

  private static final WorkCalendar WEEKDAYS_ONLY = new WorkCalendar(List.of());

  private final Map<LocalDate, String> holidays = new HashMap<>();
  private final Map<LocalDate, String> workdays = new HashMap<>();
  private final SortedSet<Integer> years;

  private WorkCalendar(Collection<CalendarYear> calendarYears) {
    TreeSet<Integer> seen = new TreeSet<>();
    for (CalendarYear y : calendarYears) {
      if (!seen.add(y.year())) {
        throw new IllegalArgumentException(y.year() + " 年的日历重复");
      }
      merge(y, y.holidays(), holidays);
      merge(y, y.workdays(), workdays);
    }
    this.years = Collections.unmodifiableSortedSet(seen);
  }

  /**
   * Builds a calendar from loaded years; a date may be set by only one of them.
   *
   * @throws IllegalArgumentException when two years set the same date or a year appears twice
   */
  public static WorkCalendar of(Collection<CalendarYear> years) {
    return years.isEmpty() ? WEEKDAYS_ONLY : new WorkCalendar(List.copyOf(years));
  }

  /** A calendar with no holiday data at all: every Monday to Friday is a workday. */
  public static WorkCalendar weekdaysOnly() {
    return WEEKDAYS_ONLY;
  }

  private void merge(CalendarYear y, Map<LocalDate, String> from, Map<LocalDate, String> into) {
    for (Map.Entry<LocalDate, String> e : from.entrySet()) {
      LocalDate d = e.getKey();
      if (holidays.containsKey(d) || workdays.containsKey(d)) {
        throw new IllegalArgumentException(d + " 被不止一个年份的日历规定（其中之一是 " + y.year() + " 年）");
      }
      into.put(d, e.getValue());
    }
  }

  /** Make-up workday → true; official holiday → false; otherwise Monday to Friday. */
  public boolean isWorkday(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (workdays.containsKey(date)) {
      return true;
    }
    if (holidays.containsKey(date)) {
      return false;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** The festival whose break includes {@code date}, e.g. "春节", or null when it is no holiday. */
  public String holidayName(LocalDate date) {
    return holidays.get(Objects.requireNonNull(date, "date"));
  }

  /** The festival a make-up workday belongs to, e.g. "春节" for 2018-02-11, or null. */
  public String makeUpWorkdayName(LocalDate date) {
    return workdays.get(Objects.requireNonNull(date, "date"));
  }

  /** Whether the calendar file of {@code year} was loaded. */
  public boolean covers(int year) {
    return years.contains(year);
  }

  /** The years whose files were loaded, ascending. */
  public SortedSet<Integer> coveredYears() {
    return years;
  }

  /**
   * Whether the calendar knows for sure if {@code date} is a workday: its year's file is loaded
   * and, from 18 December on, the next year's file too, because the next year's notice decides the
   * last days of December (2018-12-29 was set by the 2019 notice).
   */
  public boolean coversDate(LocalDate date) {
    return missingYears(date, date).isEmpty();
  }

  /**
   * The years without a file that {@code from..to} (inclusive, either order) depends on: each year
   * in the range, plus the following year when the range reaches 18–31 December.
   */
  public List<Integer> missingYears(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      LocalDate t = from;
      from = to;
      to = t;
    }
    TreeSet<Integer> missing = new TreeSet<>();
    for (int y = from.getYear(); y <= to.getYear(); y++) {
      if (!covers(y)) {
        missing.add(y);
      }
      LocalDate reach = NEXT_NOTICE_REACH.atYear(y);
      if (!to.isBefore(reach) && !covers(y + 1)) {
        missing.add(y + 1);
      }
    }
    return List.copyOf(missing);
  }

  /** {@code date} itself when it is a workday, else the first workday after it. */
  public LocalDate nextWorkday(LocalDate date) {
    LocalDate d = Objects.requireNonNull(date, "date");
    while (!isWorkday(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** {@code date} itself when it is a workday, else the last workday before it. */
  public LocalDate previousWorkday(LocalDate date) {
    LocalDate d = Objects.requireNonNull(date, "date");
    while (!isWorkday(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /**
   * The {@code n}-th workday strictly after {@code date} (n &gt; 0) or strictly before it (n &lt;
   * 0); n = 0 gives {@code date} unchanged, workday or not.
   */
  public LocalDate addWorkdays(LocalDate date, int n) {
    LocalDate d = Objects.requireNonNull(date, "date");
    int step = n >= 0 ? 1 : -1;
    for (int left = Math.abs(n); left > 0; ) {
      d = d.plusDays(step);
      if (isWorkday(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * The number of workdays in {@code (fromExclusive, toInclusive]}; when {@code toInclusive} is
   * earlier, minus the number in {@code (toInclusive, fromExclusive]}, so that {@code
   * addWorkdays(a, workdaysBetween(a, b)) == b} whenever a and b are workdays.
   */
  public int workdaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    Objects.requireNonNull(fromExclusive, "fromExclusive");
    Objects.requireNonNull(toInclusive, "toInclusive");
    if (toInclusive.isBefore(fromExclusive)) {
      return -workdaysBetween(toInclusive, fromExclusive);
    }
    int count = 0;
    for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
      if (isWorkday(d)) {
        count++;
      }
    }
    return count;
  }
}
