package io.duban.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.calendar.CalendarFiles;
import io.duban.calendar.PeriodScheme;
import io.duban.calendar.Periods;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import io.duban.report.Status;
import io.duban.report.TaskProgress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A unit's reminder text on the real 2018 calendar, without a database. */
class DueTextsTest {
  static final WorkCalendar CAL = CalendarFiles.loadCalendar(Path.of("bot-config/calendar"));
  static final LocalDate START = LocalDate.of(2018, 1, 1);
  static final LocalDate END = LocalDate.of(2018, 12, 31);
  static final ReportingPeriod MAY = period("2018-05-10");
  static final ReportingPeriod JUNE = period("2018-06-10");

  static ReportingPeriod period(String day) {
    return Periods.periodFor(PeriodScheme.monthly(25), LocalDate.parse(day), START, END, CAL);
  }

  static TargetView task(String name) {
    Target t = new Target();
    t.name = name;
    t.kind = TargetKind.TASK;
    return new TargetView(
        t,
        "工程",
        null,
        null,
        null,
        Status.NOT_STARTED,
        List.of(),
        List.of(),
        TaskProgress.NOT_STARTED,
        null,
        null,
        null,
        null);
  }

  /** {@code missed} targets owe May and June, {@code current} ones June only. */
  static UnitStatus owing(int missed, int current) {
    List<Pending> pending = new ArrayList<>();
    for (int i = 1; i <= missed; i++) {
      pending.add(new Pending(task("五月起欠报的第" + i + "项任务"), JUNE, false, MAY));
    }
    for (int i = 1; i <= current; i++) {
      pending.add(new Pending(task("六月欠报的第" + i + "项任务"), JUNE, false, null));
    }
    return new UnitStatus(7, "某某局", false, JUNE.label(), JUNE.deadline(), pending, List.of());
  }

  @Test
  void aFewTargetsAreListedWithTheirStateUnderTheOldestPeriodTheyOwe() {
    String text = DueTexts.unitReminder(LocalDate.of(2018, 6, 21), owing(2, 1), CAL);
    assertThat(text)
        .isEqualTo(
            """
            【督办提醒】某某局：2018年5月 数据已于 5月25日（周五）截止，已逾期 18 个工作日；\
            2018年6月 数据 6月25日（周一）截止，还有 2 个工作日。请尽快报送。
            2018年5月起未报 2 项：
            · 五月起欠报的第1项任务：未启动
            · 五月起欠报的第2项任务：未启动
            2018年6月 未报 1 项：
            · 六月欠报的第1项任务：未启动
            上报方法：@督办助手 进展 五月起欠报的第1项任务 <进展说明> 推进中（每项一条）""");
  }

  @Test
  void manyTargetsFitAPhoneWithAFewNamesPerPeriodAndTheCount() {
    for (int missed : List.of(0, 3, 9, 30)) {
      for (int current : List.of(1, 8, 40)) {
        String text = DueTexts.unitReminder(LocalDate.of(2018, 6, 25), owing(missed, current), CAL);
        assertThat(text.length()).as(text).isLessThanOrEqualTo(500);
        assertThat(text.split("\n", -1).length).as(text).isLessThanOrEqualTo(12);
        assertThat(text).contains("2018年6月 数据 6月25日（周一）今天截止");
        if (missed > 0) {
          assertThat(text).contains("2018年5月 数据已于 5月25日（周五）截止，已逾期 20 个工作日");
        }
        if (missed + current > 10) {
          assertThat(text).contains("等 " + Math.max(missed, current) + " 项");
        }
      }
    }
    String many = DueTexts.unitReminder(LocalDate.of(2018, 6, 25), owing(30, 40), CAL);
    assertThat(many)
        .contains("· 2018年5月起未报：五月起欠报的第1项任务、")
        .contains(" 等 30 项")
        .contains("· 2018年6月 未报：六月欠报的第1项任务、")
        .contains(" 等 40 项");
  }

  @Test
  void owingOnlyTheCurrentPeriodKeepsTheSinglePeriodForm() {
    assertThat(DueTexts.unitReminder(LocalDate.of(2018, 6, 20), owing(0, 1), CAL))
        .startsWith("【督办提醒】某某局：2018年6月 数据 6月25日（周一）截止，还有 3 个工作日。\n未报 1 项：\n· ");
    assertThat(DueTexts.unitReminder(LocalDate.of(2018, 6, 25), owing(0, 1), CAL))
        .startsWith("【督办提醒】某某局：2018年6月 数据 6月25日（周一）今天截止，请今天内报送。");
    assertThat(DueTexts.unitReminder(LocalDate.of(2018, 6, 27), owing(0, 1), CAL))
        .startsWith("【督办提醒】某某局：2018年6月 数据已于 6月25日（周一）截止，已逾期 2 个工作日，请尽快报送。");
  }
}
