package io.duban.reminder;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.plan.Plan;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a unit owes as far as reminders are concerned: the units' statuses without the periods
 * before the plan's {@code tracking-from} (never owed), the periods a unit owes, and what it owes
 * for one of them.
 */
final class Owing {
  private Owing() {}

  /** The statuses without untracked periods; a unit owing only those owes nothing. */
  static Map<Long, UnitStatus> tracked(Plan plan, Map<Long, UnitStatus> statuses) {
    Map<Long, UnitStatus> out = new LinkedHashMap<>();
    for (Map.Entry<Long, UnitStatus> e : statuses.entrySet()) {
      out.put(e.getKey(), tracked(plan, e.getValue()));
    }
    return out;
  }

  /** One unit's status as {@link #tracked(Plan, Map)} gives it (null stays null). */
  static UnitStatus tracked(Plan plan, UnitStatus s) {
    if (s == null || plan.trackingFrom == null) {
      return s;
    }
    List<Pending> pending = new ArrayList<>();
    boolean changed = false;
    for (Pending p : s.pending()) {
      if (!CalendarService.tracked(plan, p.period())) {
        changed = true;
      } else if (p.missedPeriod() != null && !CalendarService.tracked(plan, p.missedPeriod())) {
        changed = true;
        pending.add(new Pending(p.target(), p.period(), p.late(), null));
      } else {
        pending.add(p);
      }
    }
    return changed ? with(s, pending) : s;
  }

  /**
   * The unit's status listing only the targets that owe {@code period} with its deadline (a target
   * whose deadline a 延期 moved owes it under its own deadline).
   */
  static UnitStatus forPeriod(UnitStatus s, ReportingPeriod period) {
    List<Pending> pending = new ArrayList<>();
    String id = id(period);
    for (Pending p : s.pending()) {
      if (id(p.period()).equals(id)
          || p.missedPeriod() != null && id(p.missedPeriod()).equals(id)) {
        pending.add(p);
      }
    }
    return with(s, pending);
  }

  /**
   * Every period the unit owes, worst first (earliest deadline); a period whose deadline was moved
   * for some of the unit's targets (an approved 延期) is listed once per deadline.
   */
  static List<ReportingPeriod> periods(UnitStatus s) {
    Map<String, ReportingPeriod> byKey = new LinkedHashMap<>();
    for (Pending p : s.pending()) {
      if (p.missedPeriod() != null) {
        byKey.putIfAbsent(id(p.missedPeriod()), p.missedPeriod());
      }
      byKey.putIfAbsent(id(p.period()), p.period());
    }
    List<ReportingPeriod> out = new ArrayList<>(byKey.values());
    out.sort(
        Comparator.comparing(ReportingPeriod::deadline)
            .thenComparing(ReportingPeriod::end)
            .thenComparing(ReportingPeriod::key));
    return out;
  }

  /** A period and the deadline the unit has for it: "2018-06@2018-06-25". */
  static String id(ReportingPeriod p) {
    return p.key() + "@" + p.deadline();
  }

  private static UnitStatus with(UnitStatus s, List<Pending> pending) {
    return new UnitStatus(
        s.unitId(),
        s.unitName(),
        pending.isEmpty(),
        s.periodLabel(),
        s.deadline(),
        List.copyOf(pending),
        s.active());
  }
}
