package io.duban.progress;

import io.duban.progress.PlanView.Phase;
import io.duban.progress.UnitReporting.UnitStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The figures as the reminders' send-time re-check sees them, rebuilt only when a figure, the
 * configuration or the plan day changed (moved from reminder/ as it was; a read model replaces it
 * later).
 */
@ApplicationScoped
public class FigureSnapshots {
  @Inject EntityManager em;
  @Inject ProgressService progress;
  @Inject UnitReporting reporting;

  /**
   * The plan view and every unit's reporting status as of a state of the figures, marked by the
   * latest report id and the latest audit event id (every report, correction, ticked item and
   * withdrawal writes an audit event in its transaction), with the configuration's structure and
   * the plan day. Both marks are primary-key maxima: one index lookup each.
   */
  public record FigureSnapshot(
      LocalDate day,
      Object structure,
      List<Number> marks,
      PlanView view,
      Map<Long, UnitStatus> statuses) {}

  private final AtomicReference<FigureSnapshot> lastSnapshot = new AtomicReference<>();

  /**
   * The reminders' re-check view of the figures, computed once for a round of reminders (2,000
   * units on a plan of 10,000 targets would otherwise rebuild the whole plan view 2,000 times) and
   * again as soon as any figure changed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public FigureSnapshot at(LocalDate today) {
    Object structure = progress.structure();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM report),"
                        + " (SELECT COALESCE(MAX(id), 0) FROM audit_event)")
                .getSingleResult();
    List<Number> marks = List.of((Number) row[0], (Number) row[1]);
    FigureSnapshot last = lastSnapshot.get();
    if (matches(last, today, structure, marks)) {
      return last;
    }
    // one computes, the other senders of the round wait for it instead of computing it too
    synchronized (lastSnapshot) {
      last = lastSnapshot.get();
      if (matches(last, today, structure, marks)) {
        return last;
      }
      PlanView view = progress.view(today);
      Map<Long, UnitStatus> statuses =
          view == null || view.phase() != Phase.RUNNING ? Map.of() : reporting.statuses(view);
      FigureSnapshot fresh = new FigureSnapshot(today, structure, marks, view, statuses);
      lastSnapshot.set(fresh);
      return fresh;
    }
  }

  private static boolean matches(
      FigureSnapshot s, LocalDate today, Object structure, List<Number> marks) {
    return s != null
        && s.day().equals(today)
        && s.structure() == structure
        && s.marks().toString().equals(marks.toString());
  }
}
