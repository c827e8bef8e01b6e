package io.duban.progress;

import io.duban.plan.Plan;
import io.duban.progress.PlanView.Phase;
import io.duban.report.StateCache;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plans of every year the database holds. Only the active plan takes reports and reminders; a
 * year before it, replaced by a later active plan, stays queryable read-only with its figures as
 * finally recorded, shown as at the end of its period (docs/years.md).
 */
@ApplicationScoped
public class PlanYears {
  @Inject ProgressService progress;
  @Inject PlanStructure structures;
  @Inject StateCache figures;
  @Inject PlanClock planClock;

  /**
   * How a year stands: its plan (null when none is held), whether it is the active one or closed (a
   * later year's plan is active), and every year held.
   */
  public record Standing(Plan plan, boolean active, boolean closed, List<Integer> years) {
    public boolean held() {
      return plan != null;
    }

    /** "2018、2019", for replies naming the years held. */
    public String yearList() {
      return years.stream().map(String::valueOf).collect(Collectors.joining("、"));
    }

    /** The short sentence for a year without a plan, naming the years held. */
    public String notHeld(int year) {
      return years.isEmpty()
          ? "没有 " + year + " 年的计划，目前还没有加载任何计划。"
          : "没有 " + year + " 年的计划。现有 " + yearList() + " 年的计划。";
    }
  }

  @Transactional
  public Standing standing(int year) {
    Plan active = structures.current().plan();
    List<Integer> years = structures.years();
    if (active != null && active.year == year) {
      return new Standing(active, true, false, years);
    }
    PlanStructure.Structure structure = structures.ofYear(year);
    Plan plan = structure == null ? null : structure.plan();
    return new Standing(plan, false, plan != null && closed(plan, active), years);
  }

  /**
   * The plan of {@code year} as the read side shows it: the active plan as {@link
   * ProgressService#today}; a closed year with its figures as finally recorded, as at the end of
   * its period: 序时进度 100%, statuses at the year's end, {@link Phase#ENDED}; any other held year on
   * the plan clock's today. Null when the database holds no plan of that year.
   */
  @Transactional
  public PlanView view(int year) {
    PlanStructure.Structure active = structures.current();
    if (active.plan() != null && active.plan().year == year) {
      return progress.today();
    }
    PlanStructure.Structure structure = structures.ofYear(year);
    if (structure == null) {
      return null;
    }
    StateCache.Snapshot snapshot = figures.visible();
    if (!closed(structure.plan(), active.plan())) {
      return progress.buildWith(
          structure, planClock.today(), snapshot.byTarget(), snapshot.items());
    }
    PlanView atEnd =
        progress.buildWith(
            structure, structure.plan().periodEnd, snapshot.byTarget(), snapshot.items());
    return new PlanView(
        atEnd.plan(),
        atEnd.date(),
        Phase.ENDED,
        atEnd.schedule(),
        atEnd.categories(),
        atEnd.targets(),
        atEnd.units(),
        atEnd.completion(),
        atEnd.statusCounts());
  }

  /** The years of every plan held, in order. */
  @Transactional
  public List<Integer> years() {
    return structures.years();
  }

  /** A plan an active plan of a later year replaced: read-only, over. */
  static boolean closed(Plan plan, Plan active) {
    return active != null && !plan.id.equals(active.id) && plan.year < active.year;
  }
}
