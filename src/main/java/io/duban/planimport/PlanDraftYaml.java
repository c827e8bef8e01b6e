package io.duban.planimport;

import io.duban.plan.TargetKind;
import io.duban.planimport.PlanDraft.Target;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a {@link PlanDraft} in the format {@code plan/PlanFile} reads (bot-config/plan.yaml): a
 * header with the counts, then year, title, period, reporting, units and categories; every doubt is
 * a {@code # 待核：<reason>} comment at the end of the line it concerns. Strings are double-quoted.
 */
final class PlanDraftYaml {
  static final String FLAG = "# 待核：";

  private PlanDraftYaml() {}

  static String write(PlanDraft d, String from) {
    StringBuilder sb = new StringBuilder();
    header(d, from, sb);
    sb.append("year: ").append(d.year()).append('\n');
    line(sb, "title: " + q(d.title()), d.titleFlag());
    sb.append("period:\n  start: ").append(d.year()).append("-01-01\n  end: ");
    sb.append(d.year()).append("-12-31\n");
    sb.append("reporting:\n  cycle: monthly\n");
    line(sb, "  deadline-day: 25", "报送周期和截止日按默认写（每月 25 日），请按本年要求改");
    sb.append("\nunits:\n");
    for (PlanDraft.Unit u : d.units()) {
      StringBuilder m = new StringBuilder("  - {name: ").append(q(u.name()));
      if (u.fullName() != null) {
        m.append(", full-name: ").append(q(u.fullName()));
      }
      if (!u.aliases().isEmpty()) {
        m.append(", aliases: ").append(list(u.aliases()));
      }
      line(sb, m.append('}').toString(), u.flag());
    }
    sb.append("\ncategories:\n");
    for (PlanDraft.Category c : d.categories()) {
      sb.append("  - number: ").append(c.number()).append('\n');
      line(sb, "    name: " + q(c.name()), c.flag());
      sb.append("    projects:\n");
      for (PlanDraft.Project p : c.projects()) {
        project(p, sb);
      }
    }
    return sb.toString();
  }

  private static void header(PlanDraft d, String from, StringBuilder sb) {
    List<Target> all = d.allTargets();
    long flagged = all.stream().filter(Target::flagged).count();
    sb.append("# ").append(d.year()).append(" 年计划草稿，由 POST /api/import/plan 从").append(from);
    sb.append("生成（docs/plan-import.md）。\n");
    sb.append("# 目标 ").append(all.size()).append(" 个（数值 ").append(count(all, TargetKind.NUMERIC));
    sb.append("、清单 ").append(count(all, TargetKind.CHECKLIST)).append("、任务 ");
    sb.append(count(all, TargetKind.TASK)).append("），其中 ").append(flagged).append(" 个待核；");
    sb.append("全文共 ").append(d.flagCount()).append(" 处“待核”。\n");
    sb.append("# 逐处核对“待核”后删去该注释；目标编号（id）上线后不要再改。\n");
    for (String n : d.notes()) {
      sb.append(FLAG).append(oneLine(n)).append('\n');
    }
    sb.append('\n');
  }

  private static long count(List<Target> all, TargetKind kind) {
    return all.stream().filter(t -> t.kind == kind).count();
  }

  private static void project(PlanDraft.Project p, StringBuilder sb) {
    sb.append("      - name: ").append(q(p.name())).append('\n');
    line(sb, "        lead-units: " + list(p.leadUnits()), p.leadFlag());
    if (p.overview() != null && !p.overview().isBlank()) {
      sb.append("        overview: ").append(q(p.overview())).append('\n');
    }
    sb.append("        targets:\n");
    for (Target t : p.targets()) {
      target(t, sb);
    }
  }

  private static void target(Target t, StringBuilder sb) {
    String in = "            ";
    sb.append("          - id: ").append(t.id).append('\n');
    line(sb, in + "name: " + q(t.name), t.flags.get("name"));
    if (t.kind != TargetKind.NUMERIC || t.flags.containsKey("kind")) {
      line(sb, in + "kind: " + t.kind.name().toLowerCase(Locale.ROOT), t.flags.get("kind"));
    }
    if (t.source != null) {
      sb.append(in).append("source: ").append(q(t.source)).append('\n');
    }
    if (t.kind == TargetKind.CHECKLIST) {
      line(sb, in + "items: " + list(t.items), t.flags.get("items"));
    }
    if (t.kind != TargetKind.TASK) {
      line(sb, in + "value: " + t.value, t.flags.get("value"));
      line(sb, in + "unit: " + q(t.unit), t.flags.get("unit"));
    }
    if (t.baseline != null) {
      sb.append(in).append("baseline: ").append(t.baseline).append('\n');
    }
    if (t.qualifier != null) {
      line(sb, in + "qualifier: " + q(t.qualifier), t.flags.get("qualifier"));
    }
    if (t.aggregate != null) {
      line(sb, in + "aggregate: " + t.aggregate, t.flags.get("aggregate"));
    }
    line(sb, in + "owners: " + list(t.owners), t.flags.get("owners"));
    if (t.note != null) {
      sb.append(in).append("note: ").append(q(t.note)).append('\n');
    }
  }

  private static void line(StringBuilder sb, String text, String flag) {
    sb.append(text);
    if (flag != null) {
      sb.append("  ").append(FLAG).append(oneLine(flag));
    }
    sb.append('\n');
  }

  private static String list(List<String> values) {
    return values.stream().map(PlanDraftYaml::q).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A YAML double-quoted scalar. */
  static String q(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : oneLine(s).toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.append('"').toString();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
