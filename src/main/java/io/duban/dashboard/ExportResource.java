package io.duban.dashboard;

import io.duban.common.ApiError;
import io.duban.evidence.Attachment;
import io.duban.progress.PlanView;
import io.duban.progress.PlanYears;
import io.duban.progress.ProgressResource;
import io.duban.progress.ProgressService;
import io.duban.report.Report;
import io.duban.report.ReviewState;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.time.PlanClock;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Excel export of the table with progress, now or as it stood at a date. */
@Path("/api/export/progress.xlsx")
@Access(Level.READ)
public class ExportResource {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** The history sheet lists at most this many reports (the newest). */
  static final int MAX_HISTORY = 50_000;

  @Inject ProgressService progress;
  @Inject PlanYears years;
  @Inject PlanClock planClock;
  @Inject EntityManager em;

  @GET
  @Produces({XLSX, "application/json"})
  @Transactional
  @Operation(summary = "导出责任分解表及进度（Excel）；asOf=YYYY-MM-DD 导出当天结束时的数据；year=2018 导出往年计划（只读）")
  public Response export(@QueryParam("asOf") String asOf, @QueryParam("year") String year)
      throws IOException {
    Integer planYear = null;
    if (year != null && !year.isBlank()) {
      planYear = ProgressResource.parseYear(year);
      if (planYear == null) {
        return ApiError.response(400, "year 应写成四位年份，例如 2018");
      }
      PlanYears.Standing standing = years.standing(planYear);
      if (!standing.held()) {
        return ApiError.response(404, standing.notHeld(planYear));
      }
    }
    PlanView current = planYear == null ? null : years.view(planYear);
    LocalDate date = current == null ? planClock.today() : current.date();
    boolean historical = asOf != null && !asOf.isBlank();
    if (historical) {
      try {
        date = LocalDate.parse(asOf.trim());
      } catch (DateTimeParseException e) {
        return ApiError.response(400, "asOf 应写成 YYYY-MM-DD");
      }
      if (date.isAfter(planClock.today())) {
        return ApiError.response(400, "asOf 不能晚于今天（" + planClock.today() + "）");
      }
    }
    PlanView view;
    if (historical) {
      view = planYear == null ? progress.viewAsOf(date) : progress.viewAsOf(planYear, date);
    } else {
      view = current != null ? current : progress.view(date);
    }
    if (view == null) {
      return ApiError.response(503, "计划尚未加载");
    }
    List<Report> reports =
        em.createQuery(
                "select r from Report r where r.target.plan = :plan and r.planDate <= :date order by r.id desc",
                Report.class)
            .setParameter("plan", view.plan())
            .setParameter("date", date)
            .setMaxResults(MAX_HISTORY)
            .getResultList();
    java.util.Collections.reverse(reports);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProgressWorkbook.write(view, reports, files(view, date), reviews(reports), out);
    String name = view.plan().year + "年为民办实事项目进度（截至" + date + "）.xlsx";
    return Response.ok(out.toByteArray(), XLSX)
        .header(
            "Content-Disposition",
            "attachment; filename=\"progress-"
                + date
                + ".xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }

  /**
   * Each figure's 审核 state as the 上报记录 sheet marks it (待审核, 已通过, 已退回：原因), by report id; nothing for
   * reports that were not under review.
   */
  private Map<Long, String> reviews(List<Report> reports) {
    List<Long> returned =
        reports.stream()
            .filter(r -> r.review == ReviewState.RETURNED && r.approvalId != null)
            .map(r -> r.approvalId)
            .toList();
    Map<Long, String> reasons = new HashMap<>();
    if (!returned.isEmpty()) {
      for (Object[] row :
          em.createQuery(
                  "select a.id, a.reason from ApprovalRequest a where a.id in :ids", Object[].class)
              .setParameter("ids", returned)
              .getResultList()) {
        reasons.put((Long) row[0], (String) row[1]);
      }
    }
    Map<Long, String> out = new HashMap<>();
    for (Report r : reports) {
      if (r.review != null) {
        String reason = r.review == ReviewState.RETURNED ? reasons.get(r.approvalId) : null;
        String label = r.withdrawn && r.review == ReviewState.PENDING ? "撤销前未审核" : r.review.label();
        out.put(r.id, label + (reason == null ? "" : "：" + reason));
      }
    }
    return out;
  }

  /** Each report's 佐证材料 as one cell's lines (name, kind, size), by report id. */
  private Map<Long, String> files(PlanView view, LocalDate date) {
    Map<Long, String> out = new HashMap<>();
    List<Attachment> all =
        em.createQuery(
                "select a from Attachment a, Report r where a.reportId = r.id and r.target.plan ="
                    + " :plan and r.planDate <= :date order by a.reportId, a.seq",
                Attachment.class)
            .setParameter("plan", view.plan())
            .setParameter("date", date)
            .getResultList();
    for (Attachment a : all) {
      String line =
          a.seq
              + ". "
              + (a.fileName != null ? a.fileName : "IMAGE".equals(a.kind) ? "图片" : "文件")
              + "（"
              + Math.max(1, a.sizeBytes / 1024)
              + " KB）";
      out.merge(a.reportId, line, (x, y) -> x + "\n" + y);
    }
    return out;
  }
}
