package io.duban.progress;

import io.duban.plan.AggregateRule;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.PlanView.OwnerFigure;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.ProgressMath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit's share of each target it owns and its completion (docs/contract.md §3): with {@code n}
 * owners, a NUMERIC {@code sum} target's share is the unit's own figure against its fair part of
 * the target, {@code (n·figure − baseline) / (target − baseline)}; a CHECKLIST's share is the items
 * the unit ticked against its fair part of the items, {@code n·ticked / items}; any other target
 * (one owner, {@code max}, {@code single}, TASK) gives its owners the target's own completion. Each
 * share lies between 0 and 1. A unit's completion is the mean of its NUMERIC and CHECKLIST shares.
 */
public final class UnitShares {
  private static final int SCALE = 6;

  private UnitShares() {}

  /** Each unit with the targets it owns (alone or with others), in the units' order. */
  static List<UnitView> unitViews(List<Unit> units, Map<Long, TargetView> targetViews) {
    Map<Long, List<TargetView>> byUnit = new HashMap<>();
    for (TargetView v : targetViews.values()) {
      for (Unit owner : v.target().owners) {
        byUnit.computeIfAbsent(owner.id, k -> new ArrayList<>()).add(v);
      }
    }
    List<UnitView> unitViews = new ArrayList<>();
    for (Unit u : units) {
      List<TargetView> owned = byUnit.getOrDefault(u.id, List.of());
      Map<Long, BigDecimal> shares = new LinkedHashMap<>();
      List<BigDecimal> counted = new ArrayList<>();
      for (TargetView v : owned) {
        BigDecimal share = share(v, u.name);
        shares.put(v.target().id, share);
        if (v.target().kind != TargetKind.TASK) {
          counted.add(share);
        }
      }
      unitViews.add(new UnitView(u, owned, ProgressMath.cappedMean(counted), shares));
    }
    return unitViews;
  }

  /** The unit's share of one target it owns, between 0 and 1. */
  public static BigDecimal share(TargetView v, String unitName) {
    Target t = v.target();
    int n = t.owners.size();
    BigDecimal share;
    if (n <= 1 || t.kind == TargetKind.TASK) {
      share = v.completion();
    } else if (t.kind == TargetKind.CHECKLIST) {
      long ticked = v.items().stream().filter(i -> unitName.equals(i.doneBy())).count();
      share =
          v.items().isEmpty()
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(n * ticked)
                  .divide(BigDecimal.valueOf(v.items().size()), SCALE, RoundingMode.HALF_EVEN);
    } else if (t.aggregateRule == AggregateRule.SUM) {
      BigDecimal own = BigDecimal.ZERO;
      for (OwnerFigure o : v.perUnit()) {
        if (o.unit().equals(unitName) && o.figure() != null) {
          own = o.figure();
        }
      }
      share =
          ProgressMath.completion(own.multiply(BigDecimal.valueOf(n)), t.targetValue, t.baseline);
    } else {
      share = v.completion();
    }
    if (share == null || share.signum() < 0) {
      return BigDecimal.ZERO;
    }
    return share.min(BigDecimal.ONE);
  }
}
