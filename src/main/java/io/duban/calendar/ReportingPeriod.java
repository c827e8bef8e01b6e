package io.duban.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** One reporting period of a plan, e.g. "2018-06" (2018年6月), with its workday-adjusted deadline. */
// key is stable for storage ("2018-06", "2018-Q2", "2018-F1"); label is what users read;
// nominalDeadline is the configured day before the workday rule moved it.
public record ReportingPeriod(
    String key,
    LocalDate start,
    LocalDate end,
    LocalDate deadline,
    LocalDate nominalDeadline,
    String label) {

  public ReportingPeriod {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(nominalDeadline, "nominalDeadline");
    Objects.requireNonNull(label, "label");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("period " + key + " ends " + end + " before " + start);
    }
  }

  /** Whether {@code date} lies within {@code start..end}, both included. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }

  /**
   * The same period with another deadline (one unit's approved 延期); the key and the label stay, so
   * it is still the same period wherever periods are matched by key.
   */
  public ReportingPeriod withDeadline(LocalDate newDeadline) {
    return newDeadline.equals(deadline)
        ? this
        : new ReportingPeriod(key, start, end, newDeadline, nominalDeadline, label);
  }
}
