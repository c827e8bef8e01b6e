package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.contact.Contact;
import io.duban.contact.ContactDirectory;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
    List<String> lines = new ArrayList<>();
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
      lines.add(
          line(s, pending, withContacts ? contacts.getOrDefault(s.unitId(), List.of()) : null));
    }
    if (lines.isEmpty()) {
      sb.append("\n").append(scope.label()).append(" 本期都已报送。");
    } else {
      sb.append("\n未报 ").append(lines.size()).append(" 个单位：");
      lines.stream().limit(maxUnits).forEach(l -> sb.append("\n").append(l));
      if (lines.size() > maxUnits) {
        sb.append("\n……另有 ")
            .append(lines.size() - maxUnits)
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

  /** One unit's line; {@code contacts} null when contacts are not shown. */
  private static String line(UnitStatus s, List<Pending> pending, List<Contact> contacts) {
    StringBuilder line = new StringBuilder("· ").append(s.unitName()).append("：");
    for (int i = 0; i < Math.min(3, pending.size()); i++) {
      line.append(i == 0 ? "" : "、").append(pending.get(i).target().target().name);
    }
    if (pending.size() > 3) {
      line.append(" 等 ").append(pending.size()).append(" 项");
    }
    Set<String> missed = new LinkedHashSet<>();
    pending.stream()
        .filter(p -> p.missedPeriod() != null)
        .forEach(p -> missed.add(p.missedPeriod().label()));
    if (!missed.isEmpty()) {
      line.append("（逾期：").append(String.join("、", missed)).append("未报）");
    }
    if (contacts != null) {
      List<String> names = new ArrayList<>();
      for (Contact c : contacts) {
        names.add(c.name + (c.mobile == null ? "" : " " + c.mobile));
      }
      line.append(names.isEmpty() ? "（未登记填报人）" : "（" + String.join("，", names) + "）");
    }
    return line.toString();
  }
}
