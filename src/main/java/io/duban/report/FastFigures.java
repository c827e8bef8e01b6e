package io.duban.report;

import io.duban.common.RetryableConflict;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.report.ReportService.Reporter;
import io.duban.report.ReportService.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The figure fast path of {@link ReportService}: a numeric target with one owner whose state the
 * memory holds ({@link StateCache}) is read without a lock and written under its version.
 */
@ApplicationScoped
class FastFigures {
  @Inject EntityManager em;
  @Inject StateCache cache;
  @Inject ReportService reports;

  /**
   * The unit's state as memory holds it, noting its version for the write (which checks that it is
   * still the row's; else the answer runs again); null when memory does not hold it for sure.
   */
  StateCache.Row read(Target target, Unit unit) {
    StateCache.Row row = cache.trusted(target.id, unit.id);
    if (row != null) {
      cache.written().readVersions.putIfAbsent(key(target, unit), row.version());
    }
    return row;
  }

  /**
   * A figure for a numeric target with one owner, whose state memory holds: the report is inserted
   * and the state updated in place under its version (no lock, no read), and the target's done mark
   * written only when it changes. Null when this path does not apply (nothing written then): a
   * first report, a figure counting before the state's date. A version that moved meanwhile throws
   * {@link RetryableConflict}: the message is answered again, reading the row afresh.
   */
  Report record(
      Target target,
      Unit unit,
      BigDecimal cumulative,
      boolean correction,
      LocalDate countedFor,
      Reporter who,
      Source from) {
    StateCache.Row row = cache.trusted(target.id, unit.id);
    if (row == null || row.pendingReportId() != null) {
      return null; // a figure waiting for 审核 is superseded on the locked path
    }
    Report r = reports.base(target, unit, ReportKind.FIGURE, who, from, countedFor);
    if (row.lastPlanDate() != null && r.planDate.isBefore(row.lastPlanDate())) {
      return null;
    }
    r.figure = cumulative;
    r.correction = correction;
    r.persist();
    StateCache.Written written = cache.written();
    TargetState.Key key = key(target, unit);
    long version = written.readVersions.getOrDefault(key, row.version());
    int updated =
        em.createQuery(
                "update TargetState s set s.figure = :f, s.lastReportId = :r, s.lastPlanDate = :d,"
                    + " s.lastRecordedAt = :at, s.version = :next where s.key.targetId = :t and"
                    + " s.key.unitId = :u and s.version = :v")
            .setParameter("f", cumulative)
            .setParameter("r", r.id)
            .setParameter("d", r.planDate)
            .setParameter("at", r.recordedAt)
            .setParameter("next", version + 1)
            .setParameter("t", target.id)
            .setParameter("u", unit.id)
            .setParameter("v", version)
            .executeUpdate();
    if (updated != 1) {
      cache.distrust(key);
      throw new RetryableConflict("目标 " + target.code + " 的当前数已被另一条上报改变");
    }
    StateCache.Row now =
        new StateCache.Row(
            target.id,
            unit.id,
            cumulative,
            row.progress(),
            row.note(),
            r.id,
            r.planDate,
            r.recordedAt,
            version + 1);
    written.states.put(key, now);
    written.readVersions.put(key, version + 1);
    boolean done =
        ProgressMath.completion(
                    ProgressMath.aggregate(
                        target.aggregateRule,
                        List.of(new ProgressMath.OwnerFigure(cumulative, r.id)),
                        target.baseline),
                    target.targetValue,
                    target.baseline)
                .compareTo(BigDecimal.ONE)
            >= 0;
    if (done != cache.snapshot().done().containsKey(target.id)) {
      reports.refreshDone(target, r.planDate);
    }
    reports.fireRecorded(target.id, unit.id);
    reports.auditFigure(who, target, unit, cumulative, correction, false);
    return r;
  }

  /** The version noted when a figure was read before the unit's first state row: none matches. */
  private static final long NO_ROW = -1L;

  /**
   * A figure read on the locked path: the figure added to is this version's, so a fast write after
   * it must conflict, not be lost (memory may trust the row again by the time this writes).
   */
  void noteLockedRead(TargetState.Key key, TargetState s) {
    cache.written().readVersions.put(key, s == null ? NO_ROW : s.version);
  }

  /**
   * On the locked path of a target whose figures also take the fast path (which writes without the
   * lock): the row must still be at the version the figure was read at, else a fast write came in
   * between and the figure written would overwrite it. A conflict answers the message again.
   */
  void checkRead(TargetState.Key key, TargetState s) {
    Long read = cache.written().readVersions.get(key);
    if (read != null && read != (s == null ? NO_ROW : s.version)) {
      cache.distrust(key);
      throw new RetryableConflict("目标的当前数已被另一条上报改变");
    }
  }

  /**
   * A numeric target with one owner, not under 审核: its writes need no lock and no read (see above).
   */
  static boolean applies(Target target) {
    return target.kind == TargetKind.NUMERIC
        && target.owners.size() == 1
        && !ReviewRequests.applies(target);
  }

  private static TargetState.Key key(Target target, Unit unit) {
    return new TargetState.Key(target.id, unit.id);
  }
}
