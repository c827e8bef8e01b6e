package io.duban.dashboard;

import io.duban.approval.ApprovalRequest;
import io.duban.approval.Approvals;
import io.duban.audit.AuditEvent;
import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.calendar.ScheduleCurve;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxQueries;
import io.duban.chat.outbox.Secrets;
import io.duban.contact.BindAttempt;
import io.duban.contact.ContactRules;
import io.duban.dashboard.DashboardPage.ApprovalRow;
import io.duban.dashboard.DashboardPage.AttemptRow;
import io.duban.dashboard.DashboardPage.AuditRow;
import io.duban.dashboard.DashboardPage.Count;
import io.duban.dashboard.DashboardPage.Filters;
import io.duban.dashboard.DashboardPage.History;
import io.duban.dashboard.DashboardPage.HistoryRow;
import io.duban.dashboard.DashboardPage.MessageRow;
import io.duban.dashboard.DashboardPage.Option;
import io.duban.dashboard.DashboardPage.ProjectCard;
import io.duban.dashboard.DashboardPage.RecentRow;
import io.duban.dashboard.DashboardPage.TargetBar;
import io.duban.dashboard.DashboardPage.UnreportedRow;
import io.duban.evidence.Attachment;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ItemView;
import io.duban.progress.PlanView.Phase;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressService;
import io.duban.progress.ProgressTexts;
import io.duban.progress.UnitReporting;
import io.duban.progress.UnitReporting.UnitStatus;
import io.duban.report.ProgressMath;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.Status;
import io.duban.time.PlanClock;
import io.duban.time.Zones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the dashboard page from the plan view: filters, bars, history, recent reports. */
@ApplicationScoped
public class DashboardService {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

  @Inject ProgressService progress;
  @Inject UnitReporting reporting;
  @Inject CalendarService calendars;
  @Inject PlanClock planClock;
  @Inject Approvals approvals;
  @Inject OutboxQueries outboxQueries;

  /** The filter values of the request. */
  public record Query(
      Integer category, String unit, String status, String q, String target, String notice) {}

  /** The page of {@code year} (a view of PlanYears; null: the active plan today); null: none. */
  @Transactional
  public DashboardPage page(
      Query query, PlanView year, boolean admin, boolean canLogout, String csrf) {
    PlanView view = year != null ? year : progress.today();
    if (view == null) {
      return null;
    }
    List<Count> counts = new ArrayList<>();
    view.statusCounts().forEach((s, n) -> counts.add(new Count(s.label(), n, css(s))));
    String q = query.q() == null ? "" : query.q().trim();
    List<ProjectCard> projects = projectCards(view, query, q);
    int shown = projects.stream().mapToInt(p -> p.targets().size()).sum();
    Map<Long, UnitStatus> statuses =
        view.phase() == Phase.RUNNING ? reporting.statuses(view) : Map.of();
    List<UnreportedRow> unreported = unreportedRows(statuses);
    ReportingPeriod period =
        view.phase() == Phase.RUNNING ? calendars.planPeriodFor(view.plan(), view.date()) : null;
    return new DashboardPage(
        view.plan().title,
        view.plan().region,
        view.date().getYear() + "年" + ProgressTexts.date(view.date()),
        view.phase().label(),
        view.phase() == Phase.RUNNING,
        ProgressMath.percent(view.schedule()),
        width(view.schedule()),
        ProgressMath.percent(view.completion()),
        width(view.completion()),
        counts,
        Svg.bars(categoryBars(view)),
        filters(view, query, q),
        projects,
        shown,
        view.targets().size(),
        recent(view),
        period == null ? null : period.label(),
        period == null ? null : ProgressTexts.date(period.deadline()),
        unreported,
        query.target() == null ? null : history(view, query.target(), canLogout),
        admin,
        admin ? messages() : List.of(),
        canLogout,
        csrf,
        admin ? approvals() : List.of(),
        admin ? attempts() : List.of(),
        query.notice());
  }

  /** One bar per category: its completion against the schedule. */
  private static List<Svg.Bar> categoryBars(PlanView view) {
    List<Svg.Bar> bars = new ArrayList<>();
    for (CategoryView c : view.categories()) {
      bars.add(
          new Svg.Bar(
              c.number() + ". " + c.name(),
              c.completion(),
              view.schedule(),
              c.completion() == null
                  ? "not-started"
                  : css(
                      ProgressMath.status(
                          c.completion(), view.schedule(), view.plan().statusGap))));
    }
    return bars;
  }

  /** The projects with at least one target the filters let through, with those targets. */
  private List<ProjectCard> projectCards(PlanView view, Query query, String q) {
    List<ProjectCard> projects = new ArrayList<>();
    for (CategoryView c : view.categories()) {
      if (query.category() != null && c.number() != query.category()) {
        continue;
      }
      for (ProjectView p : c.projects()) {
        List<TargetBar> targets = new ArrayList<>();
        for (TargetView v : p.targets()) {
          if (matches(v, p, query, q)) {
            targets.add(bar(v));
          }
        }
        if (!targets.isEmpty()) {
          projects.add(
              new ProjectCard(
                  p.name(),
                  c.number() + ". " + c.name(),
                  String.join("、", p.leadUnits()),
                  targets));
        }
      }
    }
    return projects;
  }

  /** The units with something still to report, with up to three of those targets named. */
  private static List<UnreportedRow> unreportedRows(Map<Long, UnitStatus> statuses) {
    List<UnreportedRow> unreported = new ArrayList<>();
    for (UnitStatus s : statuses.values()) {
      if (!s.pending().isEmpty()) {
        boolean late = s.pending().stream().anyMatch(p -> p.late() || p.missedPeriod() != null);
        unreported.add(
            new UnreportedRow(
                s.unitName(),
                s.pending().size(),
                s.pending().stream()
                        .limit(3)
                        .map(p -> p.target().target().name)
                        .collect(Collectors.joining("、"))
                    + (s.pending().size() > 3 ? " 等" : ""),
                late ? "逾期" : ""));
      }
    }
    return unreported;
  }

  private List<ApprovalRow> approvals() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    List<ApprovalRow> out = new ArrayList<>();
    for (ApprovalRequest r : approvals.pending(50)) {
      out.add(
          new ApprovalRow(
              r.id,
              r.kind.label(),
              approvals.describe(r),
              r.createdAt.atZone(Zones.SHANGHAI).format(f),
              ApprovalRow.expiry(r.createdAt, r.expiresAt, f)));
    }
    return out;
  }

  private List<AttemptRow> attempts() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    List<AttemptRow> out = new ArrayList<>();
    for (BindAttempt a : BindAttempt.<BindAttempt>find("order by id desc").page(0, 20).list()) {
      out.add(
          new AttemptRow(
              a.attemptedAt.atZone(Zones.SHANGHAI).format(f),
              a.platform
                  + " "
                  + a.senderId
                  + (a.senderName == null ? "" : "（" + a.senderName + "）"),
              ContactRules.maskMobile(a.mobile),
              switch (a.outcome) {
                case BindAttempt.SENDER_LIMIT -> "已拒绝：账号申请过多";
                case BindAttempt.MOBILE_LIMIT -> "已拒绝：手机号被申请过多";
                default -> "已受理 #" + a.requestId;
              }));
    }
    return out;
  }

  private static boolean matches(TargetView v, ProjectView p, Query query, String q) {
    Target t = v.target();
    if (query.unit() != null
        && !query.unit().isEmpty()
        && t.owners.stream().noneMatch(u -> u.name.equals(query.unit()))) {
      return false;
    }
    if (query.status() != null
        && !query.status().isEmpty()
        && !v.status().name().equals(query.status())) {
      return false;
    }
    if (!q.isEmpty()) {
      String hay =
          (p.name()
                  + " "
                  + t.name
                  + " "
                  + String.join(" ", t.aliases)
                  + " "
                  + t.owners.stream().map(u -> u.name).collect(Collectors.joining(" ")))
              .toLowerCase(Locale.ROOT);
      return hay.contains(q.toLowerCase(Locale.ROOT));
    }
    return true;
  }

  static TargetBar bar(TargetView v) {
    Target t = v.target();
    String figure;
    String note = null;
    switch (t.kind) {
      case NUMERIC ->
          figure =
              ProgressTexts.numberOnly(t, v.current())
                  + " / "
                  + ProgressTexts.targetAmount(t)
                  + ProgressTexts.pendingMark(v);
      case CHECKLIST -> {
        long done = v.items().stream().filter(ItemView::done).count();
        figure = done + " / " + v.items().size() + " " + t.unit;
        note =
            v.items().stream()
                .map(i -> i.name() + (i.done() ? "✓" : ""))
                .collect(Collectors.joining("、"));
      }
      default -> {
        figure = v.progress().label();
        note = v.note() == null ? null : ProgressTexts.date(v.noteDate()) + "：" + v.note();
      }
    }
    return new TargetBar(
        t.code,
        t.name,
        t.owners.stream().map(u -> u.name).collect(Collectors.joining("、")),
        css(v.status()),
        v.status().label(),
        t.kind == TargetKind.TASK
            ? (v.status() == Status.DONE
                ? "100"
                : v.progress().name().equals("IN_PROGRESS") ? "50" : "0")
            : width(v.completion()),
        width(v.schedule()),
        figure,
        t.kind == TargetKind.TASK ? "" : ProgressMath.percent(v.completion()),
        t.kind.name(),
        note);
  }

  private static Filters filters(PlanView view, Query query, String q) {
    List<Option> categories = new ArrayList<>();
    for (CategoryView c : view.categories()) {
      categories.add(
          new Option(
              String.valueOf(c.number()),
              c.number() + ". " + c.name(),
              query.category() != null && query.category() == c.number()));
    }
    List<Option> units = new ArrayList<>();
    for (var u : view.units()) {
      if (!u.targets().isEmpty()) {
        units.add(new Option(u.unit().name, u.unit().name, u.unit().name.equals(query.unit())));
      }
    }
    List<Option> statuses = new ArrayList<>();
    for (Status s : Status.values()) {
      statuses.add(new Option(s.name(), s.label(), s.name().equals(query.status())));
    }
    boolean active =
        query.category() != null
            || !isEmpty(query.unit())
            || !isEmpty(query.status())
            || !q.isEmpty();
    return new Filters(categories, units, statuses, q, active);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private List<RecentRow> recent(PlanView view) {
    List<Report> rows =
        Report.find("target.plan = ?1 order by id desc", view.plan()).page(0, 20).list();
    List<RecentRow> out = new ArrayList<>();
    for (Report r : rows) {
      out.add(
          new RecentRow(
              r.planTime.format(WHEN),
              r.unit.name,
              r.target.name,
              what(r),
              r.reporterName,
              flags(r)));
    }
    return out;
  }

  static String what(Report r) {
    return switch (r.kind) {
      case FIGURE -> "累计 " + ProgressTexts.amount(r.target, r.figure);
      case ITEM -> r.item.name + " 已完成";
      case PROGRESS -> r.progress + (r.note == null ? "" : "：" + r.note);
    };
  }

  static String flags(Report r) {
    List<String> f = new ArrayList<>();
    if (r.correction) {
      f.add("更正");
    }
    if (r.onBehalf) {
      f.add("代报");
    }
    if (r.late) {
      f.add("迟报");
    }
    if (r.withdrawn || r.review != null) {
      f.add(r.withdrawn ? "已撤销" : r.review.label());
    }
    return String.join(" ", f);
  }

  /** The reports' attachments in one query, by report. */
  private static Map<Long, List<Attachment>> attachments(List<Report> reports) {
    if (reports.isEmpty()) {
      return Map.of();
    }
    List<Long> ids = reports.stream().map(r -> r.id).toList();
    Map<Long, List<Attachment>> out = new HashMap<>();
    for (Attachment a : Attachment.<Attachment>list("reportId in ?1 order by reportId, seq", ids)) {
      out.computeIfAbsent(a.reportId, k -> new ArrayList<>()).add(a);
    }
    return out;
  }

  private History history(PlanView view, String code, boolean withFiles) {
    Target target = Target.find("plan = ?1 and code = ?2", view.plan(), code).firstResult();
    if (target == null) {
      return null;
    }
    List<Report> reports = Report.list("target = ?1 order by id", target);
    Map<Long, List<Attachment>> files = attachments(reports);
    List<HistoryRow> rows = new ArrayList<>();
    for (Report r : reports) {
      List<Attachment> own = files.getOrDefault(r.id, List.of());
      List<DashboardPage.FileLink> links =
          withFiles
              ? own.stream()
                  .map(
                      a ->
                          new DashboardPage.FileLink(
                              "/api/targets/" + code + "/reports/" + r.id + "/attachments/" + a.seq,
                              a.fileName != null ? a.fileName : "附件 " + a.seq,
                              "IMAGE".equals(a.kind)))
                  .toList()
              : List.of();
      rows.add(
          new HistoryRow(
              r.planTime.format(WHEN),
              r.unit.name,
              what(r),
              r.reporterName,
              r.platform == null ? "" : r.platform,
              flags(r),
              links,
              own.isEmpty() || withFiles ? "" : own.size() + " 个附件（登录后可看）"));
    }
    List<AuditRow> audit = new ArrayList<>();
    for (AuditEvent e :
        AuditEvent.<AuditEvent>list("subject = ?1 order by id desc", "目标 " + code)) {
      audit.add(
          new AuditRow(
              e.recordedAt
                  .atZone(Zones.SHANGHAI)
                  .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
              e.actor,
              e.action,
              e.detail == null ? "" : e.detail));
      if (audit.size() == 50) {
        break;
      }
    }
    String chart = target.kind == TargetKind.NUMERIC ? chart(view, target, reports) : null;
    return new History(code, target.name, target.project.name, chart, rows, audit);
  }

  /** The target's figure at the end of each month so far, from the not-withdrawn history. */
  private String chart(PlanView view, Target target, List<Report> reports) {
    List<Svg.Point> points = new ArrayList<>();
    List<BigDecimal> schedule = new ArrayList<>();
    YearMonth from = YearMonth.from(view.plan().periodStart);
    YearMonth to =
        YearMonth.from(
            view.date().isAfter(view.plan().periodEnd) ? view.plan().periodEnd : view.date());
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      LocalDate end = m.atEndOfMonth().isAfter(view.date()) ? view.date() : m.atEndOfMonth();
      Map<Long, BigDecimal> perUnit = new HashMap<>();
      Map<Long, Long> order = new HashMap<>();
      for (Report r : reports) {
        if (r.kind == ReportKind.FIGURE && !r.withdrawn && r.counts() && !r.planDate.isAfter(end)) {
          perUnit.put(r.unit.id, r.figure);
          order.put(r.unit.id, r.id);
        }
      }
      List<ProgressMath.OwnerFigure> figures = new ArrayList<>();
      for (Unit owner : target.owners) {
        if (perUnit.containsKey(owner.id)) {
          figures.add(new ProgressMath.OwnerFigure(perUnit.get(owner.id), order.get(owner.id)));
        }
      }
      BigDecimal current = ProgressMath.aggregate(target.aggregateRule, figures, target.baseline);
      points.add(new Svg.Point(m.getMonthValue() + "月", ProgressWorkbook.display(target, current)));
      schedule.add(
          ScheduleCurve.linear().fractionAt(view.plan().periodStart, view.plan().periodEnd, end));
    }
    return Svg.line(
        points, ProgressWorkbook.display(target, target.targetValue), schedule, target.displayUnit);
  }

  private List<MessageRow> messages() {
    List<MessageRow> out = new ArrayList<>();
    for (OutboxMessage m : outboxQueries.recent(30)) {
      String text = m.text.length() > 120 ? m.text.substring(0, 120) + "…" : m.text;
      out.add(
          new MessageRow(
              m.id,
              m.botId + (m.chatId == null ? "" : " / " + m.chatId),
              m.kind.name(),
              m.status.name(),
              m.attempts,
              text,
              Secrets.scrub(m.lastError),
              m.createdAt
                  .atZone(Zones.SHANGHAI)
                  .format(DateTimeFormatter.ofPattern("MM-dd HH:mm"))));
    }
    return out;
  }

  static String css(Status s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A fraction as a CSS width percentage, capped at 100 ("46.8"). */
  static String width(BigDecimal fraction) {
    if (fraction == null) {
      return "0";
    }
    BigDecimal pct =
        fraction.max(BigDecimal.ZERO).min(BigDecimal.ONE).multiply(BigDecimal.valueOf(100));
    return pct.setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
