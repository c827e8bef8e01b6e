package io.duban.imports;

import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.progress.OverviewTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a row's target and unit by the names the table writes: a target by its name, its name with
 * the qualifier as the export writes it ("…（约）"), with its 工程 ("…（就业助推工程）") or an alias; a unit by
 * its name, full name or an alias. Exact names only (spaces and the width of brackets aside): a
 * file is applied without anyone reading a guess.
 */
final class Names {
  private Names() {}

  /** What a name found: the one item, or why none (unknown, or several fit). */
  record Found<T>(T item, String problem) {}

  static Found<Target> target(List<Target> targets, String written) {
    String key = key(written);
    List<Target> hits = new ArrayList<>();
    for (Target t : targets) {
      if (!t.retired && forms(t).contains(key)) {
        hits.add(t);
      }
    }
    if (hits.size() == 1) {
      return new Found<>(hits.get(0), null);
    }
    if (hits.isEmpty()) {
      return new Found<>(null, "没有找到目标“" + written + "”，请按责任分解表的目标名称填写。");
    }
    return new Found<>(
        null,
        "有 "
            + hits.size()
            + " 个目标叫“"
            + written
            + "”（"
            + hits.stream().map(t -> t.project.name).collect(Collectors.joining("、"))
            + "），请写成“"
            + hits.get(0).name
            + "（"
            + hits.get(0).project.name
            + "）”。");
  }

  /** The unit written, or the target's only owner when the cell is empty. */
  static Found<Unit> unit(List<Unit> units, Target target, String written) {
    if (written.isBlank()) {
      return target.owners.size() == 1
          ? new Found<>(target.owners.get(0), null)
          : new Found<>(
              null, "请填写报数的单位（“" + target.name + "”由 " + OverviewTexts.owners(target) + " 负责）。");
    }
    String key = key(written);
    for (Unit u : units) {
      if (key(u.name).equals(key)
          || (u.fullName != null && key(u.fullName).equals(key))
          || u.aliases.stream().anyMatch(a -> key(a).equals(key))) {
        return new Found<>(u, null);
      }
    }
    if (written.contains("、") || written.contains("\n")) {
      return new Found<>(null, "“" + target.name + "”由几个单位负责，请在这一行只写报数的那个单位。");
    }
    return new Found<>(null, "没有找到单位“" + written + "”。");
  }

  /** How the answer names a target: as the export writes it (with its qualifier, "…（约）"). */
  static String label(Target t) {
    return t.qualifier == null ? t.name : t.name + "（" + t.qualifier + "）";
  }

  private static List<String> forms(Target t) {
    List<String> out = new ArrayList<>();
    out.add(key(t.name));
    if (t.qualifier != null) {
      out.add(key(t.name + "（" + t.qualifier + "）"));
    }
    if (t.project != null) {
      out.add(key(t.name + "（" + t.project.name + "）"));
    }
    t.aliases.forEach(a -> out.add(key(a)));
    return out;
  }

  private static String key(String s) {
    return s.replaceAll("\\s+", "").replace('(', '（').replace(')', '）');
  }
}
