package io.duban.planimport;

import io.duban.plan.TargetKind;
import io.duban.planimport.PlanDraft.Target;
import io.duban.planimport.SourceTable.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a read table into a draft plan: targets from the workbook's rows or from each 项目概况, owners
 * from the rows or guessed among the lead units ({@link OwnerGuess}), units resolved against the
 * known ones, ids numbered by position ({@code c1-p2-t3}), and every doubt flagged.
 */
final class PlanDrafts {
  static final String UNKNOWN = "不在已知单位中（Unit 表、bot-config/contacts.yaml）";

  private PlanDrafts() {}

  static PlanDraft build(SourceTable table, KnownUnits known, int year, String yearFlag) {
    Map<String, PlanDraft.Unit> units = new LinkedHashMap<>();
    List<PlanDraft.Category> categories = new ArrayList<>();
    Set<String> projectNames = new HashSet<>();
    int projectNo = 0;
    for (SourceTable.Category c : table.categories()) {
      List<PlanDraft.Project> projects = new ArrayList<>();
      for (SourceTable.Project p : c.projects()) {
        projectNo++;
        List<Target> targets = p.rows().isEmpty() ? fromOverview(p, known) : fromRows(p, known);
        if (targets.isEmpty()) {
          Target t = new Target(p.name(), TargetKind.TASK);
          t.owners.addAll(p.leadUnits());
          t.flag("kind", "项目概况里没有找到目标，整个工程按一个任务跟踪");
          targets.add(t);
        }
        for (int i = 0; i < targets.size(); i++) {
          targets.get(i).id = "c" + c.number() + "-p" + projectNo + "-t" + (i + 1);
          finish(targets.get(i));
        }
        for (String u : p.leadUnits()) {
          units.computeIfAbsent(u, n -> unit(n, known));
        }
        for (Target t : targets) {
          t.owners.forEach(u -> units.computeIfAbsent(u, n -> unit(n, known)));
          List<String> unknown = t.owners.stream().filter(u -> known.resolve(u) == null).toList();
          if (!unknown.isEmpty()) {
            t.flag("owners", "“" + String.join("、", unknown) + "”" + UNKNOWN);
          }
        }
        String name = p.name();
        String leadFlag = p.leadFlag();
        List<String> unknownLeads =
            p.leadUnits().stream().filter(u -> known.resolve(u) == null).toList();
        if (!unknownLeads.isEmpty()) {
          leadFlag = join(leadFlag, "“" + String.join("、", unknownLeads) + "”" + UNKNOWN);
        }
        if (!projectNames.add(name)) {
          name = name + "（" + projectNo + "）";
          leadFlag = join(leadFlag, "工程名称与前面的重复，已加序号区分");
          projectNames.add(name);
        }
        projects.add(new PlanDraft.Project(name, p.leadUnits(), leadFlag, p.overview(), targets));
      }
      categories.add(new PlanDraft.Category(c.number(), c.name(), c.flag(), projects));
    }
    String title = table.title();
    String titleFlag = null;
    if (title == null || title.isBlank()) {
      title = year + "年为民办实事项目";
      titleFlag = "原表没有可读的标题，请填写";
    }
    List<String> notes = new ArrayList<>(table.notes());
    if (yearFlag != null) {
      notes.add(yearFlag);
    }
    return new PlanDraft(year, title, titleFlag, List.copyOf(units.values()), categories, notes);
  }

  private static PlanDraft.Unit unit(String name, KnownUnits known) {
    KnownUnits.Known k = known.resolve(name);
    if (k != null) {
      return new PlanDraft.Unit(k.name(), k.fullName(), k.aliases(), null);
    }
    return new PlanDraft.Unit(name, null, List.of(), UNKNOWN + "，请核对名称或补全称（full-name）");
  }

  private static List<Target> fromOverview(SourceTable.Project p, KnownUnits known) {
    List<Target> targets = OverviewTargets.read(p.overview());
    OverviewTargets.flagLeadIns(targets);
    OwnerGuess.assign(targets, p.leadUnits(), known);
    return targets;
  }

  /**
   * The workbook's rows as targets; a checklist takes its items, and a numeric target its baseline
   * and source, from the overview's target of the same count or value.
   */
  private static List<Target> fromRows(SourceTable.Project p, KnownUnits known) {
    List<Target> read = OverviewTargets.read(p.overview());
    List<Target> out = new ArrayList<>();
    for (Row r : p.rows()) {
      Target t = new Target(r.name(), r.kind());
      t.qualifier = r.qualifier();
      t.owners.addAll(r.owners());
      if (t.owners.isEmpty()) {
        t.owners.addAll(p.leadUnits());
        t.flag("owners", "责任单位为空，暂列全部牵头单位");
      }
      if (r.kind() != TargetKind.TASK) {
        t.unit = r.unit() == null ? "项" : r.unit();
        t.value = Measures.plain(r.value());
        if (r.unit() == null) {
          t.flag("unit", "单位为空，暂写“项”");
        }
      }
      Target twin = twin(t, read);
      if (twin != null) {
        t.source = twin.source;
        t.baseline = twin.baseline;
        t.items = new ArrayList<>(twin.items);
        twin.id = "used";
      }
      if (t.kind == TargetKind.CHECKLIST && t.items.isEmpty()) {
        int n = t.value == null ? 1 : Integer.parseInt(t.value);
        for (int i = 1; i <= n; i++) {
          t.items.add("清单项" + i);
        }
        t.flag("items", "表中没有清单项名称，请按原文填写");
      }
      out.add(t);
    }
    return out;
  }

  /** The overview's target matching a row: same kind and value (a checklist: as many items). */
  private static Target twin(Target t, List<Target> read) {
    for (Target o : read) {
      if (o.id != null || o.kind != t.kind || t.kind == TargetKind.TASK) {
        continue;
      }
      boolean same =
          t.value != null
              && o.value != null
              && Measures.base(t.value, t.unit).compareTo(Measures.base(o.value, o.unit)) == 0;
      if (same) {
        return o;
      }
    }
    return null;
  }

  /** Checks a target against what the plan file accepts and flags what had to be mended. */
  private static void finish(Target t) {
    if (t.kind == TargetKind.NUMERIC && t.value == null) {
      t.kind = TargetKind.TASK;
      t.flag("kind", "目标值无法读出，改按任务跟踪");
    }
    if (t.kind == TargetKind.TASK) {
      t.value = null;
      t.unit = null;
      t.baseline = null;
      t.qualifier = null;
      t.items.clear();
    }
    if (t.kind == TargetKind.CHECKLIST) {
      t.value = String.valueOf(t.items.size());
      t.baseline = null;
    }
    if (t.baseline != null
        && Measures.base(t.baseline, t.unit).compareTo(Measures.base(t.value, t.unit)) >= 0) {
      t.baseline = null;
      t.flag("value", "基数不小于目标值，已去掉基数");
    }
    if ("%".equals(t.unit) && t.owners.size() > 1) {
      t.aggregate = "single";
      t.flag("aggregate", "多个单位共同负责的百分比，汇总方式暂定 single");
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : a + "；" + b;
  }
}
