package io.duban.command.commands;

import io.duban.plan.ChecklistItem;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.progress.PlanStructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Looks up the active plan's targets and items by the references the parser produced. */
@ApplicationScoped
public class Targets {
  @Inject PlanStructure structures;

  /**
   * The active plan's target with this code: the structure's detached copy (no read) for numeric
   * and task targets, the managed entity for a checklist (its items are read with it).
   */
  public Target byCode(String code) {
    for (Target t : structures.current().targets()) {
      if (t.code.equals(code)) {
        return t.kind == TargetKind.CHECKLIST ? Target.findById(t.id) : t;
      }
    }
    return null;
  }

  public ChecklistItem item(String targetCode, String name) {
    return ChecklistItem.find(
            "target.plan.active = true and target.code = ?1 and name = ?2 and retired = false",
            targetCode,
            name)
        .firstResult();
  }
}
