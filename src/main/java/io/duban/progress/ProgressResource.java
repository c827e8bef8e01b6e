package io.duban.progress;

import io.duban.common.ApiError;
import io.duban.common.Num;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.Status;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read API of the plan and its progress: projects, units and the plan-wide summary. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Access(Level.READ)
public class ProgressResource {
  @Inject ProgressService progress;
  @Inject UnitReporting unitReporting;
  @Inject PlanYears years;

  /** The view a read asks for: the active plan's today, or with {@code year} that year's plan. */
  private record Asked(PlanView view, Response error) {}

  private Asked asked(String year) {
    if (year == null || year.isBlank()) {
      PlanView view = progress.today();
      return new Asked(view, view == null ? ApiError.response(503, "计划尚未加载") : null);
    }
    Integer y = parseYear(year);
    if (y == null) {
      return new Asked(null, ApiError.response(400, "year 应写成四位年份，例如 2018"));
    }
    PlanView view = years.view(y);
    return new Asked(
        view, view == null ? ApiError.response(404, years.standing(y).notHeld(y)) : null);
  }

  /** A four-digit year, or null. */
  public static Integer parseYear(String text) {
    String t = text.trim();
    return t.matches("\\d{4}") ? Integer.valueOf(t) : null;
  }

  /** A project with its targets. */
  public record ProjectJson(
      String name,
      String category,
      int categoryNumber,
      List<String> leadUnits,
      List<TargetJson> targets) {}

  /** A unit with the targets it owns or shares. */
  public record UnitJson(
      String name,
      String fullName,
      List<String> aliases,
      boolean lead,
      Boolean reported,
      String period,
      LocalDate deadline,
      BigDecimal completion,
      List<TargetJson> targets,
      List<ShareJson> shares) {}

  /** A unit's share of one of its targets (docs/contract.md §3), a fraction between 0 and 1. */
  public record ShareJson(String id, BigDecimal share) {}

  /** Plan-wide progress. */
  public record ProgressJson(
      int year,
      String title,
      LocalDate date,
      String phase,
      String phaseLabel,
      BigDecimal schedule,
      BigDecimal completion,
      Map<String, Integer> statusCounts,
      List<CategoryJson> categories) {}

  /** One 实事's progress. */
  public record CategoryJson(
      int number,
      String name,
      BigDecimal completion,
      Map<String, Integer> statusCounts,
      List<String> projects) {}

  @GET
  @Path("/projects")
  @Operation(summary = "全部工程及其目标、责任单位和当前完成情况；year=2018 查看往年计划（只读）")
  public Response projects(@QueryParam("year") String year) {
    Asked asked = asked(year);
    if (asked.error() != null) {
      return asked.error();
    }
    PlanView view = asked.view();
    List<ProjectJson> out =
        view.categories().stream()
            .flatMap(c -> c.projects().stream())
            .map(ProgressResource::project)
            .toList();
    return Response.ok(out).build();
  }

  static ProjectJson project(ProjectView p) {
    return new ProjectJson(
        p.name(),
        p.category(),
        p.categoryNumber(),
        p.leadUnits(),
        p.targets().stream().map(TargetJson::of).toList());
  }

  @GET
  @Path("/units")
  @Operation(summary = "全部单位及其负责的目标，以及本期是否已报送；year=2018 查看往年计划（只读）")
  public Response units(@QueryParam("year") String year) {
    Asked asked = asked(year);
    if (asked.error() != null) {
      return asked.error();
    }
    PlanView view = asked.view();
    // only the active plan is reported to: another year has no 本期
    Map<Long, UnitReporting.UnitStatus> statuses =
        view.plan().active ? unitReporting.statuses(view) : Map.of();
    List<UnitJson> out =
        view.units().stream()
            .map(
                (UnitView u) -> {
                  UnitReporting.UnitStatus s = statuses.get(u.unit().id);
                  return new UnitJson(
                      u.unit().name,
                      u.unit().fullName,
                      u.unit().aliases,
                      !u.targets().isEmpty(),
                      s == null ? null : s.reported(),
                      s == null ? null : s.periodLabel(),
                      s == null ? null : s.deadline(),
                      Num.fraction(u.completion()),
                      u.targets().stream().map(TargetJson::of).toList(),
                      u.targets().stream()
                          .map(
                              t ->
                                  new ShareJson(
                                      t.target().code, Num.fraction(u.shares().get(t.target().id))))
                          .toList());
                })
            .toList();
    return Response.ok(out).build();
  }

  @GET
  @Path("/progress")
  @Operation(summary = "全区进度：按实事和总体的完成率、序时进度、各状态数量；year=2018 查看往年计划（只读）")
  public Response progress(@QueryParam("year") String year) {
    Asked asked = asked(year);
    if (asked.error() != null) {
      return asked.error();
    }
    PlanView view = asked.view();
    List<CategoryJson> categories =
        view.categories().stream()
            .map(
                (CategoryView c) ->
                    new CategoryJson(
                        c.number(),
                        c.name(),
                        Num.fraction(c.completion()),
                        counts(c.statusCounts()),
                        c.projects().stream().map(ProjectView::name).toList()))
            .toList();
    return Response.ok(
            new ProgressJson(
                view.plan().year,
                view.plan().title,
                view.date(),
                view.phase().name(),
                view.phase().label(),
                Num.fraction(view.schedule()),
                Num.fraction(view.completion()),
                counts(view.statusCounts()),
                categories))
        .build();
  }

  static Map<String, Integer> counts(Map<Status, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }
}
