package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.ScheduleCurve;
import io.duban.plan.Plan;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ItemView;
import io.duban.progress.PlanView.OwnerFigure;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.ProgressMath;
import io.duban.report.Report;
import io.duban.report.StateCache;
import io.duban.report.Status;
import io.duban.report.TaskProgress;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link PlanView} of the active plan from the current states, in a few queries. */
@ApplicationScoped
public class ProgressService {
  @Inject EntityManager em;
  @Inject PlanClock planClock;
  @Inject CalendarService calendars;
  @Inject PlanStructure structures;
  @Inject StateCache figures;

  /** The active plan on the plan clock's today; null when no plan is loaded. */
  @Transactional
  public PlanView today() {
    return view(planClock.today());
  }

  /** The active plan and where the plan clock's today stands in it (no figures read). */
  public record Standing(Plan plan, Phase phase) {}

  /** Null when no plan is loaded. */
  @Transactional
  public Standing standingToday() {
    Plan plan = structures.current().plan();
    return plan == null ? null : new Standing(plan, phaseOf(plan, planClock.today()));
  }

  /**
   * One target as {@link #view} shows it today, reading only its own states (the reply to a report:
   * no plan-wide work while the target is locked). Null when it is not in the active plan.
   */
  @Transactional
  public TargetView targetToday(long targetId) {
    PlanStructure.Structure structure = structures.current();
    Plan plan = structure.plan();
    if (plan == null) {
      return null;
    }
    Target target = null;
    for (Target t : structure.targets()) {
      if (t.id == targetId) {
        target = t;
        break;
      }
    }
    if (target == null) {
      return null;
    }
    LocalDate date = planClock.today();
    StateCache.Snapshot snapshot = figures.visible();
    List<StateCache.Row> states = snapshot.rows(targetId);
    Map<Long, StateCache.ItemDone> itemsDone = snapshot.items();
    Map<String, ScheduleCurve> curves = CalendarService.curves(plan);
    ScheduleCurve curve =
        curves.getOrDefault(target.curve == null ? "linear" : target.curve, curves.get("linear"));
    return targetView(
        plan,
        target,
        date,
        curve.fractionAt(plan.periodStart, plan.periodEnd, date),
        states,
        structure.items().get(target.id),
        itemsDone);
  }

  static Phase phaseOf(Plan plan, LocalDate date) {
    return date.isBefore(plan.periodStart)
        ? Phase.NOT_STARTED
        : date.isAfter(plan.periodEnd) ? Phase.ENDED : Phase.RUNNING;
  }

  /**
   * The loaded configuration's plan structure: the same object until the configuration changes, so
   * that callers may key what they derive from views on it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Object structure() {
    return structures.current();
  }

  @Transactional
  public PlanView view(LocalDate date) {
    PlanStructure.Structure structure = structures.current();
    if (structure.plan() == null) {
      return null;
    }
    StateCache.Snapshot snapshot = figures.visible();
    CachedView c = lastView;
    if (c != null
        && snapshot.serial() >= 0
        && c.structure() == structure
        && c.serial() == snapshot.serial()
        && c.date().equals(date)) {
      return c.view();
    }
    PlanView view = buildWith(structure, date, snapshot.byTarget(), snapshot.items());
    if (snapshot.serial() >= 0) {
      lastView = new CachedView(structure, snapshot.serial(), date, view);
    }
    return view;
  }

  /** The last view built, reused while neither the structure, the figures nor the date changed. */
  private record CachedView(
      PlanStructure.Structure structure, long serial, LocalDate date, PlanView view) {}

  private volatile CachedView lastView;

  /** A done checklist item: when, and by which unit's report (null: unknown). */
  private static StateCache.ItemDone doneOn(LocalDate on) {
    return new StateCache.ItemDone(on, null);
  }

  /**
   * The plan as it stood at the end of a plan-clock date, rebuilt from the report history: the
   * latest figure, item and note of each owner dated on or before it, counting reports withdrawn
   * only later (the Excel export's {@code asOf}).
   */
  @Transactional
  public PlanView viewAsOf(LocalDate date) {
    return viewAsOf(structures.current(), date);
  }

  /** {@link #viewAsOf(LocalDate)} of the plan of {@code year}; null when no plan of it is held. */
  @Transactional
  public PlanView viewAsOf(int year, LocalDate date) {
    PlanStructure.Structure structure = structures.ofYear(year);
    return structure == null ? null : viewAsOf(structure, date);
  }

  private PlanView viewAsOf(PlanStructure.Structure structure, LocalDate date) {
    Plan plan = structure.plan();
    if (plan == null) {
      return null;
    }
    Instant endOfDay = planClock.toWall(date.plusDays(1).atStartOfDay());
    List<Report> history =
        em.createQuery(
                "select r from Report r where r.target.plan = :plan and r.planDate <= :date"
                    + " and (r.withdrawn = false or r.withdrawnAt >= :end) order by r.planDate, r.id",
                Report.class)
            .setParameter("plan", plan)
            .setParameter("date", date)
            .setParameter("end", endOfDay)
            .getResultList();
    Map<String, StateCache.Row> latest = new LinkedHashMap<>();
    Map<Long, LocalDate> itemsDone = new HashMap<>();
    for (Report r : history) {
      if (r.discarded()) {
        continue; // returned or superseded under 审核: never reported
      }
      String key = r.target.id + ":" + r.unit.id;
      StateCache.Row prev = latest.get(key);
      BigDecimal figure = prev == null ? null : prev.figure();
      String progress = prev == null ? null : prev.progress();
      String note = prev == null ? null : prev.note();
      switch (r.kind) {
        case FIGURE -> figure = r.counts() ? r.figure : figure;
        case PROGRESS -> {
          progress = r.progress;
          note = r.note != null ? r.note : note;
        }
        case ITEM -> itemsDone.putIfAbsent(r.item.id, r.planDate);
      }
      latest.put(
          key,
          new StateCache.Row(
              r.target.id, r.unit.id, figure, progress, note, r.id, r.planDate, r.recordedAt, 0));
    }
    Map<Long, List<StateCache.Row>> states = new HashMap<>();
    latest.forEach(
        (key, row) ->
            states
                .computeIfAbsent(
                    Long.parseLong(key.substring(0, key.indexOf(':'))), k -> new ArrayList<>())
                .add(row));
    return build(structure, date, states, itemsDone);
  }

  /** A view from rebuilt states whose items are known by date only (no unit credited). */
  PlanView build(
      PlanStructure.Structure structure,
      LocalDate date,
      Map<Long, List<StateCache.Row>> states,
      Map<Long, LocalDate> itemsDone) {
    Map<Long, StateCache.ItemDone> done = new HashMap<>();
    itemsDone.forEach((id, on) -> done.put(id, doneOn(on)));
    return buildWith(structure, date, states, done);
  }

  PlanView buildWith(
      PlanStructure.Structure structure,
      LocalDate date,
      Map<Long, List<StateCache.Row>> states,
      Map<Long, StateCache.ItemDone> itemsDone) {
    Plan plan = structure.plan();
    Phase phase = phaseOf(plan, date);
    Map<String, ScheduleCurve> curves = CalendarService.curves(plan);
    BigDecimal planSchedule =
        curves.get("linear").fractionAt(plan.periodStart, plan.periodEnd, date);
    List<Project> projects = structure.projects();
    List<Target> targets = structure.targets();
    Map<Long, List<PlanStructure.Item>> items = structure.items();
    List<Unit> units = structure.units();

    Map<Long, TargetView> targetViews = new LinkedHashMap<>();
    Map<Long, List<TargetView>> byProject = new HashMap<>();
    // 序时进度 of each curve on this date, worked out once (every target of a curve shares it)
    Map<ScheduleCurve, BigDecimal> schedules = new HashMap<>();
    for (Target t : targets) {
      ScheduleCurve curve =
          curves.getOrDefault(t.curve == null ? "linear" : t.curve, curves.get("linear"));
      BigDecimal schedule =
          schedules.computeIfAbsent(
              curve, c -> c.fractionAt(plan.periodStart, plan.periodEnd, date));
      TargetView view =
          targetView(
              plan,
              t,
              date,
              schedule,
              states.getOrDefault(t.id, List.of()),
              items.get(t.id),
              itemsDone);
      targetViews.put(t.id, view);
      byProject.computeIfAbsent(t.project.id, k -> new ArrayList<>()).add(view);
    }

    List<CategoryView> categories = CategoryViews.of(projects, byProject);
    List<UnitView> unitViews = UnitShares.unitViews(units, targetViews);
    List<TargetView> all = new ArrayList<>(targetViews.values());
    return new PlanView(
        plan,
        date,
        phase,
        planSchedule,
        categories,
        targetViews,
        unitViews,
        meanCompletion(all),
        counts(all));
  }

  private TargetView targetView(
      Plan plan,
      Target t,
      LocalDate date,
      BigDecimal schedule,
      List<StateCache.Row> states,
      List<PlanStructure.Item> targetItems,
      Map<Long, StateCache.ItemDone> itemsDone) {
    Owners owners = owners(t, states);
    BigDecimal current = null;
    BigDecimal completion = null;
    Status status;
    List<ItemView> itemViews = List.of();
    TaskProgress progress = null;
    String note = null;
    LocalDate noteDate = null;
    switch (t.kind) {
      case NUMERIC -> {
        current = ProgressMath.aggregate(t.aggregateRule, owners.figures(), t.baseline);
        completion = ProgressMath.completion(current, t.targetValue, t.baseline);
        status = ProgressMath.status(completion, schedule, plan.statusGap);
      }
      case CHECKLIST -> {
        List<PlanStructure.Item> list = targetItems == null ? List.of() : targetItems;
        itemViews =
            list.stream()
                .map(
                    i -> {
                      StateCache.ItemDone done = itemsDone.get(i.id());
                      return done == null
                          ? new ItemView(i.name(), false, null, null)
                          : new ItemView(i.name(), true, done.on(), done.by());
                    })
                .toList();
        long done = itemViews.stream().filter(ItemView::done).count();
        current = BigDecimal.valueOf(done);
        completion = ProgressMath.completion(current, BigDecimal.valueOf(list.size()), null);
        status = ProgressMath.status(completion, schedule, plan.statusGap);
      }
      default -> {
        progress = overallTaskProgress(owners.perUnit());
        if (owners.latestTask() != null) {
          note = owners.latestTask().note();
          noteDate = owners.latestTask().lastPlanDate();
        }
        completion = progress == TaskProgress.DONE ? BigDecimal.ONE : BigDecimal.ZERO;
        status = ProgressMath.taskStatus(progress, inFirstPeriod(plan, t, date));
      }
    }
    return new TargetView(
        t,
        t.project.name,
        schedule,
        current,
        completion,
        status,
        owners.perUnit(),
        itemViews,
        progress,
        note,
        noteDate,
        owners.lastAt(),
        owners.lastDate());
  }

  /** A target's owners: figures shown and aggregated, the latest report and task update. */
  private record Owners(
      List<OwnerFigure> perUnit,
      List<ProgressMath.OwnerFigure> figures,
      Instant lastAt,
      LocalDate lastDate,
      StateCache.Row latestTask) {}

  private static Owners owners(Target t, List<StateCache.Row> states) {
    List<OwnerFigure> perUnit = new ArrayList<>();
    List<ProgressMath.OwnerFigure> figures = new ArrayList<>();
    Instant lastAt = null;
    LocalDate lastDate = null;
    StateCache.Row latestTask = null;
    for (Unit owner : t.owners) {
      StateCache.Row s =
          states.stream().filter(r -> r.unitId() == owner.id).findFirst().orElse(null);
      if (s == null) {
        perUnit.add(new OwnerFigure(owner.name, null, null, null, null));
        continue;
      }
      perUnit.add(
          new OwnerFigure(
              owner.name,
              s.figure(),
              TaskProgress.fromLabel(s.progress()).orElse(null),
              s.lastPlanDate(),
              s.lastRecordedAt(),
              s.pendingFigure(),
              s.pendingReportId(),
              s.pendingRecordedAt()));
      figures.add(
          new ProgressMath.OwnerFigure(
              s.figure(), s.lastReportId() == null ? 0 : s.lastReportId()));
      if (s.lastRecordedAt() != null && (lastAt == null || s.lastRecordedAt().isAfter(lastAt))) {
        lastAt = s.lastRecordedAt();
        lastDate = s.lastPlanDate();
      }
      if (s.progress() != null
          && (latestTask == null
              || (s.lastReportId() != null
                  && latestTask.lastReportId() != null
                  && s.lastReportId() > latestTask.lastReportId()))) {
        latestTask = s;
      }
    }
    return new Owners(perUnit, figures, lastAt, lastDate, latestTask);
  }

  /** A shared task is done when every owner says so, started when any owner has started. */
  private static TaskProgress overallTaskProgress(List<OwnerFigure> perUnit) {
    boolean allDone = !perUnit.isEmpty();
    boolean anyStarted = false;
    for (OwnerFigure f : perUnit) {
      TaskProgress p = f.progress() == null ? TaskProgress.NOT_STARTED : f.progress();
      allDone &= p == TaskProgress.DONE;
      anyStarted |= p != TaskProgress.NOT_STARTED;
    }
    if (allDone) {
      return TaskProgress.DONE;
    }
    return anyStarted ? TaskProgress.IN_PROGRESS : TaskProgress.NOT_STARTED;
  }

  private boolean inFirstPeriod(Plan plan, Target t, LocalDate date) {
    if (date.isBefore(plan.periodStart)) {
      return true;
    }
    ReportingPeriod first =
        Periods.periodFor(
            CalendarService.scheme(t, plan),
            plan.periodStart,
            plan.periodStart,
            plan.periodEnd,
            calendars.calendar());
    return first != null && !date.isAfter(first.end());
  }

  /** Mean completion of NUMERIC and CHECKLIST targets, each capped at 1. */
  static BigDecimal meanCompletion(List<TargetView> targets) {
    return ProgressMath.cappedMean(
        targets.stream()
            .filter(v -> v.target().kind != TargetKind.TASK)
            .map(TargetView::completion)
            .toList());
  }

  static Map<Status, Integer> counts(List<TargetView> targets) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (TargetView v : targets) {
      counts.merge(v.status(), 1, Integer::sum);
    }
    return counts;
  }
}
