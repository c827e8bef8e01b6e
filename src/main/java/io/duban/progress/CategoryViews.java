package io.duban.progress;

import io.duban.plan.Project;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 实事 of a plan view, each with its 工程 and their targets. */
final class CategoryViews {
  private CategoryViews() {}

  /** The projects by category number, each with the views of its targets, categories in order. */
  static List<CategoryView> of(List<Project> projects, Map<Long, List<TargetView>> byProject) {
    Map<Integer, List<ProjectView>> byCategory = new LinkedHashMap<>();
    Map<Integer, String> categoryNames = new HashMap<>();
    List<Project> sortedByCategory = new ArrayList<>(projects);
    sortedByCategory.sort(
        (a, b) ->
            a.category.number != b.category.number
                ? Integer.compare(a.category.number, b.category.number)
                : Integer.compare(a.sortOrder, b.sortOrder));
    for (Project p : sortedByCategory) {
      categoryNames.put(p.category.number, p.category.name);
      byCategory
          .computeIfAbsent(p.category.number, k -> new ArrayList<>())
          .add(
              new ProjectView(
                  p.id,
                  p.name,
                  p.category.name,
                  p.category.number,
                  p.leadUnits.stream().map(u -> u.name).toList(),
                  byProject.getOrDefault(p.id, List.of())));
    }
    List<CategoryView> categories = new ArrayList<>();
    for (Map.Entry<Integer, List<ProjectView>> e : byCategory.entrySet()) {
      List<TargetView> all = e.getValue().stream().flatMap(p -> p.targets().stream()).toList();
      categories.add(
          new CategoryView(
              e.getKey(),
              categoryNames.get(e.getKey()),
              e.getValue(),
              ProgressService.meanCompletion(all),
              ProgressService.counts(all)));
    }
    return categories;
  }
}
