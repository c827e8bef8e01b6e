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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 逾期 text: units with reports overdue (a period whose deadline passed unreported,
 * docs/contract.md §4), the most workdays overdue first, one line per unit.
 */
@ApplicationScoped
public class OverdueTexts {
  @Inject CalendarService calendars;
  @Inject ContactDirectory directory;

  /** A unit's overdue reports: how many workdays since the earliest deadline missed. */
  public record Overdue(
      UnitStatus status, int workdays, List<Pending> pending, Set<String> periods) {}

  /** Units with an overdue report, the most workdays overdue first. */
  public List<Overdue> overdue(PlanView view, Map<Long, UnitStatus> statuses) {
    List<Overdue> out = new ArrayList<>();
    for (UnitStatus s : statuses.values()) {
      int workdays = 0;
      List<Pending> late = new ArrayList<>();
      Set<String> periods = new LinkedHashSet<>();
      for (Pending p : s.pending()) {
        ReportingPeriod missed = UnitReporting.overdueIn(p, view.date());
        if (missed == null) {
          continue;
        }
        late.add(p);
        periods.add(missed.label());
        workdays =
            Math.max(
                workdays, calendars.calendar().workdaysBetween(missed.deadline(), view.date()));
      }
      if (!late.isEmpty()) {
        out.add(new Overdue(s, workdays, late, periods));
      }
    }
    out.sort(
        Comparator.comparing((Overdue o) -> -o.workdays())
            .thenComparing(o -> -o.pending().size())
            .thenComparing(o -> o.status().unitName()));
    return out;
  }

  /** The 逾期 answer; contacts for leaders and admins. */
  public String text(PlanView view, Map<Long, UnitStatus> statuses, boolean withContacts) {
    List<Overdue> overdue = overdue(view, statuses);
    if (overdue.isEmpty()) {
      return "截至 " + ProgressTexts.date(view.date()) + "，没有逾期未报的单位。";
    }
    Map<Long, List<Contact>> contacts = withContacts ? directory.reportersByUnit() : Map.of();
    StringBuilder sb =
        new StringBuilder("逾期未报的单位（截至 ")
            .append(ProgressTexts.date(view.date()))
            .append("）共 ")
            .append(overdue.size())
            .append(" 个，逾期最久的在前：");
    int listed = 0;
    for (Overdue o : overdue) {
      if (listed++ == UnreportedTexts.MAX_UNITS_LISTED) {
        sb.append("\n……另有 ")
            .append(overdue.size() - UnreportedTexts.MAX_UNITS_LISTED)
            .append(" 个单位逾期。");
        break;
      }
      sb.append("\n· ")
          .append(o.status().unitName())
          .append(" 逾期 ")
          .append(o.workdays())
          .append(" 个工作日（")
          .append(String.join("、", o.periods()))
          .append("未报）：")
          .append(ProgressTexts.label(view, o.pending().get(0).target().target()));
      if (o.pending().size() > 1) {
        sb.append(" 等 ").append(o.pending().size()).append(" 项");
      }
      if (withContacts) {
        sb.append(UnreportedTexts.contact(contacts.getOrDefault(o.status().unitId(), List.of())));
      }
    }
    return sb.toString();
  }
}
