package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.StateCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who did not report in a past period (未报 5月, 上个月谁没报), by the one definition of "reported"
 * (docs/contract.md §4) applied to that period: a (unit, target) active in the period reported when
 * a not withdrawn report of it is dated inside the target's own period containing it.
 */
@ApplicationScoped
public class PastReporting {
  @Inject StateCache figures;
  @Inject CalendarService calendars;
  @Inject EntityManager em;

  /** A unit and the targets it did not report in the period. */
  public record Owed(long unitId, String unitName, List<TargetView> targets) {}

  /**
   * The plan's reporting period that contains the 15th of {@code month} of the plan year; null when
   * it lies outside the plan.
   */
  public ReportingPeriod monthPeriod(PlanView view, int month) {
    LocalDate mid = LocalDate.of(view.plan().periodStart.getYear(), month, 15);
    if (mid.isBefore(view.plan().periodStart)) {
      mid = LocalDate.of(view.plan().periodStart.getYear() + 1, month, 15);
    }
    return calendars.planPeriodFor(view.plan(), mid);
  }

  /** The plan's period before the one of the view's date; null in the first. */
  public ReportingPeriod previousPeriod(PlanView view) {
    ReportingPeriod now = calendars.planPeriodFor(view.plan(), view.date());
    return now == null ? null : calendars.planPeriodFor(view.plan(), now.start().minusDays(1));
  }

  /** The units that owed reports in a past period, most owed first. */
  @Transactional
  public List<Owed> unreported(PlanView view, ReportingPeriod planPeriod) {
    Map<Long, LocalDate> doneSince = figures.visible().done();
    LocalDate mid =
        planPeriod
            .start()
            .plusDays((planPeriod.end().toEpochDay() - planPeriod.start().toEpochDay()) / 2);
    Map<Long, ReportingPeriod> periods = new HashMap<>();
    LocalDate from = planPeriod.start();
    LocalDate to = planPeriod.end();
    for (TargetView t : view.targets().values()) {
      ReportingPeriod p =
          Periods.periodFor(
              CalendarService.scheme(t.target(), view.plan()),
              mid,
              view.plan().periodStart,
              view.plan().periodEnd,
              calendars.calendar());
      if (p != null
          && p.end().isBefore(view.date())
          && UnitReporting.isActive(t.target(), p, doneSince)) {
        periods.put(t.target().id, p);
        from = p.start().isBefore(from) ? p.start() : from;
        to = p.end().isAfter(to) ? p.end() : to;
      }
    }
    Set<String> reported = new HashSet<>();
    for (Object[] r :
        em.createQuery(
                "select r.target.id, r.unit.id, r.planDate from Report r where r.withdrawn = false"
                    + " and r.planDate >= :from and r.planDate <= :to",
                Object[].class)
            .setParameter("from", from)
            .setParameter("to", to)
            .getResultList()) {
      ReportingPeriod p = periods.get((Long) r[0]);
      if (p != null && p.contains((LocalDate) r[2])) {
        reported.add(r[0] + ":" + r[1]);
      }
    }
    List<Owed> out = new ArrayList<>();
    for (UnitView u : view.units()) {
      List<TargetView> owed = new ArrayList<>();
      for (TargetView t : u.targets()) {
        if (periods.containsKey(t.target().id)
            && !reported.contains(t.target().id + ":" + u.unit().id)) {
          owed.add(t);
        }
      }
      if (!owed.isEmpty()) {
        out.add(new Owed(u.unit().id, u.unit().name, owed));
      }
    }
    out.sort(Comparator.comparing((Owed o) -> -o.targets().size()).thenComparing(Owed::unitName));
    return out;
  }
}
