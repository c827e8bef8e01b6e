package io.duban.reminder;

import io.duban.calendar.CalendarService;
import io.duban.calendar.WorkCalendar;
import io.duban.chat.BotRegistry;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxQueries;
import io.duban.config.NotReady;
import io.duban.progress.ProgressService;
import io.duban.progress.UnitReporting;
import io.duban.report.ReportService;
import io.duban.time.PlanClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ticks on the wall clock and asks the plan clock what is due: today's reminders are planned and
 * enqueued (idempotently, so every instance may tick); from November the admins are told once a
 * week when next year's calendar file is missing. A report that completes a unit's period cancels
 * its queued reminders at once.
 */
@ApplicationScoped
public class ReminderJob {
  private static final Logger LOG = Logger.getLogger(ReminderJob.class);

  @Inject ReminderService reminders;
  @Inject PlanClock planClock;
  @Inject CalendarService calendars;
  @Inject ReminderRulesHolder rules;
  @Inject Outbox outbox;
  @Inject OutboxQueries outboxQueries;
  @Inject BotRegistry bots;
  @Inject ProgressService progress;
  @Inject UnitReporting reporting;

  @Scheduled(
      every = "${duban.reminders.interval:5m}",
      delayed = "20s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void tick() {
    LocalDate today = planClock.today();
    try {
      int n = reminders.run(today, false).items().size();
      if (n > 0) {
        LOG.infof("已安排 %s 的提醒 %d 条", today, n);
      }
      QuarkusTransaction.requiringNew().run(() -> calendarWarning(today));
    } catch (RuntimeException e) {
      LOG.errorf(e, "安排 %s 的提醒失败", today);
    }
  }

  /** From the configured month on, once a week: next year's calendar file is missing. */
  void calendarWarning(LocalDate today) {
    WorkCalendar cal = calendars.calendar();
    int next = today.getYear() + 1;
    if (today.getMonthValue() < rules.get().calendarWarningFromMonth() || cal.covers(next)) {
      return;
    }
    int week = today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    outbox.enqueue(
        Outbox.Draft.of(
                bots.adminRoute(),
                MessageKind.ADMIN_ALERT,
                "【督办】还没有 "
                    + next
                    + " 年的工作日历（bot-config/calendar/"
                    + next
                    + ".yaml）。国务院公布 "
                    + next
                    + " 年放假安排后，请按通知填写节假日和调休上班日；"
                    + "在此之前，12 月下旬和 "
                    + next
                    + " 年的提醒按周一至周五判断工作日。")
            .dedupe("calendar-missing:" + next + ":" + today.getYear() + "-W" + week));
  }

  /** A unit that has now reported everything drops out of the queued reminders at once. */
  void onReport(@Observes ReportService.Recorded event) {
    // memory first: a unit with nothing queued has nothing to cancel, and one that still owes keeps
    // its reminders; the outbox is asked only when the report was the last one owed
    if (!outboxQueries.mayHaveQueued(event.unitId())) {
      return;
    }
    var view = progress.view(planClock.today());
    if (view == null) {
      return;
    }
    var status = reporting.statuses(view).get(event.unitId());
    if (status == null || !status.pending().isEmpty()) {
      return;
    }
    long queued =
        outboxQueries.pendingForUnit(
            event.unitId(), List.of(MessageKind.REMINDER, MessageKind.ESCALATION));
    if (queued > 0) {
      outbox.cancelForUnit(event.unitId(), MessageKind.REMINDER, "单位已报送，提醒取消");
      outbox.cancelForUnit(event.unitId(), MessageKind.ESCALATION, "单位已报送，升级取消");
    }
  }
}
