package io.duban.boot;

import io.duban.audit.Audit;
import io.duban.config.ConfigFileException;
import io.duban.plan.Category;
import io.duban.plan.ChecklistItem;
import io.duban.plan.Plan;
import io.duban.plan.PlanExclusion;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import io.duban.plan.PlanSpec.CategorySpec;
import io.duban.plan.PlanSpec.ExclusionSpec;
import io.duban.plan.PlanSpec.ProjectSpec;
import io.duban.plan.PlanSpec.TargetSpec;
import io.duban.plan.PlanSpec.UnitSpec;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.report.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a checked plan file to the database idempotently: units and projects by name, targets by
 * their stable id. Reported figures are never lost: a target that disappears but has reports is
 * retired, and a change of kind or unit on such a target is refused.
 */
@ApplicationScoped
public class PlanSync {
  @Inject Audit audit;
  @Inject Clock wall;

  /** What a sync changed. */
  public record Result(int added, int updated, int retired, int deleted, int unchanged) {
    public boolean changedAnything() {
      return added + updated + retired + deleted > 0;
    }
  }

  /** Units upserted by name; callers hold the config lock. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<String, Unit> syncUnits(List<UnitSpec> specs, String actor) {
    Map<String, Unit> byName = new HashMap<>();
    int order = 0;
    for (UnitSpec spec : specs) {
      Unit unit = Unit.findByName(spec.name());
      if (unit == null) {
        unit = new Unit();
        unit.name = spec.name();
        unit.fullName = spec.fullName();
        unit.aliases = new ArrayList<>(spec.aliases());
        unit.sortOrder = order;
        unit.persist();
        audit.record(actor, "unit.added", "单位 " + spec.name(), null);
      } else {
        if (!Objects.equals(unit.fullName, spec.fullName())) {
          unit.fullName = spec.fullName();
        }
        if (!unit.aliases.equals(spec.aliases())) {
          unit.aliases = new ArrayList<>(spec.aliases());
        }
        if (unit.sortOrder != order) {
          unit.sortOrder = order;
        }
      }
      byName.put(spec.name(), unit);
      order++;
    }
    return byName;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Result apply(PlanSpec spec, String sourceFile, String hash, String actor) {
    Counter counter = new Counter();
    Map<String, Unit> units = syncUnits(spec.units(), actor);
    Plan plan = syncPlan(spec, sourceFile, hash, counter);
    PlanRows existing = PlanRows.of(plan);
    Set<Integer> seenCategories = new HashSet<>();
    Set<String> seenProjects = new HashSet<>();
    Set<String> seenTargets = new HashSet<>();

    int projectOrder = 0;
    int targetOrder = 0;
    for (CategorySpec cs : spec.categories()) {
      Category category = syncCategory(plan, cs, existing.categories().get(cs.number()));
      seenCategories.add(cs.number());
      for (ProjectSpec ps : cs.projects()) {
        Project known = existing.projects().get(ps.name());
        List<String> projectChanges = new ArrayList<>();
        Project project =
            syncProject(plan, category, ps, known, units, projectOrder++, projectChanges);
        if (known != null && !projectChanges.isEmpty()) {
          audit.record(
              actor, "project.updated", "工程 " + ps.name(), String.join("；", projectChanges));
        }
        seenProjects.add(ps.name());
        for (TargetSpec ts : ps.targets()) {
          syncTarget(
              plan,
              project,
              ts,
              existing.targets().get(ts.id()),
              units,
              targetOrder++,
              actor,
              counter);
          seenTargets.add(ts.id());
        }
      }
    }

    for (Target t : existing.targets().values()) {
      if (!seenTargets.contains(t.code)) {
        dropTarget(t, actor, counter);
      }
    }
    for (Project p : existing.projects().values()) {
      if (!seenProjects.contains(p.name) && !p.retired) {
        p.retired = true;
      }
    }
    for (Category c : existing.categories().values()) {
      if (!seenCategories.contains(c.number) && !c.retired) {
        c.retired = true;
      }
    }
    counter.unchanged = seenTargets.size() - counter.added - counter.updated;
    return new Result(
        counter.added,
        counter.updated,
        counter.retired,
        counter.deleted,
        Math.max(0, counter.unchanged));
  }

  /** The plan row of the file's year (a new one counts as added), made the only active plan. */
  private Plan syncPlan(PlanSpec spec, String sourceFile, String hash, Counter counter) {
    Plan plan = Plan.find("year", spec.year()).firstResult();
    if (plan == null) {
      plan = new Plan();
      plan.year = spec.year();
      counter.added++;
    }
    plan.title = spec.title();
    plan.region = spec.region();
    plan.periodStart = spec.start();
    plan.periodEnd = spec.end();
    if (plan.statusGap == null || plan.statusGap.compareTo(spec.statusGap()) != 0) {
      plan.statusGap = spec.statusGap();
    }
    plan.cycle = spec.cycle();
    plan.deadlineDay = spec.deadlineDay();
    plan.trackingFrom = spec.trackingFrom();
    plan.review = spec.review();
    plan.curves = PlanFile.encodeCurves(spec.curves());
    plan.sourceFile = sourceFile;
    if (!Objects.equals(plan.contentHash, hash)) {
      plan.contentHash = hash;
      plan.loadedAt = wall.instant();
    }
    plan.active = true;
    plan.persist();
    Plan.update("active = false where id <> ?1 and active = true", plan.id);
    return plan;
  }

  private static Category syncCategory(Plan plan, CategorySpec cs, Category category) {
    if (category == null) {
      category = new Category();
      category.plan = plan;
      category.number = cs.number();
      category.name = cs.name();
      category.aliases = new ArrayList<>(cs.aliases());
      category.persist();
    } else {
      if (!category.name.equals(cs.name())) {
        category.name = cs.name();
      }
      if (!category.aliases.equals(cs.aliases())) {
        category.aliases = new ArrayList<>(cs.aliases());
      }
      if (category.retired) {
        category.retired = false;
      }
    }
    return category;
  }

  /** A target gone from the file: retired if it has reports, deleted otherwise. */
  private void dropTarget(Target t, String actor, Counter counter) {
    if (Report.count("target", t) > 0) {
      if (!t.retired) {
        t.retired = true;
        t.retiredAt = wall.instant();
        counter.retired++;
        audit.record(actor, "target.retired", "目标 " + t.code, "计划文件中已删除；已有上报，保留为退役目标");
      }
    } else {
      t.owners.clear();
      t.delete();
      counter.deleted++;
      audit.record(actor, "target.deleted", "目标 " + t.code, "计划文件中已删除，没有上报");
    }
  }

  private Project syncProject(
      Plan plan,
      Category category,
      ProjectSpec ps,
      Project project,
      Map<String, Unit> units,
      int order,
      List<String> projectChanges) {
    if (project == null) {
      project = new Project();
      project.plan = plan;
      project.name = ps.name();
    }
    if (project.category != category) {
      project.category = category;
    }
    if (!project.aliases.equals(ps.aliases())) {
      projectChanges.add("别名 → " + (ps.aliases().isEmpty() ? "无" : String.join("、", ps.aliases())));
      project.aliases = new ArrayList<>(ps.aliases());
    }
    if (!Objects.equals(project.overview, ps.overview())) {
      project.overview = ps.overview();
    }
    if (project.sortOrder != order) {
      project.sortOrder = order;
    }
    if (project.retired) {
      project.retired = false;
    }
    if (!Objects.equals(project.review, ps.review())) {
      project.review = ps.review();
    }
    List<Unit> leads = ps.leadUnits().stream().map(units::get).toList();
    if (!sameUnits(project.leadUnits, leads)) {
      projectChanges.add("牵头单位 → " + String.join("、", ps.leadUnits()));
      project.leadUnits.clear();
      project.leadUnits.addAll(leads);
    }
    if (project.id == null) {
      project.persist();
    }
    List<PlanExclusion> existing = PlanExclusion.list("project = ?1 order by sortOrder", project);
    List<String> before =
        existing.stream().map(x -> x.text + "\u0000" + x.reason).collect(Collectors.toList());
    List<String> after =
        ps.exclusions().stream()
            .map(x -> x.text() + "\u0000" + x.reason())
            .collect(Collectors.toList());
    if (!before.equals(after)) {
      existing.forEach(PlanExclusion::delete);
      int i = 0;
      for (ExclusionSpec xs : ps.exclusions()) {
        PlanExclusion x = new PlanExclusion();
        x.project = project;
        x.text = xs.text();
        x.reason = xs.reason();
        x.sortOrder = i++;
        x.persist();
      }
    }
    return project;
  }

  private void syncTarget(
      Plan plan,
      Project project,
      TargetSpec ts,
      Target target,
      Map<String, Unit> units,
      int order,
      String actor,
      Counter counter) {
    List<String> changes = new ArrayList<>();
    boolean isNew = target == null;
    if (isNew) {
      target = new Target();
      target.plan = plan;
      target.code = ts.id();
      target.kind = ts.kind();
      target.unit = ts.unit();
    } else if (target.kind != ts.kind() || !Objects.equals(target.unit, ts.unit())) {
      changeKindAndUnit(target, ts, changes);
    }
    if (target.project != project) {
      if (!isNew) {
        changes.add("工程 → " + project.name);
      }
      target.project = project;
    }
    syncFields(target, ts, isNew, changes);
    if (target.sortOrder != order) {
      target.sortOrder = order;
    }
    if (target.retired) {
      target.retired = false;
      target.retiredAt = null;
      changes.add("恢复");
    }
    syncOwners(target, ts.owners().stream().map(units::get).toList(), isNew, changes);
    syncItems(target, ts.items(), changes, isNew);
    if (isNew) {
      target.persist();
      counter.added++;
      audit.record(actor, "target.added", "目标 " + ts.id(), ts.name());
    } else if (!changes.isEmpty()) {
      counter.updated++;
      audit.record(actor, "target.updated", "目标 " + ts.id(), String.join("；", changes));
    }
  }

  /** A new kind or unit for an existing target, refused once the target has reports. */
  private static void changeKindAndUnit(Target target, TargetSpec ts, List<String> changes) {
    if (Report.count("target", target) > 0) {
      throw new ConfigFileException(
          ts.place()
              + ": 目标“"
              + ts.id()
              + "”已有上报数据，不能把类型/单位从 "
              + target.kind
              + "/"
              + Objects.toString(target.unit, "无")
              + " 改为 "
              + ts.kind()
              + "/"
              + Objects.toString(ts.unit(), "无")
              + "；请新建一个目标编号，旧目标删除后会保留为退役目标");
    }
    changes.add("类型/单位 " + target.kind + "/" + target.unit + " → " + ts.kind() + "/" + ts.unit());
    target.kind = ts.kind();
    target.unit = ts.unit();
  }

  /** The target's own fields, from its name to its note; changes worth auditing go to changes. */
  private static void syncFields(
      Target target, TargetSpec ts, boolean isNew, List<String> changes) {
    target.name = change(changes, "名称", target.name, ts.name());
    target.targetValue = changeNumber(changes, "目标值", target.targetValue, ts.value());
    target.displayUnit = change(changes, "显示单位", target.displayUnit, ts.displayUnit());
    if (target.scaleExponent != ts.scaleExponent()) {
      target.scaleExponent = ts.scaleExponent();
    }
    target.qualifier = change(changes, "限定词", target.qualifier, ts.qualifier());
    target.baseline = changeNumber(changes, "基数", target.baseline, ts.baseline());
    if (target.aggregateRule != ts.aggregate()) {
      if (!isNew) {
        changes.add("汇总方式 → " + ts.aggregate());
      }
      target.aggregateRule = ts.aggregate();
    }
    if (!target.aliases.equals(ts.aliases())) {
      target.aliases = new ArrayList<>(ts.aliases());
    }
    target.cycle = change(changes, "周期", target.cycle, ts.cycle());
    if (!Objects.equals(target.deadlineDay, ts.deadlineDay())) {
      target.deadlineDay = ts.deadlineDay();
      changes.add("截止日 → " + ts.deadlineDay());
    }
    String deadlines =
        ts.deadlines().isEmpty()
            ? null
            : ts.deadlines().stream().map(LocalDate::toString).collect(Collectors.joining(","));
    target.fixedDeadlines = change(changes, "截止日期", target.fixedDeadlines, deadlines);
    target.curve = change(changes, "序时曲线", target.curve, ts.curve());
    if (!Objects.equals(target.sourceText, ts.source())) {
      target.sourceText = ts.source();
    }
    if (!Objects.equals(target.judgement, ts.judgement())) {
      target.judgement = ts.judgement();
    }
    if (!Objects.equals(target.note, ts.note())) {
      target.note = ts.note();
    }
  }

  private static void syncOwners(
      Target target, List<Unit> owners, boolean isNew, List<String> changes) {
    if (!sameUnits(target.owners, owners)) {
      if (!isNew) {
        changes.add("责任单位 → " + owners.stream().map(u -> u.name).collect(Collectors.joining("、")));
      }
      target.owners.clear();
      target.owners.addAll(owners);
    }
  }

  private void syncItems(Target target, List<String> names, List<String> changes, boolean isNew) {
    Map<String, ChecklistItem> existing = new HashMap<>();
    for (ChecklistItem item : target.items) {
      existing.put(item.name, item);
    }
    int order = 0;
    for (String name : names) {
      ChecklistItem item = existing.remove(name);
      if (item == null) {
        item = new ChecklistItem();
        item.target = target;
        item.name = name;
        item.sortOrder = order;
        target.items.add(item);
        if (!isNew) {
          changes.add("新增清单项 " + name);
        }
      } else {
        if (item.sortOrder != order) {
          item.sortOrder = order;
        }
        if (item.retired) {
          item.retired = false;
          changes.add("恢复清单项 " + name);
        }
      }
      order++;
    }
    for (ChecklistItem gone : existing.values()) {
      boolean reported = Report.count("item", gone) > 0;
      if (reported) {
        if (!gone.retired) {
          gone.retired = true;
          changes.add("退役清单项 " + gone.name);
        }
      } else {
        target.items.remove(gone);
        changes.add("删除清单项 " + gone.name);
      }
    }
  }

  private static boolean sameUnits(List<Unit> a, List<Unit> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).id.equals(b.get(i).id)) {
        return false;
      }
    }
    return true;
  }

  private static String change(List<String> changes, String label, String before, String after) {
    if (!Objects.equals(before, after)) {
      if (before != null) {
        changes.add(label + " " + before + " → " + Objects.toString(after, "无"));
      }
      return after;
    }
    return before;
  }

  private static BigDecimal changeNumber(
      List<String> changes, String label, BigDecimal before, BigDecimal after) {
    if (before == null && after == null) {
      return null;
    }
    if (before != null && after != null && before.compareTo(after) == 0) {
      return before;
    }
    if (before != null) {
      changes.add(
          label
              + " "
              + before.stripTrailingZeros().toPlainString()
              + " → "
              + (after == null ? "无" : after.stripTrailingZeros().toPlainString()));
    }
    return after;
  }

  private static final class Counter {
    int added;
    int updated;
    int retired;
    int deleted;
    int unchanged;
  }
}
