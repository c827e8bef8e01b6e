package io.duban.command;

import io.duban.plan.PlanSpec;
import io.duban.plan.PlanSpec.CategorySpec;
import io.duban.plan.PlanSpec.ProjectSpec;
import io.duban.plan.PlanSpec.TargetSpec;
import io.duban.plan.PlanSpec.UnitSpec;
import io.duban.plan.TargetKind;
import java.util.Collection;

/** Builds the {@link Vocabulary} of a plan file (tests, tools) or of the loaded plan. */
public final class Vocabularies {
  private Vocabularies() {}

  public static Vocabulary of(
      PlanSpec plan, Collection<String> extraUnits, Collection<String> botNames) {
    Vocabulary.Builder b = Vocabulary.builder();
    for (CategorySpec c : plan.categories()) {
      b.category(c.number(), c.name(), c.aliases());
      for (ProjectSpec p : c.projects()) {
        b.project(p.name(), p.aliases());
        for (TargetSpec t : p.targets()) {
          b.target(t.id(), t.name(), t.aliases(), p.name());
          if (t.kind() == TargetKind.TASK) {
            b.task(t.id());
          }
          for (String item : t.items()) {
            b.item(t.id(), t.name(), item);
          }
        }
      }
    }
    for (UnitSpec u : plan.units()) {
      b.unit(u.name(), u.aliases());
    }
    extraUnits.forEach(u -> b.unit(u, java.util.List.of()));
    botNames.forEach(b::botName);
    return b.build();
  }
}
