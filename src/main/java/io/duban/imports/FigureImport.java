package io.duban.imports;

import io.duban.audit.Audit;
import io.duban.command.PeriodWord;
import io.duban.command.Ref.TargetRef;
import io.duban.command.commands.FigureDrafts;
import io.duban.command.commands.FigureDrafts.Draft;
import io.duban.command.commands.ReportCommand.Figure;
import io.duban.common.RetryableConflict;
import io.duban.imports.FigureSheetReader.Line;
import io.duban.imports.FigureSheetReader.Sheetful;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanStructure;
import io.duban.progress.ProgressService;
import io.duban.report.Report;
import io.duban.report.ReportService;
import io.duban.report.ReportService.Reporter;
import io.duban.report.ReportService.Source;
import io.duban.report.ReviewRequests;
import io.duban.report.ReviewState;
import io.duban.text.Quantity;
import io.duban.text.QuantityParser;
import io.duban.time.PlanClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports figures from a workbook ({@link FigureSheetReader}) with the checks of a chat 上报 ({@link
 * FigureDrafts}): a preview that writes nothing, then an apply that records, in one transaction,
 * the rows the preview called recorded and the held rows the admin confirmed by their id. A held
 * row's id is the file's hash and its row, so it is the same in the preview and the apply of one
 * file.
 */
@ApplicationScoped
public class FigureImport {
  /** The reporter name of an imported figure (the target history shows it). */
  public static final String REPORTER = "管理员（Excel 导入）";

  /** The Source platform of an imported figure. */
  public static final String PLATFORM = "excel";

  static final String REVIEW_NOTE = "，待督查室审核（通过后计入进度）";

  @Inject FigureDrafts drafts;
  @Inject ReportService reports;
  @Inject ReviewRequests reviews;
  @Inject PlanStructure structures;
  @Inject ProgressService progress;
  @Inject PlanClock planClock;
  @Inject Audit audit;

  /** One row of the answer; {@code id} only for a held row (the confirm id). */
  public record RowResult(
      int row,
      String target,
      String unit,
      String figure,
      String status,
      String reason,
      String id) {}

  /** The answer: the file, its layout, whether it was applied, row by row and counted by status. */
  public record Outcome(
      String file,
      String layout,
      boolean applied,
      Map<String, Integer> counts,
      List<RowResult> rows) {}

  /** A row checked: its answer, and the draft to record (recorded and held rows). */
  private record Checked(RowResult result, Draft draft, Line line) {}

  /**
   * Checks every row and, with {@code apply}, records the good ones and the confirmed held ones in
   * one transaction (retried when a concurrent report to the same target came between).
   */
  public Outcome run(
      String fileName, byte[] bytes, Sheetful sheet, boolean apply, Set<String> confirm) {
    String file = fileName == null || fileName.isBlank() ? "figures.xlsx" : fileName.strip();
    String hash = hash(bytes);
    for (int attempt = 1; ; attempt++) {
      try {
        return QuarkusTransaction.requiringNew()
            .call(() -> runOnce(file, hash, sheet, apply, confirm));
      } catch (RuntimeException e) {
        if (attempt >= 5 || !RetryableConflict.among(e)) {
          throw e;
        }
      }
    }
  }

  private Outcome runOnce(
      String file, String hash, Sheetful sheet, boolean apply, Set<String> confirm) {
    List<Checked> checked = check(sheet, hash);
    List<RowResult> rows = new ArrayList<>();
    if (!apply) {
      checked.forEach(c -> rows.add(c.result()));
      return outcome(file, sheet, false, rows);
    }
    int written =
        reviews.batched(
            () -> {
              int n = 0;
              for (Checked c : checked) {
                RowResult r = c.result();
                boolean confirmed = "held".equals(r.status()) && confirm.contains(r.id());
                if (!"recorded".equals(r.status()) && !confirmed) {
                  rows.add(r);
                  continue;
                }
                Report saved = record(file, c);
                rows.add(applied(r, c.draft(), saved, confirmed));
                n++;
              }
              return n;
            });
    audit.record(
        REPORTER,
        "import.figures",
        "文件 " + file,
        "导入 " + written + " 个数，共 " + checked.size() + " 行（" + sheet.layout().label + "）");
    return outcome(file, sheet, true, rows);
  }

  private Report record(String file, Checked c) {
    Draft d = c.draft();
    Line line = c.line();
    return reports.recordFigure(
        d.target(),
        d.unit(),
        d.figure(),
        false,
        d.countedFor(),
        new Reporter(null, REPORTER, false),
        new Source(PLATFORM, null, file, file + "#" + line.row(), line.cells()));
  }

  private static RowResult applied(RowResult r, Draft d, Report saved, boolean confirmed) {
    String late = "";
    if (saved.late) {
      late = d.periodLabel() != null ? "（迟报）" : "。本期截止日已过，记为迟报";
    }
    String reason =
        d.reading()
            + late
            + (saved.review == ReviewState.PENDING ? REVIEW_NOTE : "")
            + (confirmed ? "（已确认：" + r.reason() + "）" : "");
    return new RowResult(r.row(), r.target(), r.unit(), r.figure(), "recorded", reason, r.id());
  }

  private static Outcome outcome(
      String file, Sheetful sheet, boolean applied, List<RowResult> rows) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String s : List.of("recorded", "unchanged", "held", "refused")) {
      counts.put(s, 0);
    }
    rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    return new Outcome(file, sheet.layout().label, applied, counts, rows);
  }

  /** Every row checked as a chat 上报 would be, nothing written. */
  private List<Checked> check(Sheetful sheet, String hash) {
    PlanStructure.Structure structure = structures.current();
    String closed =
        structure == null || structure.plan() == null
            ? "没有加载计划，不能导入。"
            : FigureDrafts.closedForReports(progress.standingToday());
    Map<String, Integer> seen = new HashMap<>();
    List<Checked> out = new ArrayList<>();
    for (Line line : sheet.lines()) {
      Checked c =
          closed != null
              ? refused(line, line.target(), line.unit(), closed)
              : checkLine(structure, line, hash);
      if (c.draft() != null) {
        String key =
            c.draft().target().id + "|" + c.draft().unit().id + "|" + c.draft().countedFor();
        Integer first = seen.putIfAbsent(key, line.row());
        if (first != null) {
          c =
              refused(
                  line,
                  c.result().target(),
                  c.result().unit(),
                  "与第 " + first + " 行是同一目标、同一单位、同一时期，请只留一行。");
        }
      }
      out.add(c);
    }
    return out;
  }

  private Checked checkLine(PlanStructure.Structure structure, Line line, String hash) {
    if (line.target().isEmpty()) {
      return refused(line, "", line.unit(), "缺少目标名称。");
    }
    Names.Found<Target> target = Names.target(structure.targets(), line.target());
    if (target.item() == null) {
      return refused(line, line.target(), line.unit(), target.problem());
    }
    Target t = target.item();
    String targetName = Names.label(t);
    Names.Found<Unit> unit = Names.unit(structure.units(), t, line.unit());
    if (unit.item() == null) {
      return refused(line, targetName, line.unit(), unit.problem());
    }
    Unit u = unit.item();
    if (line.figure().isEmpty()) {
      return refused(line, targetName, u.name, "缺少累计数。");
    }
    QuantityParser.Result parsed = QuantityParser.parse(line.figure());
    if (parsed instanceof QuantityParser.Result.Failed failed) {
      return refused(line, targetName, u.name, "累计数“" + line.figure() + "”：" + failed.reasonZh());
    }
    Quantity q = ((QuantityParser.Result.Ok) parsed).quantity();
    if (q.additive()) {
      return refused(line, targetName, u.name, "导入只收年度累计数，不能写增加量（" + line.figure() + "），请填累计数。");
    }
    LocalDate today = planClock.today();
    Dates.Read date = Dates.read(line.date(), today);
    if (date.problem() != null) {
      return refused(line, targetName, u.name, date.problem());
    }
    PeriodWord period = date.period();
    Figure figure = new Figure(new TargetRef(t.code, t.name, t.project.name), q, period, false);
    FigureDrafts.Outcome o = drafts.prepare(u, figure, false, x -> notOwner(x, u));
    if (o.refusal() != null) {
      return refused(line, targetName, u.name, o.refusal());
    }
    return drafted(line, targetName, o.draft(), hash);
  }

  private Checked drafted(Line line, String targetName, Draft d, String hash) {
    BigDecimal previous =
        d.countedFor() == null
            ? reports.ownFigure(d.target(), d.unit())
            : reports
                .figureBefore(d.target(), d.unit(), d.countedFor().plusDays(1))
                .map(r -> r.figure)
                .orElse(null);
    String review = ReviewRequests.applies(d.target()) ? REVIEW_NOTE : "";
    if (previous != null && previous.compareTo(d.figure()) == 0) {
      return new Checked(
          row(
              line,
              targetName,
              d.unit().name,
              "unchanged",
              "与已报的累计数相同，不再记录（" + d.reading() + "）",
              null),
          null,
          line);
    }
    if (d.held() != null) {
      String id = hash + "-" + line.row();
      return new Checked(row(line, targetName, d.unit().name, "held", d.held(), id), d, line);
    }
    return new Checked(
        row(line, targetName, d.unit().name, "recorded", d.reading() + review, null), d, line);
  }

  private static String notOwner(Target target, Unit unit) {
    return target.ownedBy(unit)
        ? null
        : "“"
            + target.name
            + "”由 "
            + OverviewTexts.owners(target)
            + " 负责上报，"
            + unit.name
            + " 不负责这个目标。";
  }

  private static Checked refused(Line line, String target, String unit, String why) {
    return new Checked(row(line, target, unit, "refused", why, null), null, line);
  }

  private static RowResult row(
      Line line, String target, String unit, String status, String reason, String id) {
    return new RowResult(line.row(), target, unit, line.figure(), status, reason, id);
  }

  /** The first 12 hex digits of the file's SHA-256: the same file gives the same held-row ids. */
  static String hash(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
