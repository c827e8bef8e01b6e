package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.contact.Contact;
import io.duban.contact.ContactDirectory;
import io.duban.extension.Deadlines;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 未报 text: units and targets not reported this period (docs/contract.md §4), with the deadline,
 * overdue marks and, for leaders and admins, the contacts to call. Shared by the command and the
 * monthly 通报.
 */
@ApplicationScoped
public class UnreportedTexts {
  /**
   * Units listed in one answer at most: a district's 25 units fit whole; a list of thousands would
   * flood the group in many messages, so the rest are counted and left to the dashboard.
   */
  public static final int MAX_UNITS_LISTED = 50;

  @Inject CalendarService calendars;
  @Inject ContactDirectory directory;
  @Inject Deadlines deadlines;

  /** The 未报 text (also part of the monthly 通报). */
  public String text(
      PlanView view, Map<Long, UnitStatus> statuses, Scope scope, boolean withContacts) {
    return text(view, statuses, scope, withContacts, MAX_UNITS_LISTED);
  }

  /** The 未报 text listing at most {@code maxUnits} units (the others counted). */
  public String text(
      PlanView view,
      Map<Long, UnitStatus> statuses,
      Scope scope,
      boolean withContacts,
      int maxUnits) {
    StringBuilder sb = new StringBuilder(head(view));
    List<Owing> owing = new ArrayList<>();
    Map<Long, List<Contact>> contacts = withContacts ? directory.reportersByUnit() : Map.of();
    boolean unitScope = scope.kind() == Scope.Kind.UNIT;
    boolean countReported = scope.kind() == Scope.Kind.ALL || unitScope;
    int reported = 0;
    for (UnitStatus s : statuses.values()) {
      if (unitScope && !scope.label().equals(s.unitName())) {
        continue;
      }
      List<Pending> pending = s.pending().stream().filter(scope::covers).toList();
      if (pending.isEmpty()) {
        if (countReported) {
          reported++;
        }
        continue;
      }
      owing.add(new Owing(s, pending, Owing.anyOverdue(pending, view.date())));
    }
    owing.sort(WORST_FIRST);
    // only the lines shown are written out (2,000 units owing: 50 lines, not 2,000)
    int owingUnits = owing.size();
    Deadlines.Snapshot extended = deadlines.current();
    List<String> lines =
        owing.stream()
            .limit(maxUnits)
            .map(
                o ->
                    line(
                        view,
                        extended,
                        o.status(),
                        o.pending(),
                        withContacts
                            ? contacts.getOrDefault(o.status().unitId(), List.of())
                            : null))
            .toList();
    if (owing.isEmpty()) {
      sb.append("\n").append(scope.label()).append(" 本期都已报送。");
    } else {
      sb.append("\n未报 ").append(owingUnits).append(" 个单位：");
      lines.forEach(l -> sb.append("\n").append(l));
      if (owingUnits > maxUnits) {
        sb.append("\n……另有 ")
            .append(owingUnits - maxUnits)
            .append(" 个单位未报，完整名单见看板“本期未报”或导出的 Excel。");
      }
      if (scope.kind() == Scope.Kind.ALL) {
        sb.append("\n已报 ").append(reported).append(" 个单位。");
      }
    }
    return sb.toString();
  }

  private String head(PlanView view) {
    ReportingPeriod period = calendars.planPeriodFor(view.plan(), view.date());
    StringBuilder sb = new StringBuilder();
    sb.append(period.label()).append(" 报送情况（截止 ").append(ProgressTexts.date(period.deadline()));
    if (view.date().isAfter(period.deadline())) {
      sb.append("，已过截止日");
    } else {
      int left = calendars.calendar().workdaysBetween(view.date(), period.deadline());
      sb.append(left == 0 ? "，今天截止" : "，还有 " + left + " 个工作日");
    }
    return sb.append("）").toString();
  }

  /** A unit that owes reports, with its line. */
  private record Owing(UnitStatus status, List<Pending> pending, boolean overdue) {
    static boolean anyOverdue(List<Pending> pending, java.time.LocalDate day) {
      return pending.stream().anyMatch(p -> UnitReporting.overdueIn(p, day) != null);
    }
  }

  /** Overdue units first, then those owing more, then by name. */
  private static final Comparator<Owing> WORST_FIRST =
      Comparator.comparing((Owing o) -> !o.overdue())
          .thenComparingInt(o -> -o.pending().size())
          .thenComparing(o -> o.status().unitName());

  /**
   * One unit's line, short enough for a phone: "· 人社局：新增就业岗位 等 3 项（逾期：5月未报）张三 13800000001"; {@code
   * contacts} null when contacts are not shown.
   */
  private static String line(
      PlanView view,
      Deadlines.Snapshot extended,
      UnitStatus s,
      List<Pending> pending,
      List<Contact> contacts) {
    StringBuilder line = new StringBuilder("· ").append(s.unitName()).append("：");
    line.append(ProgressTexts.label(view, pending.get(0).target().target()));
    if (pending.size() > 1) {
      line.append(" 等 ").append(pending.size()).append(" 项");
    }
    Set<String> missed = new LinkedHashSet<>();
    pending.stream()
        .map(p -> UnitReporting.missedOverdue(p, view.date()))
        .filter(p -> p != null)
        .forEach(p -> missed.add(p.label()));
    if (!missed.isEmpty()) {
      line.append("（逾期：").append(String.join("、", missed)).append("未报）");
    }
    String moved = extendedTo(extended, s.unitId(), pending);
    if (!moved.isEmpty()) {
      line.append("（").append(moved).append("）");
    }
    if (contacts != null) {
      line.append(contact(contacts));
    }
    return line.toString();
  }

  /**
   * "已延期至 7月5日" when an approved 延期 moved the deadline of every one of {@code pending} (the dates
   * joined when they differ); "其中 开发公益性岗位 延至 7月5日" (or "… 等 2 项延至 …") when it moved only some, so a
   * one-target extension never reads as the unit's; else "".
   */
  public static String extendedTo(Deadlines.Snapshot extended, long unitId, List<Pending> pending) {
    if (extended.isEmpty()) {
      return "";
    }
    Set<String> dates = new LinkedHashSet<>();
    List<String> names = new java.util.ArrayList<>();
    for (Pending p : pending) {
      long target = p.target().target().id;
      boolean moved = false;
      if (p.missedPeriod() != null) {
        var e = extended.of(unitId, target, p.missedPeriod().key());
        e.ifPresent(x -> dates.add(ProgressTexts.date(x.newDeadline())));
        moved = e.isPresent();
      }
      var e = extended.of(unitId, target, p.period().key());
      e.ifPresent(x -> dates.add(ProgressTexts.date(x.newDeadline())));
      if (moved || e.isPresent()) {
        names.add(p.target().target().name);
      }
    }
    if (dates.isEmpty()) {
      return "";
    }
    if (names.size() == pending.size()) {
      return "已延期至 " + String.join("、", dates);
    }
    return "其中 "
        + names.get(0)
        + (names.size() > 1 ? " 等 " + names.size() + " 项" : " ")
        + "延至 "
        + String.join("、", dates);
  }

  /** " 张三 13800000001" (the first reporter, "等 2 人" when there are more), or "（未登记填报人）". */
  static String contact(List<Contact> contacts) {
    if (contacts.isEmpty()) {
      return "（未登记填报人）";
    }
    Contact c = contacts.get(0);
    return " "
        + c.name
        + (c.mobile == null ? "" : " " + c.mobile)
        + (contacts.size() > 1 ? " 等 " + contacts.size() + " 人" : "");
  }

  /**
   * Whether one unit has reported this period, in one or two lines ("人社局 6月已报齐。" / "人社局 6月还有 2
   * 项未报（截止 6月25日）：新增就业岗位、…").
   */
  public String unitAnswer(PlanView view, Map<Long, UnitStatus> statuses, String unitName) {
    UnitStatus s =
        statuses.values().stream()
            .filter(u -> u.unitName().equals(unitName))
            .findFirst()
            .orElse(null);
    if (s == null) {
      return unitName + " 没有需要报送的目标。";
    }
    ReportingPeriod period = calendars.planPeriodFor(view.plan(), view.date());
    String label = period == null ? "本期" : period.label();
    if (s.pending().isEmpty()) {
      return unitName + " " + label + "已报齐（" + s.active().size() + " 项）。";
    }
    StringBuilder sb =
        new StringBuilder(unitName)
            .append(" ")
            .append(label)
            .append("还有 ")
            .append(s.pending().size())
            .append(" 项未报（截止 ")
            .append(ProgressTexts.date(period == null ? null : period.deadline()));
    String moved = extendedTo(deadlines.current(), s.unitId(), s.pending());
    sb.append(moved.isEmpty() ? "" : "，" + moved).append("）：");
    List<String> names = new ArrayList<>();
    for (Pending p : s.pending()) {
      names.add(ProgressTexts.label(view, p.target().target()));
    }
    sb.append(
        names.size() <= 3 ? String.join("、", names) : String.join("、", names.subList(0, 3)) + " 等");
    Set<String> missed = new LinkedHashSet<>();
    s.pending().stream()
        .map(p -> UnitReporting.missedOverdue(p, view.date()))
        .filter(p -> p != null)
        .forEach(p -> missed.add(p.label()));
    if (!missed.isEmpty()) {
      sb.append("\n").append(String.join("、", missed)).append("也未报，已逾期。");
    }
    return sb.toString();
  }

  /**
   * Who did not report in a past period ({@link PastReporting}): one line per unit, most owed
   * first.
   */
  public String pastText(
      PlanView view, ReportingPeriod period, List<PastReporting.Owed> owed, boolean withContacts) {
    StringBuilder sb =
        new StringBuilder(period.label())
            .append(" 报送情况（截止 ")
            .append(ProgressTexts.date(period.deadline()))
            .append("，已结束）");
    if (owed.isEmpty()) {
      return sb.append("\n").append(period.label()).append("各单位都已报送。").toString();
    }
    Map<Long, List<Contact>> contacts = withContacts ? directory.reportersByUnit() : Map.of();
    sb.append("\n未报 ").append(owed.size()).append(" 个单位：");
    int listed = 0;
    for (PastReporting.Owed o : owed) {
      if (listed++ == MAX_UNITS_LISTED) {
        sb.append("\n……另有 ").append(owed.size() - MAX_UNITS_LISTED).append(" 个单位未报。");
        break;
      }
      sb.append("\n· ")
          .append(o.unitName())
          .append("：")
          .append(ProgressTexts.label(view, o.targets().get(0).target()));
      if (o.targets().size() > 1) {
        sb.append(" 等 ").append(o.targets().size()).append(" 项");
      }
      if (withContacts) {
        sb.append(contact(contacts.getOrDefault(o.unitId(), List.of())));
      }
    }
    return sb.toString();
  }
}
