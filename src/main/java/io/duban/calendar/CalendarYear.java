package io.duban.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/** The holidays and make-up workdays set by one year's State Council notice, by date and name. */
// holidays include weekend days that belong to a break; workdays are make-up workdays (调休上班日),
// always a Saturday or Sunday. A notice may reach into December of the previous year (the 2019
// notice moved 2018-12-29..31), so dates from (year - 1)-12-01 to year-12-31 are accepted.
public record CalendarYear(
    int year,
    String source,
    NavigableMap<LocalDate, String> holidays,
    NavigableMap<LocalDate, String> workdays) {

  public CalendarYear {
    Objects.requireNonNull(source, "source");
    holidays = immutableCopy(holidays, "holidays");
    workdays = immutableCopy(workdays, "workdays");
    LocalDate first = firstAllowedDate(year);
    LocalDate last = lastAllowedDate(year);
    for (Map.Entry<LocalDate, String> e : holidays.entrySet()) {
      checkDate(year, e.getKey(), first, last);
    }
    for (Map.Entry<LocalDate, String> e : workdays.entrySet()) {
      checkDate(year, e.getKey(), first, last);
      if (holidays.containsKey(e.getKey())) {
        throw new IllegalArgumentException(year + " 年日历中 " + e.getKey() + " 既是放假日又是调休上班日");
      }
      DayOfWeek dow = e.getKey().getDayOfWeek();
      if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
        throw new IllegalArgumentException(year + " 年日历中的调休上班日 " + e.getKey() + " 不是周六或周日");
      }
    }
  }

  /** Convenience for callers that build a calendar in code, e.g. tests. */
  public CalendarYear(
      int year, String source, Map<LocalDate, String> holidays, Map<LocalDate, String> workdays) {
    this(year, source, new TreeMap<>(holidays), new TreeMap<>(workdays));
  }

  /** The earliest date a notice for {@code year} may set: 1 December of the previous year. */
  public static LocalDate firstAllowedDate(int year) {
    return LocalDate.of(year - 1, 12, 1);
  }

  /** The latest date a notice for {@code year} may set: 31 December of that year. */
  public static LocalDate lastAllowedDate(int year) {
    return LocalDate.of(year, 12, 31);
  }

  private static NavigableMap<LocalDate, String> immutableCopy(
      Map<LocalDate, String> days, String what) {
    Objects.requireNonNull(days, what);
    TreeMap<LocalDate, String> copy = new TreeMap<>();
    days.forEach(
        (date, name) -> copy.put(Objects.requireNonNull(date), Objects.requireNonNull(name)));
    return Collections.unmodifiableNavigableMap(copy);
  }

  private static void checkDate(int year, LocalDate date, LocalDate first, LocalDate last) {
    if (date.isBefore(first) || date.isAfter(last)) {
      throw new IllegalArgumentException(
          year + " 年日历中的日期 " + date + " 超出范围，只能在 " + first + " 至 " + last + " 之间");
    }
  }
}
