package io.duban.dashboard;

import io.duban.calendar.ReportingPeriod;
import io.duban.plan.TargetKind;
import io.duban.progress.BulletinTexts;
import io.duban.progress.NoteTexts;
import io.duban.progress.OverviewTexts;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.report.ProgressMath;
import io.duban.report.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The monthly 通报 as a Word document leaders file: 标题, 总体情况, the targets 按序时 and 慢序时 (each with its
 * figure against its target, completion, 序时进度, owners and, for 慢序时, the units' 情况说明 from {@link
 * NoteTexts}), the units 逾期 (with 已延期至 where a 延期 applies) and the 下步要求. The figures are those of
 * the view it is given (the period's deadline, or today while that is still ahead).
 */
public final class BulletinDocument {
  static final String TITLE_FONT = "方正小标宋简体";
  static final String HEADING_FONT = "黑体";
  static final String BODY_FONT = "仿宋";

  /** Section headings, in order. */
  static final List<String> SECTIONS =
      List.of("一、总体情况", "二、按序时推进的目标", "三、慢序时目标", "四、逾期未报单位", "五、下步要求");

  private static final Set<Status> ON_SCHEDULE =
      EnumSet.of(Status.DONE, Status.AHEAD, Status.ON_TRACK);

  /** One unit that owes reports of the period: what it owes and where its deadline stands. */
  public record UnitLine(String unit, String targets, String deadline) {}

  /**
   * What the document says: the view at {@code asOf}, the period, the 情况说明 and 延期 ({@link
   * BulletinTexts.Notes}), the units owing (overdue, and not yet due), how many units report, and
   * the next period (null after the last).
   */
  public record Input(
      PlanView view,
      ReportingPeriod period,
      LocalDate today,
      BulletinTexts.Notes notes,
      List<UnitLine> overdue,
      List<UnitLine> notYetDue,
      int reportingUnits,
      ReportingPeriod next) {}

  private BulletinDocument() {}

  /** "武进区2018年“两促三优三提升”为民办实事项目6月份推进情况通报". */
  public static String title(PlanView view, ReportingPeriod period) {
    String region = view.plan().region == null ? "" : view.plan().region;
    String label = period.label();
    String year = period.start().getYear() + "年";
    String part = label.startsWith(year) ? label.substring(year.length()) : label;
    if (part.endsWith("月")) {
      part += "份";
    }
    String title = view.plan().title;
    return (title.startsWith(region) ? "" : region) + title + part + "推进情况通报";
  }

  public static void write(Input in, OutputStream out) throws IOException {
    try (XWPFDocument doc = new XWPFDocument()) {
      Writer w = new Writer(doc);
      w.title(title(in.view(), in.period()));
      w.centered(
          "（截至 "
              + fullDate(in.view().date())
              + "，序时进度 "
              + ProgressMath.percent(in.view().schedule())
              + "）");
      overall(in, w);
      onSchedule(in, w);
      behind(in, w);
      overdue(in, w);
      requirements(in, w);
      w.right("督查室　" + fullDate(in.today()));
      doc.write(out);
    }
  }

  private static void overall(Input in, Writer w) {
    PlanView v = in.view();
    w.heading(SECTIONS.get(0));
    long numeric =
        v.targets().values().stream().filter(t -> t.target().kind == TargetKind.NUMERIC).count();
    long checklist =
        v.targets().values().stream().filter(t -> t.target().kind == TargetKind.CHECKLIST).count();
    long task = v.targets().size() - numeric - checklist;
    w.body(
        v.plan().title
            + "共 "
            + v.categories().size()
            + " 个实事、"
            + v.categories().stream().mapToInt(c -> c.projects().size()).sum()
            + " 个工程、"
            + v.targets().size()
            + " 项目标（数值 "
            + numeric
            + " 项、清单 "
            + checklist
            + " 项、任务 "
            + task
            + " 项）。截至 "
            + fullDate(v.date())
            + "，总体完成 "
            + ProgressMath.percent(v.completion())
            + "，序时进度 "
            + ProgressMath.percent(v.schedule())
            + "。");
    w.body(
        "其中已完成 "
            + count(v, EnumSet.of(Status.DONE))
            + " 项、超序时 "
            + count(v, EnumSet.of(Status.AHEAD))
            + " 项、按序时 "
            + count(v, EnumSet.of(Status.ON_TRACK))
            + " 项，慢序时 "
            + count(v, EnumSet.of(Status.BEHIND))
            + " 项，未启动 "
            + count(v, EnumSet.of(Status.NOT_STARTED))
            + " 项。");
    int owing = in.overdue().size() + in.notYetDue().size();
    w.body(
        in.period().label()
            + "应报单位 "
            + in.reportingUnits()
            + " 个，"
            + (owing == 0 ? "均已报送。" : "未报 " + owing + " 个，其中逾期 " + in.overdue().size() + " 个。"));
    for (PlanView.CategoryView c : v.categories()) {
      w.body(
          c.number()
              + ". "
              + c.name()
              + "：完成 "
              + ProgressMath.percent(c.completion())
              + "（"
              + ProgressTexts.counts(c.statusCounts())
              + "）");
    }
  }

  private static int count(PlanView v, Set<Status> statuses) {
    return (int) v.targets().values().stream().filter(t -> statuses.contains(t.status())).count();
  }

  private static void onSchedule(Input in, Writer w) {
    w.heading(SECTIONS.get(1));
    List<TargetView> list =
        in.view().categories().stream()
            .flatMap(c -> c.projects().stream())
            .flatMap(p -> p.targets().stream())
            .filter(t -> ON_SCHEDULE.contains(t.status()))
            .toList();
    if (list.isEmpty()) {
      w.body("暂无按序时推进的目标。");
      return;
    }
    XWPFTable table = w.table("序号", "目标", "责任单位", "完成情况", "状态");
    for (int i = 0; i < list.size(); i++) {
      TargetView t = list.get(i);
      w.row(
          table,
          String.valueOf(i + 1),
          ProgressTexts.label(in.view(), t.target()),
          OverviewTexts.owners(t.target()),
          figures(t),
          t.status().label());
    }
  }

  private static void behind(Input in, Writer w) {
    w.heading(SECTIONS.get(2));
    List<TargetView> behind = ProgressTexts.behind(in.view());
    if (behind.isEmpty()) {
      w.body("暂无慢序时目标。");
    } else {
      w.body("慢序时目标 " + behind.size() + " 项，差序时最多的在前：");
      XWPFTable table = w.table("序号", "目标", "责任单位", "完成情况", "差序时", "情况说明");
      for (int i = 0; i < behind.size(); i++) {
        TargetView t = behind.get(i);
        List<NoteTexts.UnitNote> notes =
            in.notes().byTarget().getOrDefault(t.target().id, List.of());
        w.row(
            table,
            String.valueOf(i + 1),
            ProgressTexts.label(in.view(), t.target()),
            OverviewTexts.owners(t.target()),
            figures(t),
            ProgressTexts.gap(t.completion(), t.schedule()) + " 个百分点",
            notes.isEmpty() ? "未说明" : BulletinTexts.notesLine(notes));
      }
    }
    List<TargetView> idle =
        in.view().targets().values().stream()
            .filter(t -> t.status() == Status.NOT_STARTED)
            .sorted((a, b) -> Long.compare(a.target().id, b.target().id))
            .toList();
    if (!idle.isEmpty()) {
      w.body(
          "未启动 "
              + idle.size()
              + " 项："
              + String.join(
                  "、",
                  idle.stream()
                      .map(
                          t ->
                              ProgressTexts.label(in.view(), t.target())
                                  + "（"
                                  + OverviewTexts.owners(t.target())
                                  + "）")
                      .toList())
              + "。");
    }
  }

  /** "累计 10,000 / 4.8万 个（20.8%），序时进度 46.8%" without the name and status. */
  private static String figures(TargetView t) {
    String line = ProgressTexts.targetLine(t);
    String name = t.target().name;
    String rest = line.startsWith(name) ? line.substring(name.length()).strip() : line;
    rest = rest.replaceFirst("^：", "");
    String suffix = "，" + t.status().label();
    return rest.endsWith(suffix) ? rest.substring(0, rest.length() - suffix.length()) : rest;
  }

  private static void overdue(Input in, Writer w) {
    w.heading(SECTIONS.get(3));
    if (in.overdue().isEmpty()) {
      w.body(in.period().label() + "没有逾期未报的单位。");
    } else {
      w.body(in.period().label() + "逾期未报的单位 " + in.overdue().size() + " 个：");
      XWPFTable table = w.table("序号", "单位", "未报目标", "截止情况");
      for (int i = 0; i < in.overdue().size(); i++) {
        UnitLine u = in.overdue().get(i);
        w.row(table, String.valueOf(i + 1), u.unit(), u.targets(), u.deadline());
      }
    }
    if (!in.notYetDue().isEmpty()) {
      w.body("未报、尚未到截止日的单位 " + in.notYetDue().size() + " 个：");
    }
    for (UnitLine u : in.notYetDue()) {
      w.body("· " + u.unit() + "：" + u.targets() + "（" + u.deadline() + "）");
    }
    if (!in.notes().extensions().isEmpty()) {
      w.body(in.period().label() + "已批准延期：" + in.notes().extensions() + "。");
    }
  }

  private static void requirements(Input in, Writer w) {
    w.heading(SECTIONS.get(4));
    String next =
        in.next() == null
            ? "计划期结束前"
            : fullDate(in.next().deadline()) + "（" + in.next().label() + "数据截止日）前";
    w.body("1. 慢序时目标的责任单位要分析原因、明确措施，加快推进；尚未说明的，" + NoteTexts.ASK + "，并于 " + next + "报送。");
    w.body("2. 逾期未报的单位要立即补报本期数据（发送“上报 <目标> <累计数>”），并说明逾期原因；已批准延期的单位须在延期截止日前报送。");
    w.body("3. 各责任单位要对照序时进度倒排计划，于 " + next + "报送下一期数据，确保按时保质完成全年目标。");
  }

  static String fullDate(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** Paragraph and table helpers with the fonts of an official document. */
  private static final class Writer {
    private final XWPFDocument doc;

    Writer(XWPFDocument doc) {
      this.doc = doc;
    }

    void title(String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setAlignment(ParagraphAlignment.CENTER);
      run(p, text, TITLE_FONT, 20, true);
    }

    void centered(String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setAlignment(ParagraphAlignment.CENTER);
      run(p, text, BODY_FONT, 14, false);
    }

    void right(String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setAlignment(ParagraphAlignment.RIGHT);
      run(p, text, BODY_FONT, 14, false);
    }

    void heading(String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setSpacingBefore(200);
      run(p, text, HEADING_FONT, 16, true);
    }

    void body(String text) {
      XWPFParagraph p = doc.createParagraph();
      p.setFirstLineIndent(560);
      run(p, text, BODY_FONT, 14, false);
    }

    XWPFTable table(String... headers) {
      XWPFTable t = doc.createTable(1, headers.length);
      t.setWidth("100%");
      XWPFTableRow head = t.getRow(0);
      for (int i = 0; i < headers.length; i++) {
        XWPFParagraph p = head.getCell(i).getParagraphs().get(0);
        run(p, headers[i], HEADING_FONT, 11, true);
      }
      return t;
    }

    void row(XWPFTable t, String... cells) {
      XWPFTableRow r = t.createRow();
      for (int i = 0; i < cells.length; i++) {
        XWPFParagraph p = r.getCell(i).getParagraphs().get(0);
        run(p, cells[i], BODY_FONT, 11, false);
      }
    }

    private static void run(XWPFParagraph p, String text, String font, int size, boolean bold) {
      XWPFRun r = p.createRun();
      r.setText(text);
      r.setFontFamily(font);
      r.setFontFamily(font, FontCharRange.eastAsia);
      r.setFontSize(size);
      r.setBold(bold);
    }
  }
}
