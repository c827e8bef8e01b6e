package io.duban.progress;

import io.duban.progress.PlanView.Phase;
import io.duban.progress.UnitReporting.UnitStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Map;

/**
 * The figures as the reminders' send-time re-check sees them: the plan view and every unit's
 * reporting status, both kept in memory ({@link ProgressService#view} reuses its view while the
 * figures, the structure and the day are unchanged, {@link UnitReporting#statuses} its answer for
 * the same view), so a round of 2,000 reminders reads nothing per message.
 */
@ApplicationScoped
public class FigureSnapshots {
  @Inject ProgressService progress;
  @Inject UnitReporting reporting;

  /** The plan view and every unit's reporting status on a plan day. */
  public record FigureSnapshot(LocalDate day, PlanView view, Map<Long, UnitStatus> statuses) {}

  /** The reminders' re-check view of the figures today. */
  @Transactional(Transactional.TxType.MANDATORY)
  public FigureSnapshot at(LocalDate today) {
    PlanView view = progress.view(today);
    Map<Long, UnitStatus> statuses =
        view == null || view.phase() != Phase.RUNNING ? Map.of() : reporting.statuses(view);
    return new FigureSnapshot(today, view, statuses);
  }
}
