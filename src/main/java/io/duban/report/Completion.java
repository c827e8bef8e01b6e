package io.duban.report;

import io.duban.plan.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Whether a target is done now, from its stored states (for {@link TargetDone}). */
final class Completion {
  private Completion() {}

  /** Whether the target reaches completion on its counted figures (never those under 审核). */
  static boolean isDone(Target target) {
    List<TargetState> states = TargetState.list("key.targetId", target.id);
    switch (target.kind) {
      case NUMERIC -> {
        List<ProgressMath.OwnerFigure> figures = new ArrayList<>();
        for (TargetState s : states) {
          if (target.owners.stream().anyMatch(o -> o.id.equals(s.key.unitId))) {
            figures.add(
                new ProgressMath.OwnerFigure(
                    s.figure, s.lastReportId == null ? 0 : s.lastReportId));
          }
        }
        BigDecimal current = ProgressMath.aggregate(target.aggregateRule, figures, target.baseline);
        return ProgressMath.completion(current, target.targetValue, target.baseline)
                .compareTo(BigDecimal.ONE)
            >= 0;
      }
      case CHECKLIST -> {
        return !target.items.isEmpty()
            && target.items.stream().filter(i -> !i.retired).allMatch(i -> i.doneOn != null);
      }
      default -> {
        if (target.owners.isEmpty()) {
          return false;
        }
        for (var owner : target.owners) {
          TargetState s =
              states.stream().filter(x -> x.key.unitId.equals(owner.id)).findFirst().orElse(null);
          if (s == null || !TaskProgress.DONE.label().equals(s.progress)) {
            return false;
          }
        }
        return true;
      }
    }
  }
}
