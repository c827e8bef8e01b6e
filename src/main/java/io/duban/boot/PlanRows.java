package io.duban.boot;

import io.duban.plan.Category;
import io.duban.plan.Plan;
import io.duban.plan.Project;
import io.duban.plan.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * A plan's categories (by number), projects (by name) and targets (by stable id) as they were in
 * the database before {@link PlanSync#apply} changed them.
 */
record PlanRows(
    Map<Integer, Category> categories, Map<String, Project> projects, Map<String, Target> targets) {

  static PlanRows of(Plan plan) {
    Map<Integer, Category> categories = new HashMap<>();
    for (Category c : Category.<Category>list("plan", plan)) {
      categories.put(c.number, c);
    }
    Map<String, Project> projects = new HashMap<>();
    for (Project p : Project.<Project>list("plan", plan)) {
      projects.put(p.name, p);
    }
    Map<String, Target> targets = new HashMap<>();
    for (Target t : Target.<Target>list("plan", plan)) {
      targets.put(t.code, t);
    }
    return new PlanRows(categories, projects, targets);
  }
}
