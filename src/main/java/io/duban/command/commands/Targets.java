package io.duban.command.commands;

import io.duban.plan.ChecklistItem;
import io.duban.plan.Target;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks up the active plan's targets and items by the references the parser produced. */
@ApplicationScoped
public class Targets {
  public Target byCode(String code) {
    return Target.find("plan.active = true and code = ?1 and retired = false", code).firstResult();
  }

  public ChecklistItem item(String targetCode, String name) {
    return ChecklistItem.find(
            "target.plan.active = true and target.code = ?1 and name = ?2 and retired = false",
            targetCode,
            name)
        .firstResult();
  }
}
