package io.duban.reminder;

import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a unit's daily reminder: every period it owes, worst first (the overdue ones with
 * their workdays overdue, then the next deadline with the workdays left, or 今天截止), and the targets
 * it owes under the oldest period each one owes. Phone-sized: at most {@link #MAX_LINES} lines and
 * {@link #MAX_CHARS} characters; a unit owing many targets gets one line per period with a few
 * names and "等 N 项".
 */
final class DueTexts {
  static final int MAX_LINES = 12;
  static final int MAX_CHARS = 500;

  private DueTexts() {}

  /**
   * The targets whose oldest owed period is {@code period}; {@code missed} when that is a period
   * before the current one (those targets owe the later period too).
   */
  record Group(ReportingPeriod period, boolean missed, List<TargetView> targets) {}

  /** A unit's reminder on {@code day}; {@code status} lists only what it owes (tracked periods). */
  static String unitReminder(LocalDate day, UnitStatus status, WorkCalendar cal) {
    List<ReportingPeriod> periods = Owing.periods(status);
    List<Group> groups = groups(status, periods);
    String head =
        "【督办提醒】"
            + status.unitName()
            + "："
            + headline(day, periods, cal, movedNames(status, periods));
    List<Pending> pending = status.pending();
    TargetView first = groups.get(0).targets().get(0);
    String method =
        "上报方法：@督办助手 " + ReminderTexts.example(first) + (pending.size() > 1 ? "（每项一条）" : "");
    boolean single = periods.size() == 1;
    String full = head + "\n" + String.join("\n", fullLines(groups, single)) + "\n" + method;
    if (fits(full)) {
      return full;
    }
    String compact = full;
    for (int names = 3; names >= 0; names--) {
      List<String> lines = compactLines(groups, single, names);
      compact = head + "\n" + String.join("\n", lines) + "\n" + method;
      if (fits(compact)) {
        return compact;
      }
    }
    return compact;
  }

  /**
   * The reminder with the unit's 情况说明 lines (慢序时 targets asked for one, or shown with theirs), as
   * many of them as keep it phone-sized.
   */
  static String withNotes(String reminder, List<String> notes) {
    String out = reminder;
    for (String line : notes) {
      String longer = out + "\n" + line;
      if (fits(longer)) {
        out = longer;
      }
    }
    return out;
  }

  static boolean fits(String text) {
    return text.length() <= MAX_CHARS && text.split("\n", -1).length <= MAX_LINES;
  }

  /** What the unit owes per period, worst first; each target once, under its oldest period. */
  static List<Group> groups(UnitStatus status, List<ReportingPeriod> periods) {
    Map<String, List<TargetView>> byKey = new LinkedHashMap<>();
    Map<String, Boolean> missed = new LinkedHashMap<>();
    for (ReportingPeriod p : periods) {
      byKey.put(Owing.id(p), new ArrayList<>());
    }
    for (Pending p : status.pending()) {
      ReportingPeriod oldest = p.missedPeriod() != null ? p.missedPeriod() : p.period();
      byKey.get(Owing.id(oldest)).add(p.target());
      missed.merge(Owing.id(oldest), p.missedPeriod() != null, Boolean::logicalOr);
    }
    List<Group> out = new ArrayList<>();
    for (ReportingPeriod p : periods) {
      List<TargetView> targets = byKey.get(Owing.id(p));
      if (!targets.isEmpty()) {
        out.add(new Group(p, missed.getOrDefault(Owing.id(p), false), targets));
      }
    }
    return out;
  }

  static String headline(LocalDate day, List<ReportingPeriod> periods, WorkCalendar cal) {
    return headline(day, periods, cal, Map.of());
  }

  /**
   * The targets of a period that appears again with a later deadline (a 延期 of some targets only),
   * by {@link Owing#id}: the headline names them ("2018年6月 开发公益性岗位 数据 7月5日截止") so the two deadlines
   * of one month are told apart.
   */
  static Map<String, String> movedNames(UnitStatus status, List<ReportingPeriod> periods) {
    Map<String, LocalDate> earliest = new HashMap<>();
    for (ReportingPeriod p : periods) {
      earliest.merge(p.key(), p.deadline(), (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (Pending p : status.pending()) {
      ReportingPeriod period = p.period();
      if (period.deadline().isAfter(earliest.getOrDefault(period.key(), period.deadline()))) {
        names
            .computeIfAbsent(Owing.id(period), k -> new ArrayList<>())
            .add(p.target().target().name);
      }
    }
    Map<String, String> out = new HashMap<>();
    names.forEach(
        (id, list) ->
            out.put(
                id,
                list.size() <= 2
                    ? String.join("、", list)
                    : list.get(0) + " 等 " + list.size() + " 项"));
    return out;
  }

  /** Every period with its deadline: overdue ones first, then the next deadline. */
  static String headline(
      LocalDate day, List<ReportingPeriod> periods, WorkCalendar cal, Map<String, String> moved) {
    boolean overdue = false;
    boolean today = false;
    List<String> parts = new ArrayList<>();
    for (ReportingPeriod p : periods) {
      LocalDate dl = p.deadline();
      String which = moved.get(Owing.id(p));
      StringBuilder sb =
          new StringBuilder(p.label()).append(which == null ? "" : " " + which).append(" 数据");
      if (day.isAfter(dl)) {
        overdue = true;
        sb.append("已于 ")
            .append(ReminderTexts.date(dl))
            .append("截止，已逾期 ")
            .append(cal.workdaysBetween(dl, day))
            .append(" 个工作日");
      } else if (day.equals(dl)) {
        today = true;
        sb.append(" ").append(ReminderTexts.date(dl)).append("今天截止");
      } else {
        sb.append(" ")
            .append(ReminderTexts.date(dl))
            .append("截止，还有 ")
            .append(cal.workdaysBetween(day, dl))
            .append(" 个工作日");
      }
      parts.add(sb.toString());
    }
    String closing = overdue ? "请尽快报送。" : today ? "请今天内报送。" : "";
    if (parts.size() == 1) {
      return parts.get(0) + (closing.isEmpty() ? "。" : "，" + closing);
    }
    return String.join("；", parts) + "。" + closing;
  }

  private static String groupHead(Group g, boolean single) {
    return single ? "未报" : g.period().label() + (g.missed() ? "起未报" : " 未报");
  }

  /** One line per group, then one per target with its figure. */
  private static List<String> fullLines(List<Group> groups, boolean single) {
    List<String> lines = new ArrayList<>();
    for (Group g : groups) {
      lines.add(groupHead(g, single) + " " + g.targets().size() + " 项：");
      for (TargetView t : g.targets()) {
        lines.add("· " + ReminderTexts.line(t));
      }
    }
    return lines;
  }

  /** One line per group with at most {@code names} target names and "等 N 项". */
  private static List<String> compactLines(List<Group> groups, boolean single, int names) {
    List<String> lines = new ArrayList<>();
    int room = MAX_LINES - 2; // the headline and the method
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      if (lines.size() == room - 1 && i < groups.size() - 1) {
        int rest = 0;
        for (Group r : groups.subList(i, groups.size())) {
          rest += r.targets().size();
        }
        lines.add("……其余各期另有 " + rest + " 项未报");
        break;
      }
      int n = g.targets().size();
      StringBuilder sb = new StringBuilder(single ? "" : "· ").append(groupHead(g, single));
      if (names == 0) {
        sb.append(" ").append(n).append(" 项");
      } else {
        sb.append("：");
        for (int k = 0; k < Math.min(names, n); k++) {
          sb.append(k == 0 ? "" : "、").append(g.targets().get(k).target().name);
        }
        if (n > names) {
          sb.append(" 等 ").append(n).append(" 项");
        }
      }
      lines.add(sb.toString());
    }
    return lines;
  }
}
