package io.duban.dashboard;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.common.ApiError;
import io.duban.extension.Deadlines;
import io.duban.plan.Plan;
import io.duban.progress.BulletinTexts;
import io.duban.progress.NoteTexts;
import io.duban.progress.PastReporting;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressService;
import io.duban.progress.ProgressTexts;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnitReporting.Pending;
import io.duban.progress.UnitReporting.UnitStatus;
import io.duban.progress.UnreportedTexts;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.time.PlanClock;
import jakarta.inject.Inject;
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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The monthly 通报 of a period as a Word document ({@link BulletinDocument}): the figures as they
 * stood at the end of the period's deadline day (or today, while the deadline is still ahead), the
 * units that owe the period's reports as the one definition of "reported" has it (docs/contract.md
 * §4; {@link PastReporting} for a period that has ended, {@link UnitReporting} for the current
 * one), each unit's deadline moved by an approved 延期.
 */
@Path("/api/export/bulletin.docx")
@Access(Level.READ)
public class BulletinResource {
  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  @Inject ProgressService progress;
  @Inject PlanClock planClock;
  @Inject CalendarService calendars;
  @Inject PastReporting past;
  @Inject UnitReporting reporting;
  @Inject NoteTexts noteTexts;
  @Inject Deadlines deadlines;

  @GET
  @Produces({DOCX, "application/json"})
  @Transactional
  @Operation(summary = "月度通报（Word）；period=YYYY-MM，缺省为本期；数据截至该期截止日（未到则截至今天）")
  public Response bulletin(@QueryParam("period") String period) throws IOException {
    LocalDate today = planClock.today();
    PlanView now = progress.view(today);
    if (now == null) {
      return ApiError.response(503, "计划尚未加载");
    }
    Plan plan = now.plan();
    ReportingPeriod p;
    if (period == null || period.isBlank()) {
      if (now.phase() == Phase.NOT_STARTED) {
        return ApiError.response(400, "计划尚未开始（" + plan.periodStart + " 起），还没有通报");
      }
      p = calendars.planPeriodFor(plan, now.phase() == Phase.ENDED ? plan.periodEnd : today);
    } else {
      String raw = period.strip();
      YearMonth month = raw.matches("\\d{4}-\\d{2}") ? parse(raw) : null;
      if (month == null) {
        return ApiError.response(400, "period 应写成 YYYY-MM（如 2018-06），实际是“" + raw + "”");
      }
      LocalDate from =
          month.atDay(1).isBefore(plan.periodStart) ? plan.periodStart : month.atDay(1);
      if (from.isAfter(plan.periodEnd) || month.atEndOfMonth().isBefore(plan.periodStart)) {
        return ApiError.response(
            400, raw + " 不在计划期（" + plan.periodStart + " 至 " + plan.periodEnd + "）内");
      }
      p = calendars.planPeriodFor(plan, from);
      if (p == null || p.start().isAfter(today)) {
        return ApiError.response(400, raw + " 还没有开始（今天是 " + today + "），还没有通报");
      }
    }
    if (p == null) {
      return ApiError.response(400, "找不到该报送期");
    }
    LocalDate asOf = p.deadline().isBefore(today) ? p.deadline() : today;
    PlanView then = asOf.equals(today) ? now : progress.viewAsOf(asOf);
    BulletinTexts.Notes notes = noteTexts.bulletinNotes(then, p);
    List<BulletinDocument.UnitLine> overdue = new ArrayList<>();
    List<BulletinDocument.UnitLine> notYetDue = new ArrayList<>();
    int units = owing(now, p, today, overdue, notYetDue);
    ReportingPeriod next = calendars.planPeriodFor(plan, p.end().plusDays(1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BulletinDocument.write(
        new BulletinDocument.Input(then, p, today, notes, overdue, notYetDue, units, next), out);
    String name = BulletinDocument.title(then, p) + ".docx";
    return Response.ok(out.toByteArray(), DOCX)
        .header(
            "Content-Disposition",
            "attachment; filename=\"bulletin-"
                + p.key()
                + ".docx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }

  private static YearMonth parse(String raw) {
    try {
      return YearMonth.parse(raw);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Sorts the units that owe the period's reports into overdue (their own deadline, moved by a 延期,
   * has passed) and not yet due; returns how many units report in the period.
   */
  private int owing(
      PlanView now,
      ReportingPeriod p,
      LocalDate today,
      List<BulletinDocument.UnitLine> overdue,
      List<BulletinDocument.UnitLine> notYetDue) {
    Deadlines.Snapshot extended = deadlines.current();
    List<Owing> owing = new ArrayList<>();
    int units;
    if (p.end().isBefore(today)) {
      units = (int) now.units().stream().filter(u -> !u.targets().isEmpty()).count();
      for (PastReporting.Owed o : past.unreported(now, p)) {
        List<Pending> pending = new ArrayList<>();
        for (TargetView t : o.targets()) {
          ReportingPeriod own = calendars.periodFor(t.target(), now.plan(), mid(p));
          own = extended.period(o.unitId(), t.target().id, own == null ? p : own);
          pending.add(new Pending(t, own, today.isAfter(own.deadline()), null));
        }
        owing.add(new Owing(o.unitId(), o.unitName(), pending));
      }
    } else {
      units = 0;
      for (UnitStatus s : reporting.statuses(now).values()) {
        units += s.active().isEmpty() ? 0 : 1;
        List<Pending> pending =
            s.pending().stream().filter(x -> x.period().key().equals(p.key())).toList();
        if (!pending.isEmpty()) {
          owing.add(new Owing(s.unitId(), s.unitName(), pending));
        }
      }
    }
    for (Owing o : owing) {
      boolean late = o.pending().stream().anyMatch(Pending::late);
      (late ? overdue : notYetDue).add(line(now, o, today, extended));
    }
    return units;
  }

  /** A unit owing some of a period's targets. */
  private record Owing(long unitId, String unitName, List<Pending> pending) {}

  private BulletinDocument.UnitLine line(
      PlanView now, Owing o, LocalDate today, Deadlines.Snapshot extended) {
    List<Pending> pending = o.pending();
    String targets = ProgressTexts.label(now, pending.get(0).target().target());
    if (pending.size() > 1) {
      targets += " 等 " + pending.size() + " 项";
    }
    LocalDate deadline =
        pending.stream()
            .filter(x -> x.late() || pending.stream().noneMatch(Pending::late))
            .map(x -> x.period().deadline())
            .min(LocalDate::compareTo)
            .orElseThrow();
    String moved = UnreportedTexts.extendedTo(extended, o.unitId(), pending);
    StringBuilder sb = new StringBuilder();
    if (today.isAfter(deadline)) {
      int days = calendars.calendar().workdaysBetween(deadline, today);
      sb.append(ProgressTexts.date(deadline)).append("截止，已逾期 ").append(days).append(" 个工作日");
    } else {
      sb.append(ProgressTexts.date(deadline)).append("截止，尚未到期");
    }
    if (!moved.isEmpty()) {
      sb.append("；").append(moved);
    }
    return new BulletinDocument.UnitLine(o.unitName(), targets, sb.toString());
  }

  private static LocalDate mid(ReportingPeriod p) {
    return p.start().plusDays((p.end().toEpochDay() - p.start().toEpochDay()) / 2);
  }
}
