package io.duban.command.handler;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.command.ParsedCommand.Unreported;
import io.duban.command.Ref;
import io.duban.contact.Contact;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.ProgressTexts;
import io.duban.progress.UnitReporting;
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
 * 未报: units and targets not reported this period (the contract's one definition), with the
 * deadline, overdue marks and, for leaders and admins, the contacts to call.
 */
@ApplicationScoped
public class UnreportedHandler implements CommandHandler<Unreported> {
  /**
   * Units listed in one answer at most: a district's 25 units fit whole; a list of thousands would
   * flood the group in many messages, so the rest are counted and left to the dashboard.
   */
  public static final int MAX_UNITS_LISTED = 50;

  @Inject UnitReporting reporting;
  @Inject CalendarService calendars;
  @Inject io.duban.contact.ContactDirectory directory;

  @Override
  public Class<Unreported> handles() {
    return Unreported.class;
  }

  @Override
  public String handle(Unreported command, ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    PlanView view = ctx.view();
    if (view == null) {
      return Replies.NO_PLAN;
    }
    if (view.phase() != Phase.RUNNING) {
      return view.phase().label() + "，没有报送期。";
    }
    return text(view, reporting.statuses(view), command.scope(), ctx.seesEverything());
  }

  /** The 未报 text (also part of the monthly 通报). */
  public String text(
      PlanView view, Map<Long, UnitStatus> statuses, Ref scope, boolean withContacts) {
    return text(view, statuses, scope, withContacts, MAX_UNITS_LISTED);
  }

  /** The 未报 text listing at most {@code maxUnits} units (the others counted). */
  public String text(
      PlanView view,
      Map<Long, UnitStatus> statuses,
      Ref scope,
      boolean withContacts,
      int maxUnits) {
    ReportingPeriod period = calendars.planPeriodFor(view.plan(), view.date());
    StringBuilder sb = new StringBuilder();
    sb.append(period.label()).append(" 报送情况（截止 ").append(ProgressTexts.date(period.deadline()));
    if (view.date().isAfter(period.deadline())) {
      sb.append("，已过截止日");
    } else {
      int left = calendars.calendar().workdaysBetween(view.date(), period.deadline());
      sb.append(left == 0 ? "，今天截止" : "，还有 " + left + " 个工作日");
    }
    sb.append("）");
    List<String> lines = new ArrayList<>();
    Map<Long, List<Contact>> contacts = withContacts ? directory.reportersByUnit() : Map.of();
    int reported = 0;
    for (UnitStatus s : statuses.values()) {
      boolean unitScope = scope instanceof Ref.UnitRef;
      if (unitScope && !scope.label().equals(s.unitName())) {
        continue;
      }
      List<Pending> pending = s.pending().stream().filter(p -> inScope(p, scope)).toList();
      if (pending.isEmpty()) {
        if (scope == null || unitScope) {
          reported++;
        }
        continue;
      }
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
      if (withContacts) {
        List<String> names = new ArrayList<>();
        for (Contact c : contacts.getOrDefault(s.unitId(), List.of())) {
          names.add(c.name + (c.mobile == null ? "" : " " + c.mobile));
        }
        line.append(names.isEmpty() ? "（未登记填报人）" : "（" + String.join("，", names) + "）");
      }
      lines.add(line.toString());
    }
    if (lines.isEmpty()) {
      sb.append("\n").append(scope == null ? "全部单位" : scope.label()).append(" 本期都已报送。");
    } else {
      sb.append("\n未报 ").append(lines.size()).append(" 个单位：");
      lines.stream().limit(maxUnits).forEach(l -> sb.append("\n").append(l));
      if (lines.size() > maxUnits) {
        sb.append("\n……另有 ")
            .append(lines.size() - maxUnits)
            .append(" 个单位未报，完整名单见看板“本期未报”或导出的 Excel。");
      }
      if (scope == null) {
        sb.append("\n已报 ").append(reported).append(" 个单位。");
      }
    }
    return sb.toString();
  }

  private static boolean inScope(Pending p, Ref scope) {
    if (scope == null || scope instanceof Ref.UnitRef) {
      return true;
    }
    if (scope instanceof Ref.ProjectRef pr) {
      return p.target().projectName().equals(pr.name());
    }
    if (scope instanceof Ref.CategoryRef c) {
      return p.target().target().project.category.number == c.number();
    }
    return true;
  }
}
