package io.duban.reminder;

import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which reminders are due on one plan-clock day, from the rules, the work calendar and what
 * each unit still owes. Pure: no clock, no database. Reminders go out on workdays inside the plan's
 * period only; a unit gets at most one reminder a day (the most urgent rule), listing all it owes;
 * escalations and the 通报 stay inside the period they are about.
 */
public final class ReminderPlanner {
  private ReminderPlanner() {}

  /** The rules, most urgent last. */
  public enum RuleKind {
    BEFORE,
    ON_DEADLINE,
    OVERDUE,
    ESCALATION,
    BULLETIN
  }

  /** A target a unit owes: its period, and the previous period when that went unreported too. */
  public record Owed(
      long targetId, String targetName, ReportingPeriod period, ReportingPeriod missed) {}

  /** What one unit owes on the day. */
  public record UnitDue(long unitId, String unitName, List<Owed> owed, boolean paused) {}

  /** One reminder (or escalation, or 通报) due on the day. */
  public record Planned(
      String ruleId,
      RuleKind kind,
      Long unitId,
      String unitName,
      ReportingPeriod period,
      int workdaysOverdue,
      List<Owed> owed) {}

  public static List<Planned> plan(
      LocalDate day,
      ReminderRules rules,
      LocalDate planStart,
      LocalDate planEnd,
      WorkCalendar cal,
      List<UnitDue> units,
      ReportingPeriod planPeriod) {
    List<Planned> out = new ArrayList<>();
    if (day.isBefore(planStart) || day.isAfter(planEnd) || !cal.isWorkday(day)) {
      return out;
    }
    for (UnitDue u : units) {
      if (u.paused() || u.owed().isEmpty()) {
        continue;
      }
      planUnit(day, rules, cal, u, out);
    }
    if (rules.bulletin()
        && planPeriod != null
        && day.equals(bulletinDay(planPeriod, rules.bulletinAfter(), cal))) {
      out.add(new Planned("bulletin", RuleKind.BULLETIN, null, null, planPeriod, 0, List.of()));
    }
    return out;
  }

  /** A unit's most urgent reminder of the day, if any, then its escalation, if one is due. */
  private static void planUnit(
      LocalDate day, ReminderRules rules, WorkCalendar cal, UnitDue u, List<Planned> out) {
    Planned best = null;
    int escalationOverdue = -1;
    ReportingPeriod escalationPeriod = null;
    for (Owed o : u.owed()) {
      for (ReportingPeriod p : periods(o)) {
        LocalDate dl = p.deadline();
        Planned candidate = candidate(day, rules, cal, u, p);
        // at a period's end with fewer than N workdays left this may be the deadline day itself
        if (rules.escalateAfter() > 0 && day.equals(escalationDay(p, rules.escalateAfter(), cal))) {
          escalationOverdue =
              Math.max(escalationOverdue, day.isAfter(dl) ? cal.workdaysBetween(dl, day) : 0);
          escalationPeriod = p;
        }
        // the most urgent rule; between equals, the latest period (the one being reported now)
        if (candidate != null
            && (best == null
                || candidate.kind().compareTo(best.kind()) > 0
                || candidate.kind() == best.kind()
                    && candidate.period().end().isAfter(best.period().end()))) {
          best = candidate;
        }
      }
    }
    if (best != null) {
      out.add(best);
    }
    if (escalationPeriod != null) {
      out.add(
          new Planned(
              "escalate",
              RuleKind.ESCALATION,
              u.unitId(),
              u.unitName(),
              escalationPeriod,
              escalationOverdue,
              u.owed()));
    }
  }

  /** The before-deadline, on-deadline or overdue rule that applies to one period today, if any. */
  private static Planned candidate(
      LocalDate day, ReminderRules rules, WorkCalendar cal, UnitDue u, ReportingPeriod p) {
    LocalDate dl = p.deadline();
    if (!day.isAfter(dl)) {
      int before = cal.workdaysBetween(day, dl);
      if (before == 0 && rules.onDeadline()) {
        return new Planned(
            "on-deadline", RuleKind.ON_DEADLINE, u.unitId(), u.unitName(), p, 0, u.owed());
      } else if (before > 0 && rules.beforeDeadline().contains(before)) {
        return new Planned(
            "before-" + before, RuleKind.BEFORE, u.unitId(), u.unitName(), p, 0, u.owed());
      }
      return null;
    }
    int overdue = cal.workdaysBetween(dl, day);
    if (rules.overdueDaily()) {
      return new Planned(
          "overdue", RuleKind.OVERDUE, u.unitId(), u.unitName(), p, overdue, u.owed());
    }
    return null;
  }

  private static List<ReportingPeriod> periods(Owed o) {
    return o.missed() == null ? List.of(o.period()) : List.of(o.missed(), o.period());
  }

  /**
   * The day overdue units are escalated: N workdays after the deadline, but never after the
   * period's last workday (at a period's end with fewer than N workdays left, on that day). A
   * deadline a unit's 延期 moved past the period's end escalates N workdays after it.
   */
  public static LocalDate escalationDay(ReportingPeriod p, int n, WorkCalendar cal) {
    LocalDate esc = cal.addWorkdays(p.deadline(), n);
    if (p.deadline().isAfter(p.end())) {
      return esc;
    }
    LocalDate last = cal.isWorkday(p.end()) ? p.end() : cal.previousWorkday(p.end());
    if (esc.isAfter(last)) {
      esc = last.isAfter(p.deadline()) ? last : p.deadline();
    }
    return esc;
  }

  /** The 通报 goes out N workdays after the period's deadline, inside the period. */
  public static LocalDate bulletinDay(ReportingPeriod p, int n, WorkCalendar cal) {
    LocalDate day = cal.addWorkdays(p.deadline(), n);
    LocalDate last = cal.isWorkday(p.end()) ? p.end() : cal.previousWorkday(p.end());
    return day.isAfter(last) ? last : day;
  }
}
