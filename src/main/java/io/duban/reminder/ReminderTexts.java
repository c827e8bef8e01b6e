package io.duban.reminder;

import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.progress.BulletinTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.progress.UnitReporting.UnitStatus;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/** The Chinese text of reminders, escalations and the monthly 通报. */
public final class ReminderTexts {
  private static final String[] WEEKDAYS = {"一", "二", "三", "四", "五", "六", "日"};

  private ReminderTexts() {}

  static String date(LocalDate d) {
    DayOfWeek w = d.getDayOfWeek();
    return ProgressTexts.date(d) + "（周" + WEEKDAYS[w.getValue() - 1] + "）";
  }

  /** One overdue unit for the leaders' group (merged with the others of the day when sent). */
  public static String escalation(
      ReportingPeriod period,
      LocalDate day,
      UnitStatus status,
      WorkCalendar cal,
      List<String> contacts) {
    int late = day.isAfter(period.deadline()) ? cal.workdaysBetween(period.deadline(), day) : 0;
    StringBuilder sb =
        new StringBuilder("【逾期通报】")
            .append(status.unitName())
            .append("：")
            .append(period.label())
            .append(late > 0 ? " 数据逾期 " + late + " 个工作日仍未报送（" : " 数据今天截止、已是本期最后一个工作日，仍未报送（")
            .append(status.pending().size())
            .append(" 项：");
    for (int i = 0; i < Math.min(3, status.pending().size()); i++) {
      sb.append(i == 0 ? "" : "、").append(status.pending().get(i).target().target().name);
    }
    if (status.pending().size() > 3) {
      sb.append(" 等");
    }
    sb.append("）");
    if (!contacts.isEmpty()) {
      sb.append("。联系人：").append(String.join("，", contacts));
    }
    return sb.toString();
  }

  /** The monthly 通报 to the leaders (composed in progress/BulletinTexts, shared with 通报 in chat). */
  public static String bulletin(
      PlanView view,
      ReportingPeriod period,
      String overall,
      String unreported,
      String ranking,
      BulletinTexts.Notes notes) {
    return BulletinTexts.full(view, period, overall, unreported, ranking, notes);
  }

  static String line(TargetView v) {
    String line = ProgressTexts.targetLine(v);
    int cut = line.indexOf("，序时进度");
    return cut > 0 ? line.substring(0, cut) : line;
  }

  static String example(TargetView v) {
    return switch (v.target().kind) {
      case NUMERIC -> "上报 " + v.target().name + " <累计数>";
      case CHECKLIST ->
          "完成 <清单项>（如 "
              + v.items().stream().filter(i -> !i.done()).map(i -> i.name()).findFirst().orElse("")
              + "）";
      case TASK -> "进展 " + v.target().name + " <进展说明> 推进中";
    };
  }
}
