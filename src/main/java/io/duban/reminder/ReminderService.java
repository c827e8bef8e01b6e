package io.duban.reminder;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.WorkCalendar;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Mention;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxQueries;
import io.duban.common.Locks;
import io.duban.contact.Contact;
import io.duban.contact.ContactDirectory;
import io.duban.contact.Identities;
import io.duban.progress.FigureSnapshots;
import io.duban.progress.FigureSnapshots.FigureSnapshot;
import io.duban.progress.NoteTexts;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.ProgressService;
import io.duban.progress.Scope;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import io.duban.progress.UnreportedTexts;
import io.duban.reminder.ReminderPlanner.Owed;
import io.duban.reminder.ReminderPlanner.Planned;
import io.duban.reminder.ReminderPlanner.RuleKind;
import io.duban.reminder.ReminderPlanner.UnitDue;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the planner's decisions into messages: who gets which reminder on a plan-clock day, with
 * what text and @-mentions, on which route and at what time. Enqueueing is idempotent per (rule,
 * unit, period, day) through the outbox's dedupe key, across restarts and instances.
 */
@ApplicationScoped
public class ReminderService {
  @Inject ProgressService progress;
  @Inject FigureSnapshots snapshots;
  @Inject Locks locks;
  @Inject UnitReporting reporting;
  @Inject CalendarService calendars;
  @Inject BotRegistry bots;
  @Inject Outbox outbox;
  @Inject OutboxQueries outboxQueries;
  @Inject PlanClock planClock;
  @Inject Clock wall;
  @Inject ReminderRulesHolder rules;
  @Inject UnreportedTexts unreported;
  @Inject NoteTexts notes;
  @Inject ContactDirectory directory;

  /** One message a day's plan produces. */
  public record Item(
      String rule,
      String kind,
      Long unitId,
      String unit,
      String periodKey,
      Route route,
      Instant sendAt,
      String text,
      List<Mention> mentions,
      String dedupeKey) {}

  /** A day's plan, with a warning when the work calendar does not cover that day. */
  public record DayPlan(LocalDate date, String calendarWarning, List<Item> items) {}

  /** The reminders of a plan-clock day from the current report state, without sending. */
  @Transactional
  public DayPlan preview(LocalDate day) {
    return new DayPlan(day, calendarWarning(day), items(day));
  }

  /** Plans and enqueues a day's reminders; returns only what was new (a second run: nothing). */
  @Transactional
  public DayPlan run(LocalDate day, boolean sendNow) {
    // the scheduled job and an admin's run on any instance take turns; the second finds the first's
    // rows and creates nothing
    locks.acquire("reminders");
    List<Item> items = items(day);
    List<String> keys = items.stream().map(Item::dedupeKey).filter(k -> k != null).toList();
    Set<String> existing = new HashSet<>(outboxQueries.usedDedupeKeys(keys));
    List<Item> created = new ArrayList<>();
    for (Item item : items) {
      if (item.dedupeKey() != null && !existing.add(item.dedupeKey())) {
        continue;
      }
      Outbox.Draft draft =
          Outbox.Draft.of(item.route(), kind(item), item.text())
              .mention(item.mentions())
              .dedupe(item.dedupeKey())
              .about(item.unitId(), item.periodKey(), item.rule())
              .at(sendNow ? SendTimes.outOfQuietHours(wall.instant(), rules.get()) : item.sendAt());
      if (item.dedupeKey() != null) {
        // looked up above with the round's other keys, under the reminders lock: not one query each
        draft = draft.fresh();
      }
      outbox.enqueue(draft);
      created.add(item);
    }
    return new DayPlan(day, calendarWarning(day), created);
  }

  private static MessageKind kind(Item item) {
    return switch (item.kind()) {
      case "ESCALATION" -> MessageKind.ESCALATION;
      case "BULLETIN" -> MessageKind.BULLETIN;
      default -> MessageKind.REMINDER;
    };
  }

  String calendarWarning(LocalDate day) {
    WorkCalendar cal = calendars.calendar();
    if (cal.coversDate(day)) {
      return null;
    }
    return "工作日历没有覆盖 "
        + day
        + "（缺少 "
        + cal.missingYears(day, day).stream()
            .map(y -> "calendar/" + y + ".yaml")
            .reduce((a, b) -> a + "、" + b)
            .orElse("")
        + "），这一天按周一至周五判断工作日，节假日和调休可能不准。";
  }

  List<Item> items(LocalDate day) {
    PlanView view = progress.view(day);
    if (view == null || view.phase() != Phase.RUNNING) {
      return List.of();
    }
    ReminderRules r = rules.get();
    WorkCalendar cal = calendars.calendar();
    // periods before the plan's tracking-from are never owed: no reminder, escalation or 通报
    Map<Long, UnitStatus> statuses = Owing.tracked(view.plan(), reporting.statuses(view));
    List<UnitDue> dues = unitDues(statuses);
    ReportingPeriod planPeriod = calendars.planPeriodFor(view.plan(), day);
    if (planPeriod != null && !CalendarService.tracked(view.plan(), planPeriod)) {
      planPeriod = null;
    }
    Map<Long, List<Contact>> reporters = directory.reportersByUnit();
    List<Planned> planned =
        ReminderPlanner.plan(
            day, r, view.plan().periodStart, view.plan().periodEnd, cal, dues, planPeriod);
    DayContext ctx = new DayContext(day, view, r, cal, statuses, reporters);
    List<Item> items = new ArrayList<>();
    for (Planned p : planned) {
      items.add(
          switch (p.kind()) {
            case BULLETIN -> bulletinItem(p, ctx);
            case ESCALATION -> escalationItem(p, ctx);
            default -> unitItem(p, ctx);
          });
    }
    return items;
  }

  /** What a day's items are made from. */
  private record DayContext(
      LocalDate day,
      PlanView view,
      ReminderRules rules,
      WorkCalendar cal,
      Map<Long, UnitStatus> statuses,
      Map<Long, List<Contact>> reporters) {}

  /** What each unit owes, and whether its reminders are paused. */
  private List<UnitDue> unitDues(Map<Long, UnitStatus> statuses) {
    Set<String> paused = pausedScopes();
    boolean allPaused = paused.contains(ReminderPause.ALL);
    List<UnitDue> dues = new ArrayList<>();
    for (UnitStatus s : statuses.values()) {
      List<Owed> owed = new ArrayList<>();
      for (Pending p : s.pending()) {
        owed.add(
            new Owed(
                p.target().target().id, p.target().target().name, p.period(), p.missedPeriod()));
      }
      dues.add(
          new UnitDue(s.unitId(), s.unitName(), owed, allPaused || paused.contains(s.unitName())));
    }
    return dues;
  }

  /** The leaders' bulletin of a period. */
  private Item bulletinItem(Planned p, DayContext ctx) {
    PlanView view = ctx.view();
    Route route = bots.leadersRoute();
    String text =
        ReminderTexts.bulletin(
            view,
            p.period(),
            OverviewTexts.overall(view),
            unreported.text(view, ctx.statuses(), Scope.ALL, true),
            OverviewTexts.ranking(view),
            notes.bulletinNotes(view, p.period()));
    return new Item(
        p.ruleId(),
        p.kind().name(),
        null,
        null,
        p.period().key(),
        route,
        SendTimes.moment(ctx.day(), route.toString(), ctx.rules(), planClock),
        text,
        List.of(),
        "bulletin:" + p.period().key());
  }

  /** A unit's overdue report, escalated to the leaders with its reporters' contacts. */
  private Item escalationItem(Planned p, DayContext ctx) {
    UnitStatus s = ctx.statuses().get(p.unitId());
    Route route = bots.leadersRoute();
    String text =
        ReminderTexts.escalation(
            p.period(),
            ctx.day(),
            Owing.forPeriod(s, p.period()),
            ctx.cal(),
            contactLines(ctx.reporters().getOrDefault(p.unitId(), List.of())));
    return new Item(
        p.ruleId(),
        p.kind().name(),
        p.unitId(),
        p.unitName(),
        p.period().key(),
        route,
        SendTimes.moment(ctx.day(), route.toString(), ctx.rules(), planClock),
        text,
        List.of(),
        "escalate:" + p.unitId() + ":" + p.period().key());
  }

  /** A reminder to a unit, in its group, mentioning its reporters. */
  private Item unitItem(Planned p, DayContext ctx) {
    UnitStatus s = ctx.statuses().get(p.unitId());
    Route route = bots.unitRoute(p.unitName());
    String text =
        DueTexts.withNotes(
            DueTexts.unitReminder(ctx.day(), s, ctx.cal()),
            notes.unitLines(ctx.view(), p.unitId()));
    return new Item(
        p.ruleId(),
        p.kind().name(),
        p.unitId(),
        p.unitName(),
        p.period().key(),
        route,
        SendTimes.moment(ctx.day(), route.toString(), ctx.rules(), planClock),
        text,
        mentions(ctx.reporters().getOrDefault(p.unitId(), List.of()), route),
        "reminder:" + p.ruleId() + ":" + p.unitId() + ":" + p.period().key() + ":" + ctx.day());
  }

  /** The unit's active reporters, mentioned the way the route's platform can. */
  List<Mention> mentions(List<Contact> reporters, Route route) {
    Optional<BotSpec> bot = bots.bot(route.botId());
    List<Mention> out = new ArrayList<>();
    for (Contact c : reporters) {
      String platformId = null;
      if (bot.isPresent()) {
        platformId = Identities.idFor(c, bot.get().platform(), route.botId());
      }
      out.add(new Mention(c.name, c.mobile, platformId));
    }
    return out;
  }

  static List<String> contactLines(List<Contact> reporters) {
    List<String> out = new ArrayList<>();
    for (Contact c : reporters) {
      out.add(c.name + (c.mobile == null ? "" : " " + c.mobile));
    }
    return out;
  }

  Set<String> pausedScopes() {
    Set<String> out = new HashSet<>();
    // pauses are written in their own transactions (the 暂停提醒 command): no auto-flush of the
    // caller's context, which holds a round's plan view or a claim's rows
    ReminderPause.<ReminderPause>findAll()
        .withHint(org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, org.hibernate.FlushMode.COMMIT)
        .list()
        .forEach(p -> out.add(p.scope));
    return out;
  }

  /** The next reminder of a unit: the plan day, rule and moment. */
  public record Next(LocalDate day, String rule, Instant sendAt, String periodKey) {}

  /**
   * The next reminder each unit would get from today on, if nothing is reported meanwhile (for
   * 下次提醒); units that will get none within the plan are absent.
   */
  @Transactional
  public Map<Long, Next> nextReminders() {
    Map<Long, Next> out = new java.util.LinkedHashMap<>();
    LocalDate today = planClock.today();
    Instant now = wall.instant();
    PlanView first = progress.view(today);
    if (first == null) {
      return out;
    }
    LocalDate end = first.plan().periodEnd;
    for (LocalDate d = today;
        !d.isAfter(end) && d.isBefore(today.plusDays(70));
        d = d.plusDays(1)) {
      for (Item item : items(d)) {
        if (item.unitId() == null
            || !item.kind().equals(RuleKind.BEFORE.name())
                && !item.kind().equals(RuleKind.ON_DEADLINE.name())
                && !item.kind().equals(RuleKind.OVERDUE.name())) {
          continue;
        }
        if (out.containsKey(item.unitId())) {
          continue;
        }
        boolean gone = outboxQueries.leftQueue(item.dedupeKey());
        if (gone
            || (d.equals(today)
                && item.sendAt().isBefore(now)
                && outboxQueries.exists(item.dedupeKey()))) {
          continue;
        }
        out.put(item.unitId(), new Next(d, item.rule(), item.sendAt(), item.periodKey()));
      }
    }
    return out;
  }

  /**
   * The text a reminder should have now, or empty when it is no longer needed (send-time check).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> rerender(OutboxMessage m) {
    if (m.unitId == null && m.kind != MessageKind.BULLETIN) {
      return Optional.of(m.text); // not about a unit: nothing to re-check
    }
    LocalDate today = planClock.today();
    FigureSnapshot snapshot = snapshots.at(today);
    PlanView view = snapshot.view();
    if (view == null || view.phase() != Phase.RUNNING) {
      return Optional.empty(); // nothing goes out outside the plan's period
    }
    if (m.unitId == null) {
      return Optional.of(m.text);
    }
    UnitStatus s = Owing.tracked(view.plan(), snapshot.statuses().get(m.unitId));
    if (s == null || s.pending().isEmpty()) {
      return Optional.empty();
    }
    Set<String> paused = pausedScopes();
    if (paused.contains(ReminderPause.ALL) || paused.contains(s.unitName())) {
      return Optional.empty();
    }
    WorkCalendar cal = calendars.calendar();
    ReportingPeriod period =
        Owing.periods(s).stream().filter(p -> p.key().equals(m.periodKey)).findFirst().orElse(null);
    if (period == null) {
      return Optional.empty();
    }
    if (m.kind == MessageKind.ESCALATION) {
      if (ReminderPlanner.escalationDay(period, rules.get().escalateAfter(), cal).isAfter(today)) {
        return Optional.empty(); // an approved 延期 moved the unit's deadline since it was planned
      }
      return Optional.of(
          ReminderTexts.escalation(
              period,
              today,
              Owing.forPeriod(s, period),
              cal,
              contactLines(directory.reportersByUnit().getOrDefault(m.unitId, List.of()))));
    }
    return Optional.of(
        DueTexts.withNotes(DueTexts.unitReminder(today, s, cal), notes.unitLines(view, m.unitId)));
  }
}
