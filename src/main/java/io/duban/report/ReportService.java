package io.duban.report;

import io.duban.audit.Audit;
import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.contact.Contact;
import io.duban.plan.ChecklistItem;
import io.duban.plan.Plan;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records figures, checklist ticks and progress notes with their full provenance, keeps the current
 * {@link TargetState} beside the history, and withdraws without erasing. Every write locks its
 * target row, so concurrent reports to one target are serialised and none is lost.
 */
@ApplicationScoped
public class ReportService {
  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject PlanClock planClock;
  @Inject CalendarService calendars;
  @Inject Audit audit;
  @Inject StateCache cache;
  @Inject FastFigures fast;
  @Inject ReviewRequests reviews;

  /** Fired in the writing transaction after each report (reminders drop units that reported). */
  public record Recorded(long targetId, long unitId) {}

  @Inject jakarta.enterprise.event.Event<Recorded> recorded;
  @Inject io.duban.extension.Deadlines deadlines;

  /** The audit line of a recorded figure (either path). */
  void auditFigure(
      Reporter who,
      Target target,
      Unit unit,
      BigDecimal cumulative,
      boolean correction,
      boolean reviewed) {
    audit.record(
        actor(who),
        correction ? "report.corrected" : "report.figure",
        "目标 " + target.code,
        unit.name
            + " 累计 "
            + cumulative.stripTrailingZeros().toPlainString()
            + " "
            + target.unit
            + (reviewed ? "（待审核）" : ""));
  }

  void fireRecorded(long targetId, long unitId) {
    recorded.fire(new Recorded(targetId, unitId));
  }

  /** Who reported: a contact (null for the system), their name, and whether on behalf of a unit. */
  public record Reporter(Contact contact, String name, boolean onBehalf) {}

  /** Where the report came from; {@code senderId} the sender's platform id (null: unknown). */
  public record Source(
      String platform,
      String botId,
      String chatId,
      String messageId,
      String text,
      String senderId) {
    public Source(String platform, String botId, String chatId, String messageId, String text) {
      this(platform, botId, chatId, messageId, text, null);
    }
  }

  /** Serialises writes to one target across threads and instances. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lock(Target target) {
    em.createNativeQuery("SELECT id FROM target WHERE id = :id FOR UPDATE")
        .setParameter("id", target.id)
        .getResultList();
  }

  /**
   * The unit's own latest cumulative figure for a target (null before its first report). Takes the
   * target's lock first: a figure read to add to ("+3000") must not change before the write.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public BigDecimal ownFigure(Target target, Unit unit) {
    if (FastFigures.applies(target)) {
      StateCache.Row row = fast.read(target, unit);
      if (row != null && row.pendingReportId() == null) {
        return row.figure();
      }
    }
    lock(target);
    TargetState.Key key = new TargetState.Key(target.id, unit.id);
    TargetState s = TargetState.findById(key);
    if (s != null) {
      em.refresh(s);
    }
    if (FastFigures.applies(target)) {
      fast.noteLockedRead(key, s);
    }
    // a figure waiting for 审核 is the unit's own latest word
    return s == null ? null : s.pendingReportId != null ? s.pendingFigure : s.figure;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Report recordFigure(
      Target target,
      Unit unit,
      BigDecimal cumulative,
      boolean correction,
      Reporter who,
      Source from) {
    return recordFigure(target, unit, cumulative, correction, null, who, from);
  }

  /**
   * Records a cumulative figure that counts for {@code countedFor} (null: today on the plan clock;
   * an earlier date for a figure sent late for a past period, "5月 8000"). The row's plan date is
   * the counted-for date and its period that date's; recorded-at and plan time stay the real
   * moment, and it is late when today is past that period's deadline. A target's current figure is
   * the figure of the latest counted-for date, so a late May figure never overrides June's.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Report recordFigure(
      Target target,
      Unit unit,
      BigDecimal cumulative,
      boolean correction,
      LocalDate countedFor,
      Reporter who,
      Source from) {
    if (FastFigures.applies(target)) {
      Report done = fast.record(target, unit, cumulative, correction, countedFor, who, from);
      if (done != null) {
        return done;
      }
    }
    lock(target);
    Report r = base(target, unit, ReportKind.FIGURE, who, from, countedFor);
    r.figure = cumulative;
    r.correction = correction;
    boolean reviewed = ReviewRequests.applies(target);
    r.review = reviewed ? ReviewState.PENDING : null;
    r.persist();
    TargetState s = state(target, unit);
    boolean superseded = reviews.supersede(s, r);
    if (reviewed) {
      reviews.open(r, who, from);
    }
    if (superseded || (s.lastPlanDate != null && r.planDate.isBefore(s.lastPlanDate))) {
      em.flush();
      rebuildState(target, unit);
    } else if (reviewed) {
      s.pendingFigure = cumulative;
      s.pendingReportId = r.id;
      s.pendingRecordedAt = r.recordedAt;
      touch(s, r);
    } else {
      s.figure = cumulative;
      touch(s, r);
    }
    if (!reviewed) {
      refreshDone(target, r.planDate);
    }
    recorded.fire(new Recorded(target.id, unit.id));
    auditFigure(who, target, unit, cumulative, correction, reviewed);
    return r;
  }

  /**
   * The unit's own latest figure (not withdrawn) counting for a date before {@code day}: the base
   * of an increment ("本月新增") and what a late figure for a past period is checked against.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Report> figureBefore(Target target, Unit unit, LocalDate day) {
    return figure(target, unit, "planDate < ?4 order by planDate desc, id desc", day);
  }

  /** The unit's earliest figure (not withdrawn) counting for a date after {@code day}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Report> figureAfter(Target target, Unit unit, LocalDate day) {
    return figure(target, unit, "planDate > ?4 order by planDate, id", day);
  }

  private static Optional<Report> figure(Target target, Unit unit, String when, LocalDate day) {
    return Report.<Report>find(
            "target = ?1 and unit = ?2 and kind = ?3 and withdrawn = false and (review is null"
                + " or review not in ?5) and "
                + when,
            target,
            unit,
            ReportKind.FIGURE,
            day,
            DISCARDED)
        .firstResultOptional();
  }

  /** Review states of figures that neither count nor are reports (returned, superseded). */
  static final List<ReviewState> DISCARDED = List.of(ReviewState.RETURNED, ReviewState.SUPERSEDED);

  /** The sender's last report that is not withdrawn (for "报错了"). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Report> lastBy(Contact sender) {
    return Report.<Report>find(
            "contact = ?1 and withdrawn = false and (review is null or review not in ?2)"
                + " order by id desc",
            sender,
            DISCARDED)
        .firstResultOptional();
  }

  /** The last figures, ticks and notes of a target, newest first (withdrawn ones included). */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Report> history(Target target, Unit onlyUnit, int max) {
    return onlyUnit == null
        ? Report.<Report>find("target = ?1 order by id desc", target).page(0, max).list()
        : Report.<Report>find("target = ?1 and unit = ?2 order by id desc", target, onlyUnit)
            .page(0, max)
            .list();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Report recordItem(ChecklistItem item, Unit unit, Reporter who, Source from) {
    Target target = item.target;
    lock(target);
    Report r = base(target, unit, ReportKind.ITEM, who, from);
    r.item = item;
    r.persist();
    item.doneOn = r.planDate;
    item.doneReportId = r.id;
    cache.written().items.put(item.id, new StateCache.ItemDone(r.planDate, unit.name));
    TargetState s = state(target, unit);
    touch(s, r);
    refreshDone(target, r.planDate);
    recorded.fire(new Recorded(target.id, unit.id));
    audit.record(actor(who), "report.item", "目标 " + target.code, unit.name + " 完成 " + item.name);
    return r;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Report recordProgress(
      Target target, Unit unit, TaskProgress progress, String note, Reporter who, Source from) {
    lock(target);
    Report r = base(target, unit, ReportKind.PROGRESS, who, from);
    r.progress = progress.label();
    r.note = note == null || note.isEmpty() ? null : note;
    r.persist();
    TargetState s = state(target, unit);
    s.progress = progress.label();
    if (r.note != null) {
      s.note = r.note;
    }
    touch(s, r);
    refreshDone(target, r.planDate);
    recorded.fire(new Recorded(target.id, unit.id));
    audit.record(
        actor(who),
        "report.progress",
        "目标 " + target.code,
        unit.name + " " + progress.label() + (r.note == null ? "" : "：" + r.note));
    return r;
  }

  /**
   * Withdraws the sender's last report of the current period (optionally of one target), and with
   * it the other figures of the same message (a message with several figures is withdrawn whole);
   * history keeps them, flagged. Returns the withdrawn reports, last first; empty when none.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Report> withdrawLast(Contact sender, Unit unit, Target only, Reporter who) {
    LocalDate today = planClock.today();
    StringBuilder q =
        new StringBuilder(
            "contact = ?1 and unit = ?2 and withdrawn = false and planDate <= ?3"
                + " and (review is null or review not in ?4)");
    List<Object> params = new ArrayList<>(List.of(sender, unit, today, DISCARDED));
    if (only != null) {
      q.append(" and target = ?5");
      params.add(only);
    }
    q.append(" order by id desc");
    List<Report> candidates = Report.find(q.toString(), params.toArray()).page(0, 20).list();
    for (Report r : candidates) {
      ReportingPeriod period = calendars.periodFor(r.target, r.target.plan, today);
      // a late figure for a past period sent in this one can be withdrawn too
      if (period == null
          || !(period.contains(r.planDate) || period.contains(r.planTime.toLocalDate()))
          || !withdraw(r, who, today)) {
        continue;
      }
      List<Report> out = new ArrayList<>(List.of(r));
      if (only == null && r.messageId != null) {
        List<Report> sameMessage =
            Report.list(
                "contact = ?1 and unit = ?2 and withdrawn = false and messageId = ?3 and id <> ?4"
                    + " order by id desc",
                sender,
                unit,
                r.messageId,
                r.id);
        for (Report other : sameMessage) {
          if (withdraw(other, who, today)) {
            out.add(other);
          }
        }
      }
      return out;
    }
    return List.of();
  }

  private boolean withdraw(Report r, Reporter who, LocalDate today) {
    lock(r.target);
    em.refresh(r);
    if (r.withdrawn) {
      return false;
    }
    r.withdrawn = true;
    r.withdrawnAt = wall.instant();
    reviews.withdrawn(r);
    if (r.kind == ReportKind.ITEM && r.item != null && r.id.equals(r.item.doneReportId)) {
      reopenItem(r.item);
    }
    rebuildState(r.target, r.unit);
    refreshDone(r.target, today);
    audit.record(
        actor(who), "report.withdrawn", "目标 " + r.target.code, r.unit.name + " 撤销上报 #" + r.id);
    return true;
  }

  private void reopenItem(ChecklistItem item) {
    Report earlier =
        Report.find(
                "item = ?1 and withdrawn = false and kind = ?2 order by id desc",
                item,
                ReportKind.ITEM)
            .firstResult();
    item.doneOn = earlier == null ? null : earlier.planDate;
    item.doneReportId = earlier == null ? null : earlier.id;
    StateCache.Written written = cache.written();
    if (earlier == null) {
      written.items.remove(item.id);
      written.itemsOpened.add(item.id);
    } else {
      written.itemsOpened.remove(item.id);
      written.items.put(item.id, new StateCache.ItemDone(earlier.planDate, earlier.unit.name));
    }
  }

  /**
   * Recomputes a (target, unit) state from its not-withdrawn history: the figure from counted
   * figures, the pending one beside it, the last report from everything but returned figures.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rebuildState(Target target, Unit unit) {
    TargetState s = state(target, unit);
    List<Report> history =
        Report.list(
            "target = ?1 and unit = ?2 and withdrawn = false order by planDate, id", target, unit);
    s.figure = null;
    s.progress = null;
    s.note = null;
    s.lastReportId = null;
    s.lastPlanDate = null;
    s.lastRecordedAt = null;
    s.pendingFigure = null;
    s.pendingReportId = null;
    s.pendingRecordedAt = null;
    for (Report r : history) {
      if (r.discarded()) {
        continue; // returned or superseded under 审核: not reported at all
      }
      if (r.kind == ReportKind.FIGURE && r.counts()) {
        s.figure = r.figure;
      } else if (r.kind == ReportKind.FIGURE) {
        s.pendingFigure = r.figure; // waits for 审核: reported, not counted
        s.pendingReportId = r.id;
        s.pendingRecordedAt = r.recordedAt;
      } else if (r.kind == ReportKind.PROGRESS) {
        s.progress = r.progress;
        if (r.note != null) {
          s.note = r.note;
        }
      }
      s.lastReportId = r.id;
      s.lastPlanDate = r.planDate;
      s.lastRecordedAt = r.recordedAt;
    }
  }

  /** Marks or unmarks the target as done (for "active targets" of later periods). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void refreshDone(Target target, LocalDate planDate) {
    em.flush();
    boolean done = Completion.isDone(target);
    TargetDone row = TargetDone.findById(target.id);
    StateCache.Written written = cache.written();
    if (done && row == null) {
      row = new TargetDone();
      row.targetId = target.id;
      row.doneSince = planDate;
      row.persist();
      written.undone.remove(target.id);
      written.done.put(target.id, planDate);
    } else if (!done && row != null) {
      row.delete();
      written.done.remove(target.id);
      written.undone.add(target.id);
    }
  }

  private Report base(Target target, Unit unit, ReportKind kind, Reporter who, Source from) {
    return base(target, unit, kind, who, from, null);
  }

  Report base(
      Target target, Unit unit, ReportKind kind, Reporter who, Source from, LocalDate countedFor) {
    Plan plan = target.plan;
    Instant now = wall.instant();
    LocalDateTime planTime = planClock.toPlanTime(now);
    LocalDate today = planTime.toLocalDate();
    LocalDate planDate = countedFor == null || countedFor.isAfter(today) ? today : countedFor;
    ReportingPeriod period = calendars.periodFor(target, plan, planDate);
    if (period == null) {
      throw new IllegalStateException("plan date " + planDate + " outside the plan period");
    }
    Report r = new Report();
    r.target = target;
    r.unit = unit;
    r.kind = kind;
    r.planDate = planDate;
    r.planTime = planTime;
    r.recordedAt = now;
    r.periodKey = period.key();
    r.late = today.isAfter(deadlines.deadline(unit.id, target.id, period));
    r.contact = who.contact();
    r.reporterName = truncate(who.name(), 100);
    r.onBehalf = who.onBehalf();
    r.platform = from.platform();
    r.botId = truncate(from.botId(), 64);
    r.chatId = truncate(from.chatId(), 128);
    r.messageId = truncate(from.messageId(), 128);
    r.originalText = truncate(from.text(), 2000);
    return r;
  }

  private TargetState state(Target target, Unit unit) {
    TargetState.Key key = new TargetState.Key(target.id, unit.id);
    TargetState s = TargetState.findById(key);
    if (s != null) {
      // a view built earlier in this transaction may hold it from before the target lock
      em.refresh(s);
    }
    if (FastFigures.applies(target)) {
      fast.checkRead(key, s);
    }
    if (s == null) {
      s = new TargetState();
      s.key = key;
      s.persist();
    }
    // memory takes the row as it is at commit (version included)
    cache.written().states.put(key, s);
    return s;
  }

  private static void touch(TargetState s, Report r) {
    s.lastReportId = r.id;
    s.lastPlanDate = r.planDate;
    s.lastRecordedAt = r.recordedAt;
  }

  private static String actor(Reporter who) {
    return who.onBehalf() ? who.name() + "（代报）" : who.name();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
