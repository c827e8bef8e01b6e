package io.duban.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** How a plan's reporting periods are cut and when each one's figures are due. */
public sealed interface PeriodScheme
    permits PeriodScheme.Monthly, PeriodScheme.Quarterly, PeriodScheme.Fixed {

  /** The deadline day used when a plan names none. */
  int DEFAULT_DEADLINE_DAY = 25;

  /** Monthly reporting, due on the 25th. */
  static Monthly monthly() {
    return new Monthly(DEFAULT_DEADLINE_DAY);
  }

  /** Monthly reporting, due on day {@code deadlineDay} of each month. */
  static Monthly monthly(int deadlineDay) {
    return new Monthly(deadlineDay);
  }

  /** Quarterly reporting, due on the 25th of each quarter's last month. */
  static Quarterly quarterly() {
    return new Quarterly(DEFAULT_DEADLINE_DAY);
  }

  /** Quarterly reporting, due on day {@code deadlineDay} of each quarter's last month. */
  static Quarterly quarterly(int deadlineDay) {
    return new Quarterly(deadlineDay);
  }

  /** Reporting on the given deadlines, which must be strictly increasing. */
  static Fixed fixed(List<LocalDate> deadlines) {
    return new Fixed(deadlines);
  }

  /** Reporting on the given deadlines, which must be strictly increasing. */
  static Fixed fixed(LocalDate... deadlines) {
    return new Fixed(List.of(deadlines));
  }

  /** One period per calendar month, due on day D (the month's last day when D exceeds it). */
  record Monthly(int deadlineDay) implements PeriodScheme {
    public Monthly {
      checkDay(deadlineDay);
    }
  }

  /** One period per calendar quarter, due on day D of the quarter's last month. */
  record Quarterly(int deadlineDay) implements PeriodScheme {
    public Quarterly {
      checkDay(deadlineDay);
    }
  }

  /** Periods ending on fixed deadlines; the last period runs on to the plan's end. */
  record Fixed(List<LocalDate> deadlines) implements PeriodScheme {
    public Fixed {
      deadlines = List.copyOf(Objects.requireNonNull(deadlines, "deadlines"));
      if (deadlines.isEmpty()) {
        throw new IllegalArgumentException("固定报送期至少要有一个截止日期");
      }
      for (int i = 1; i < deadlines.size(); i++) {
        if (!deadlines.get(i).isAfter(deadlines.get(i - 1))) {
          throw new IllegalArgumentException(
              "固定报送的截止日期应从早到晚排列且不重复：" + deadlines.get(i - 1) + " 之后是 " + deadlines.get(i));
        }
      }
    }
  }

  private static void checkDay(int deadlineDay) {
    if (deadlineDay < 1 || deadlineDay > 31) {
      throw new IllegalArgumentException("截止日应为每月 1 至 31 日之间，而不是 " + deadlineDay);
    }
  }
}
