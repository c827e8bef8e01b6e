package io.duban.progress;

import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ItemView;
import io.duban.progress.PlanView.OwnerFigure;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import io.duban.report.ProgressMath;
import io.duban.report.Status;
import io.duban.text.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chinese text of progress: one target per line, the way leaders read the table. */
public final class ProgressTexts {
  private static final Set<String> PREFIX_QUALIFIERS = Set.of("约", "不少于", "超过", "近", "不超过");
  private static final Set<String> NUMBER_QUALIFIERS = Set.of("余", "多");

  private ProgressTexts() {}

  /** "12,000 个", "3800 万元", "60%" — a base-unit figure in the target's display unit. */
  public static String amount(Target t, BigDecimal base) {
    if (base == null) {
      return "—";
    }
    if (t.scaleExponent > 0) {
      return Formats.formatInDisplayUnit(base, t.displayUnit, BigDecimal.TEN.pow(t.scaleExponent));
    }
    return Formats.formatWithUnit(base, t.unit);
  }

  /** The target value as the table writes it, with its qualifier ("约 2,000 名", "100 户左右"). */
  public static String targetAmount(Target t) {
    if (t.kind == TargetKind.TASK) {
      return "";
    }
    String amount = amount(t, t.targetValue);
    String q = t.qualifier;
    if (q == null) {
      return amount;
    }
    if (PREFIX_QUALIFIERS.contains(q)) {
      return q + " " + amount;
    }
    if (NUMBER_QUALIFIERS.contains(q)) {
      int space = amount.lastIndexOf(' ');
      return space > 0 ? amount.substring(0, space) + q + amount.substring(space + 1) : amount + q;
    }
    return amount + q;
  }

  /** One line per target: figure / target (completion), 序时进度, status. */
  public static String targetLine(TargetView v) {
    return targetLine(v, v.target().name);
  }

  /** {@link #targetLine(TargetView)} under the name {@link #label} gives it in that view. */
  public static String targetLine(PlanView view, TargetView v) {
    return targetLine(v, label(view, v.target()));
  }

  /**
   * A target's name, with its 工程 when another target of the plan has the same name
   * ("募集光彩基金（阳光帮扶工程）").
   */
  public static String label(PlanView view, Target t) {
    return view != null && repeatedNames(view).contains(t.name)
        ? t.name + "（" + t.project.name + "）"
        : t.name;
  }

  /** The last view's repeated target names (views are immutable: one set per view). */
  private static volatile Object repeatedFor;

  private static volatile Set<String> repeated = Set.of();

  /** Target names that more than one target of the view carries. */
  static Set<String> repeatedNames(PlanView view) {
    if (repeatedFor == view.targets()) {
      return repeated;
    }
    Set<String> seen = new HashSet<>();
    Set<String> twice = new HashSet<>();
    for (TargetView v : view.targets().values()) {
      if (!seen.add(v.target().name)) {
        twice.add(v.target().name);
      }
    }
    repeated = Set.copyOf(twice);
    repeatedFor = view.targets();
    return twice;
  }

  private static String targetLine(TargetView v, String name) {
    Target t = v.target();
    StringBuilder sb = new StringBuilder(name);
    switch (t.kind) {
      case NUMERIC -> {
        sb.append(" 累计 ").append(numberOnly(t, v.current())).append(" / ").append(targetAmount(t));
        sb.append("（").append(ProgressMath.percent(v.completion()));
        if (t.baseline != null) {
          sb.append("，基数 ").append(numberOnly(t, t.baseline));
        }
        sb.append("）");
      }
      case CHECKLIST -> {
        long done = v.items().stream().filter(ItemView::done).count();
        sb.append(" 已完成 ")
            .append(done)
            .append(" / ")
            .append(v.items().size())
            .append(" ")
            .append(t.unit);
        sb.append("（").append(ProgressMath.percent(v.completion())).append("）：");
        for (int i = 0; i < v.items().size(); i++) {
          ItemView item = v.items().get(i);
          sb.append(i == 0 ? "" : "、").append(item.name()).append(item.done() ? "✓" : "");
        }
      }
      case TASK -> {
        sb.append("：").append(v.progress().label());
        if (v.note() != null) {
          sb.append("（").append(date(v.noteDate())).append("：").append(v.note()).append("）");
        }
        // "推进中，按序时"; a state that already says it all stands alone ("未启动", "已完成")
        if (!v.status().label().equals(v.progress().label()) && v.status() != Status.DONE) {
          sb.append("，").append(v.status().label());
        }
        return sb.toString();
      }
    }
    sb.append("，序时进度 ")
        .append(ProgressMath.percent(v.schedule()))
        .append("，")
        .append(v.status().label());
    return sb.append(pendingMark(v)).toString();
  }

  /**
   * "（待审核：人社局 12,000）": the figures beside a target that wait for 审核 and are not counted yet (two
   * units at most, then how many more); empty when none waits.
   */
  public static String pendingMark(TargetView v) {
    List<OwnerFigure> pending = v.pending();
    if (pending.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("（待审核：");
    for (int i = 0; i < pending.size() && i < 2; i++) {
      OwnerFigure o = pending.get(i);
      sb.append(i == 0 ? "" : "；")
          .append(o.unit())
          .append(" ")
          .append(numberOnly(v.target(), o.pending()));
    }
    if (pending.size() > 2) {
      sb.append(" 等 ").append(pending.size()).append(" 个单位");
    }
    return sb.append("）").toString();
  }

  /** The owners' own figures of a shared target ("人社局 8,000 个；农业局 4,000 个"). */
  public static String perUnit(TargetView v) {
    StringBuilder sb = new StringBuilder();
    for (OwnerFigure o : v.perUnit()) {
      if (sb.length() > 0) {
        sb.append("；");
      }
      sb.append(o.unit()).append(" ");
      if (v.target().kind == TargetKind.TASK) {
        sb.append(o.progress() == null ? "未启动" : o.progress().label());
      } else if (v.target().kind == TargetKind.NUMERIC) {
        sb.append(o.figure() == null ? "未报" : amount(v.target(), o.figure()));
      } else {
        sb.append(o.lastReportDate() == null ? "未报" : "已报");
      }
    }
    return sb.toString();
  }

  /** A figure without its unit, in the target's display unit ("12,000", "1200"). */
  public static String numberOnly(Target t, BigDecimal base) {
    String a = amount(t, base);
    int space = a.lastIndexOf(' ');
    return space > 0 ? a.substring(0, space) : a.replace("%", "");
  }

  public static String projectText(ProjectView p) {
    StringBuilder sb = new StringBuilder(p.name());
    sb.append("（")
        .append(p.category())
        .append("；牵头单位：")
        .append(String.join("、", p.leadUnits()))
        .append("）");
    for (TargetView v : p.targets()) {
      sb.append("\n· ").append(targetLine(v));
      if (v.target().owners.size() > 1) {
        sb.append("\n  ").append(perUnit(v));
      }
    }
    return sb.toString();
  }

  public static String categoryText(CategoryView c, BigDecimal schedule) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.number())
        .append(". ")
        .append(c.name())
        .append(" 完成 ")
        .append(ProgressMath.percent(c.completion()));
    sb.append("（序时进度 ")
        .append(ProgressMath.percent(schedule))
        .append("；")
        .append(counts(c.statusCounts()))
        .append("）");
    for (ProjectView p : c.projects()) {
      BigDecimal mean = ProgressService.meanCompletion(p.targets());
      sb.append("\n· ")
          .append(p.name())
          .append(" ")
          .append(mean == null ? "任务类" : ProgressMath.percent(mean));
      sb.append("（").append(counts(ProgressService.counts(p.targets()))).append("）");
    }
    return sb.toString();
  }

  /** "已完成 1，超序时 2，慢序时 3" (statuses with a count only). */
  public static String counts(Map<Status, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    for (Status s : Status.values()) {
      int n = counts.getOrDefault(s, 0);
      if (n > 0) {
        sb.append(sb.length() == 0 ? "" : "，").append(s.label()).append(" ").append(n);
      }
    }
    return sb.length() == 0 ? "无目标" : sb.toString();
  }

  /** "6月20日". */
  public static String date(LocalDate d) {
    return d == null ? "" : d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** Percentage points between completion and schedule ("+15.2", "−46.8"). */
  public static String gap(BigDecimal completion, BigDecimal schedule) {
    BigDecimal points =
        completion
            .min(BigDecimal.ONE)
            .subtract(schedule)
            .multiply(BigDecimal.valueOf(100))
            .setScale(1, RoundingMode.HALF_UP);
    return (points.signum() >= 0 ? "+" : "−") + points.abs().toPlainString();
  }

  /** The {@code n} targets furthest behind 序时进度 (numeric and checklist), worst first. */
  public static List<TargetView> furthestBehind(PlanView view, int n) {
    return behind(view).stream().limit(n).toList();
  }

  /**
   * Every 慢序时 numeric and checklist target, worst first: by the gap to its 序时进度 (largest first),
   * then by completion (lowest first), then by name.
   */
  public static List<TargetView> behind(PlanView view) {
    return view.targets().values().stream()
        .filter(v -> v.target().kind != TargetKind.TASK && v.status() == Status.BEHIND)
        .sorted(WORST_FIRST)
        .toList();
  }

  /** How far a target lies behind its 序时进度 (completion capped at 1; negative when ahead). */
  public static BigDecimal shortfall(TargetView v) {
    return v.schedule().subtract(v.completion().min(BigDecimal.ONE));
  }

  /** Largest gap to 序时进度 first, then lowest completion, then name. */
  public static final Comparator<TargetView> WORST_FIRST =
      Comparator.comparing(ProgressTexts::shortfall, Comparator.reverseOrder())
          .thenComparing(TargetView::completion)
          .thenComparing(v -> v.target().name)
          .thenComparing(v -> v.projectName());
}
