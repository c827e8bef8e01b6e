package io.duban.planimport;

import io.duban.plan.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draft {@code plans/<year>.yaml}: what {@link PlanDraftYaml} writes. Every doubt is kept beside
 * the field it concerns and written as a {@code # 待核：<reason>} comment on that line.
 */
record PlanDraft(
    int year,
    String title,
    String titleFlag,
    List<Unit> units,
    List<Category> categories,
    List<String> notes) {

  /** A unit of the draft; {@code flag} non-null when it is not a known unit. */
  record Unit(String name, String fullName, List<String> aliases, String flag) {}

  /** A 实事. */
  record Category(int number, String name, String flag, List<Project> projects) {}

  /** A 工程. */
  record Project(
      String name,
      List<String> leadUnits,
      String leadFlag,
      String overview,
      List<Target> targets) {}

  /** Every target of the draft in order. */
  List<Target> allTargets() {
    return categories.stream()
        .flatMap(c -> c.projects().stream())
        .flatMap(p -> p.targets().stream())
        .toList();
  }

  /** How many 待核 comments the draft carries. */
  int flagCount() {
    int n = titleFlag == null ? 0 : 1;
    for (Unit u : units) {
      n += u.flag() == null ? 0 : 1;
    }
    for (Category c : categories) {
      n += c.flag() == null ? 0 : 1;
      for (Project p : c.projects()) {
        n += p.leadFlag() == null ? 0 : 1;
        for (Target t : p.targets()) {
          n += t.flags.size();
        }
      }
    }
    return n;
  }

  /**
   * A target being worked out: {@code value} and {@code baseline} as the plan file writes them
   * ("4.8万", "3000"), {@code unit} as the table writes it ("万元", "个"); {@code flags} the doubts by
   * field (name, kind, value, unit, qualifier, items, owners, aggregate).
   */
  static final class Target {
    String id;
    String name;
    TargetKind kind;
    String value;
    String unit;
    String qualifier;
    String baseline;
    String aggregate;
    List<String> items = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    String source;
    String note;

    /** The 。-sentence of the overview it came from (owners carry over inside one). */
    int sentence = -1;

    final Map<String, String> flags = new LinkedHashMap<>();

    Target(String name, TargetKind kind) {
      this.name = name;
      this.kind = kind;
    }

    /** Adds a doubt to a field, joined to an earlier one on the same field. */
    void flag(String field, String reason) {
      flags.merge(field, reason, (a, b) -> a + "；" + b);
    }

    boolean flagged() {
      return !flags.isEmpty();
    }
  }
}
