package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.PeriodScheme;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.extension.Deadlines;
import io.duban.plan.Target;
import io.duban.progress.PlanView.OwnerFigure;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.StateCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition (docs/contract.md §4) of "reported": a (unit, target) has reported for a
 * period when a confirmed, not withdrawn report dated inside the period exists; a unit has reported
 * when all its active targets (not retired, not done before the period started) have. 未报, the API's
 * {@code reported} flags and the reminders all use this class.
 */
@ApplicationScoped
public class UnitReporting {
  @Inject StateCache figures;
  @Inject CalendarService calendars;
  @Inject Deadlines deadlines;

  /**
   * A target a unit still owes for its current period; {@code late} once the period's deadline has
   * passed, {@code missedPeriod} when the previous period went unreported too. Both periods carry
   * the unit's own deadline for the target (moved by an approved 延期, see {@link Deadlines}).
   */
  public record Pending(
      TargetView target, ReportingPeriod period, boolean late, ReportingPeriod missedPeriod) {}

  /** A unit's state for the current period. */
  public record UnitStatus(
      long unitId,
      String unitName,
      Boolean reported,
      String periodLabel,
      LocalDate deadline,
      List<Pending> pending,
      List<TargetView> active) {}

  /** Status of every unit that owns targets; empty outside the plan's period. */
  @Transactional
  public Map<Long, UnitStatus> statuses(PlanView view) {
    Map<Long, LocalDate> doneSince = figures.visible().done();
    Deadlines.Snapshot extended = deadlines.current();
    Statuses last = lastStatuses;
    if (last != null
        && last.view() == view
        && last.done() == doneSince
        && last.extended() == extended) {
      return last.statuses();
    }
    Map<Long, UnitStatus> out =
        java.util.Collections.unmodifiableMap(statuses(view, doneSince, extended));
    lastStatuses = new Statuses(view, doneSince, extended, out);
    return out;
  }

  /** The last answer, kept while the same view, done marks and extensions are asked about. */
  private record Statuses(
      PlanView view,
      Map<Long, LocalDate> done,
      Deadlines.Snapshot extended,
      Map<Long, UnitStatus> statuses) {}

  private volatile Statuses lastStatuses;

  private Map<Long, UnitStatus> statuses(
      PlanView view, Map<Long, LocalDate> doneSince, Deadlines.Snapshot extended) {
    Map<Long, UnitStatus> out = new LinkedHashMap<>();
    if (view.phase() != Phase.RUNNING) {
      return out;
    }
    ReportingPeriod planPeriod = calendars.planPeriodFor(view.plan(), view.date());
    // thousands of targets share a handful of schemes: each scheme's periods are worked out once
    Map<PeriodScheme, SchemePeriods> periods = new HashMap<>();
    for (UnitView u : view.units()) {
      if (u.targets().isEmpty()) {
        continue;
      }
      List<Pending> pending = new ArrayList<>();
      List<TargetView> active = new ArrayList<>();
      for (TargetView t : u.targets()) {
        SchemePeriods sp =
            periods.computeIfAbsent(
                CalendarService.scheme(t.target(), view.plan()), s -> schemePeriods(s, view));
        ReportingPeriod period = sp.current();
        if (period == null || !isActive(t.target(), period, doneSince)) {
          continue;
        }
        active.add(t);
        if (!reportedIn(t, u.unit().name, period)) {
          long unit = u.unit().id;
          ReportingPeriod own = extended.period(unit, t.target().id, period);
          ReportingPeriod missed = missedPrevious(t, u.unit().name, sp.previous(), doneSince);
          pending.add(
              new Pending(
                  t,
                  own,
                  view.date().isAfter(own.deadline()),
                  extended.period(unit, t.target().id, missed)));
        }
      }
      out.put(
          u.unit().id,
          new UnitStatus(
              u.unit().id,
              u.unit().name,
              pending.isEmpty(),
              planPeriod == null ? null : planPeriod.label(),
              planPeriod == null ? null : planPeriod.deadline(),
              pending,
              active));
    }
    return out;
  }

  /**
   * The period {@code p} is overdue for on {@code day}: the missed previous period unless an
   * approved 延期 still runs for it, else the current one once late; null when not overdue.
   */
  public static ReportingPeriod overdueIn(Pending p, LocalDate day) {
    if (p.missedPeriod() != null && day.isAfter(p.missedPeriod().deadline())) {
      return p.missedPeriod();
    }
    return p.late() ? p.period() : null;
  }

  /** The missed previous period when it is overdue on {@code day} (see {@link #overdueIn}). */
  public static ReportingPeriod missedOverdue(Pending p, LocalDate day) {
    return p.missedPeriod() != null && day.isAfter(p.missedPeriod().deadline())
        ? p.missedPeriod()
        : null;
  }

  /** A scheme's period on the view's date and the one before it (null outside the plan). */
  private record SchemePeriods(ReportingPeriod current, ReportingPeriod previous) {}

  private SchemePeriods schemePeriods(PeriodScheme scheme, PlanView view) {
    LocalDate start = view.plan().periodStart;
    LocalDate end = view.plan().periodEnd;
    ReportingPeriod current =
        Periods.periodFor(scheme, view.date(), start, end, calendars.calendar());
    return new SchemePeriods(
        current,
        current == null
            ? null
            : Periods.previous(scheme, current, start, end, calendars.calendar()));
  }

  /** The previous period when it was active for the target and the unit reported nothing in it. */
  private static ReportingPeriod missedPrevious(
      TargetView t, String unitName, ReportingPeriod previous, Map<Long, LocalDate> doneSince) {
    if (previous == null || !isActive(t.target(), previous, doneSince)) {
      return null;
    }
    for (OwnerFigure o : t.perUnit()) {
      if (o.unit().equals(unitName)
          && o.lastReportDate() != null
          && !o.lastReportDate().isBefore(previous.start())) {
        return null;
      }
    }
    return previous;
  }

  /**
   * Whether the target is owed for the period: not retired, not done before it started, and the
   * period tracked (not before the plan's {@code tracking-from}).
   */
  static boolean isActive(Target target, ReportingPeriod period, Map<Long, LocalDate> doneSince) {
    LocalDate done = doneSince.get(target.id);
    return !target.retired
        && (done == null || !done.isBefore(period.start()))
        && CalendarService.tracked(target.plan, period);
  }

  static boolean reportedIn(TargetView t, String unitName, ReportingPeriod period) {
    for (OwnerFigure o : t.perUnit()) {
      if (o.unit().equals(unitName)
          && o.lastReportDate() != null
          && period.contains(o.lastReportDate())) {
        return true;
      }
    }
    return false;
  }
}
