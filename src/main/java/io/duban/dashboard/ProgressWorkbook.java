package io.duban.dashboard;

import io.duban.plan.Target;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.CategoryView;
import io.duban.progress.PlanView.ItemView;
import io.duban.progress.PlanView.ProjectView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressTexts;
import io.duban.report.ProgressMath;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The responsibility table in its own layout (序号 and 实事名称 merged, 项目概况 beginning with the 工程's
 * name, 牵头单位) with each target's value, figure, completion, 序时进度, status and last report; money in
 * 万元 or 亿元 as the table writes it, and an empty 本期累计 column a unit may fill in and send back (POST
 * /api/import/figures); a second sheet lists the reports.
 */
public final class ProgressWorkbook {
  static final String[] HEADERS = {
    "序号", "实事名称", "项目概况", "牵头单位", "目标", "责任单位", "目标值", "单位", "累计完成", "完成率", "序时进度", "状态", "最近上报",
    "待审核", "本期累计"
  };
  static final int[] WIDTHS = {6, 12, 46, 14, 24, 14, 12, 8, 14, 9, 9, 9, 12, 16, 12};
  static final Map<Status, String> FILLS = new EnumMap<>(Status.class);

  static {
    FILLS.put(Status.DONE, "C6EFCE");
    FILLS.put(Status.AHEAD, "E2EFDA");
    FILLS.put(Status.ON_TRACK, "DDEBF7");
    FILLS.put(Status.BEHIND, "FFC7CE");
    FILLS.put(Status.NOT_STARTED, "EDEDED");
  }

  private ProgressWorkbook() {}

  /** The workbook, with each report's 佐证材料 (one cell's lines, by report id). */
  public static void write(
      PlanView view, List<Report> reports, Map<Long, String> files, OutputStream out)
      throws IOException {
    write(view, reports, files, Map.of(), out);
  }

  /**
   * The workbook; {@code reviews} each report's 审核 state as the 上报记录 sheet marks it (待审核, 已通过,
   * 已退回：原因), by report id. Figures under review and returned ones are never in 累计完成.
   */
  public static void write(
      PlanView view,
      List<Report> reports,
      Map<Long, String> files,
      Map<Long, String> reviews,
      OutputStream out)
      throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles st = new Styles(wb);
      Sheet sheet = wb.createSheet("进度表");
      Row title = sheet.createRow(0);
      title.setHeightInPoints(28);
      st.cell(
          title,
          0,
          view.plan().title
              + " 责任分解表（截至 "
              + view.date()
              + "，序时进度 "
              + ProgressMath.percent(view.schedule())
              + "，总体完成 "
              + ProgressMath.percent(view.completion())
              + "）",
          st.title);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.length - 1));
      Row header = sheet.createRow(1);
      for (int i = 0; i < HEADERS.length; i++) {
        st.cell(header, i, HEADERS[i], st.header);
        sheet.setColumnWidth(i, WIDTHS[i] * 256);
      }
      int r = 2;
      for (CategoryView c : view.categories()) {
        int categoryStart = r;
        for (ProjectView p : c.projects()) {
          int projectStart = r;
          String overview = p.name() + "：" + overviewOf(p);
          for (TargetView v : p.targets()) {
            Row row = sheet.createRow(r);
            number(row, 0, c.number(), st.center);
            st.cell(row, 1, c.name(), st.wrapCenter);
            st.cell(row, 2, overview, st.wrap);
            st.cell(row, 3, String.join("\n", p.leadUnits()), st.wrapCenter);
            targetCells(row, v, st);
            r++;
          }
          merge(sheet, projectStart, r - 1, 2);
          merge(sheet, projectStart, r - 1, 3);
        }
        merge(sheet, categoryStart, r - 1, 0);
        merge(sheet, categoryStart, r - 1, 1);
      }
      sheet.createFreezePane(0, 2);
      sheet.setAutoFilter(new CellRangeAddress(1, r - 1, 0, HEADERS.length - 1));
      history(wb.createSheet("上报记录"), reports, files, reviews, st);
      wb.write(out);
    }
  }

  private static String overviewOf(ProjectView p) {
    return p.targets().isEmpty() || p.targets().get(0).target().project.overview == null
        ? ""
        : p.targets().get(0).target().project.overview;
  }

  private static void targetCells(Row row, TargetView v, Styles st) {
    Target t = v.target();
    String name = t.qualifier == null ? t.name : t.name + "（" + t.qualifier + "）";
    st.cell(row, 4, name, st.wrap);
    st.cell(
        row, 5, t.owners.stream().map(u -> u.name).collect(Collectors.joining("、")), st.wrapCenter);
    switch (t.kind) {
      case NUMERIC -> {
        decimal(row, 6, display(t, t.targetValue), st.number);
        st.cell(row, 7, t.displayUnit, st.center);
        decimal(row, 8, display(t, v.current()), st.number);
        percent(row, 9, v.completion(), st.percent);
      }
      case CHECKLIST -> {
        number(row, 6, v.items().size(), st.number);
        st.cell(row, 7, t.unit, st.center);
        st.cell(
            row,
            8,
            v.items().stream().filter(ItemView::done).count()
                + "（"
                + v.items().stream()
                    .filter(ItemView::done)
                    .map(ItemView::name)
                    .collect(Collectors.joining("、"))
                + "）",
            st.wrap);
        percent(row, 9, v.completion(), st.percent);
      }
      case TASK -> {
        st.cell(row, 6, "", st.center);
        st.cell(row, 7, "", st.center);
        st.cell(row, 8, v.progress().label() + (v.note() == null ? "" : "：" + v.note()), st.wrap);
        st.cell(row, 9, "", st.center);
      }
    }
    percent(row, 10, v.schedule(), st.percent);
    st.cell(row, 11, v.status().label(), st.status.get(v.status()));
    st.cell(row, 12, v.lastReportDate() == null ? "未报" : v.lastReportDate().toString(), st.center);
    String pending = ProgressTexts.pendingMark(v);
    st.cell(
        row,
        13,
        pending.isEmpty() ? "" : pending.substring("（待审核：".length(), pending.length() - 1),
        st.wrap);
    // left empty for the unit to fill in: the sheet comes back through POST /api/import/figures
    st.cell(row, 14, "", st.number);
  }

  /** A base-unit figure in the table's display unit (元 → 万元 / 亿元). */
  static BigDecimal display(Target t, BigDecimal base) {
    if (base == null) {
      return null;
    }
    return t.scaleExponent == 0 ? base : base.movePointLeft(t.scaleExponent);
  }

  private static void history(
      Sheet sheet,
      List<Report> reports,
      Map<Long, String> files,
      Map<Long, String> reviews,
      Styles st) {
    String[] headers = {
      "日期", "记录时间", "单位", "目标", "内容", "上报人", "平台", "代报", "迟报", "撤销", "原始消息", "佐证材料", "审核"
    };
    int[] widths = {11, 18, 12, 24, 24, 12, 9, 6, 6, 6, 40, 30, 20};
    Row h = sheet.createRow(0);
    for (int i = 0; i < headers.length; i++) {
      st.cell(h, i, headers[i], st.header);
      sheet.setColumnWidth(i, widths[i] * 256);
    }
    int r = 1;
    for (Report rep : reports) {
      Row row = sheet.createRow(r++);
      st.cell(row, 0, rep.planDate.toString(), st.center);
      st.cell(row, 1, rep.planTime.withNano(0).toString().replace('T', ' '), st.center);
      st.cell(row, 2, rep.unit.name, st.center);
      st.cell(row, 3, rep.target.name, st.wrap);
      String what =
          rep.kind == ReportKind.FIGURE
              ? "累计 " + ProgressTexts.amount(rep.target, rep.figure)
              : rep.kind == ReportKind.ITEM
                  ? rep.item.name + " 已完成"
                  : rep.progress + (rep.note == null ? "" : "：" + rep.note);
      st.cell(row, 4, what, st.wrap);
      st.cell(row, 5, rep.reporterName, st.center);
      st.cell(row, 6, rep.platform, st.center);
      st.cell(row, 7, rep.onBehalf ? "是" : "", st.center);
      st.cell(row, 8, rep.late ? "是" : "", st.center);
      st.cell(row, 9, rep.withdrawn ? "是" : "", st.center);
      st.cell(row, 10, rep.originalText, st.wrap);
      st.cell(row, 11, files.getOrDefault(rep.id, ""), st.wrap);
      st.cell(row, 12, reviews.getOrDefault(rep.id, ""), st.wrap);
    }
    sheet.createFreezePane(0, 1);
  }

  private static void merge(Sheet sheet, int first, int last, int col) {
    if (last > first) {
      sheet.addMergedRegion(new CellRangeAddress(first, last, col, col));
    }
  }

  private static void number(Row row, int col, long value, CellStyle style) {
    Cell c = row.createCell(col);
    c.setCellValue(value);
    c.setCellStyle(style);
  }

  private static void decimal(Row row, int col, BigDecimal value, CellStyle style) {
    Cell c = row.createCell(col);
    if (value != null) {
      // Excel stores doubles; the exact decimal stays in Duban, the sheet is for reading
      c.setCellValue(value.doubleValue());
    }
    c.setCellStyle(style);
  }

  private static void percent(Row row, int col, BigDecimal fraction, CellStyle style) {
    decimal(row, col, fraction, style);
  }

  /** The cell styles of one workbook. */
  private static final class Styles {
    final CellStyle title;
    final CellStyle header;
    final CellStyle center;
    final CellStyle wrap;
    final CellStyle wrapCenter;
    final CellStyle number;
    final CellStyle percent;
    final Map<Status, CellStyle> status = new EnumMap<>(Status.class);
    private final XSSFWorkbook wb;
    private final Map<CellStyle, CellStyle> quoted = new IdentityHashMap<>();

    /**
     * A text cell. Text that starts like a formula (= + - @, or a tab or carriage return: names,
     * notes and messages as people typed them) is marked as text (quotePrefix), so a spreadsheet
     * never evaluates it.
     */
    void cell(Row row, int col, String value, CellStyle style) {
      Cell c = row.createCell(col);
      String v = value == null ? "" : value;
      c.setCellValue(v);
      c.setCellStyle(formulaLike(v) ? quoted(style) : style);
    }

    static boolean formulaLike(String v) {
      return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
    }

    private CellStyle quoted(CellStyle style) {
      return quoted.computeIfAbsent(
          style,
          s -> {
            CellStyle q = wb.createCellStyle();
            q.cloneStyleFrom(s);
            q.setQuotePrefixed(true);
            return q;
          });
    }

    Styles(XSSFWorkbook wb) {
      this.wb = wb;
      Font bold = wb.createFont();
      bold.setBold(true);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = base(wb);
      title.setFont(big);
      title.setAlignment(HorizontalAlignment.CENTER);
      header = base(wb);
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setWrapText(true);
      fill((XSSFCellStyle) header, "D9E1F2");
      center = base(wb);
      center.setAlignment(HorizontalAlignment.CENTER);
      wrap = base(wb);
      wrap.setWrapText(true);
      wrapCenter = base(wb);
      wrapCenter.setWrapText(true);
      wrapCenter.setAlignment(HorizontalAlignment.CENTER);
      number = base(wb);
      number.setDataFormat(wb.createDataFormat().getFormat("#,##0.####"));
      percent = base(wb);
      percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
      for (Map.Entry<Status, String> e : FILLS.entrySet()) {
        CellStyle s = base(wb);
        s.setAlignment(HorizontalAlignment.CENTER);
        fill((XSSFCellStyle) s, e.getValue());
        status.put(e.getKey(), s);
      }
    }

    private static CellStyle base(XSSFWorkbook wb) {
      CellStyle s = wb.createCellStyle();
      s.setVerticalAlignment(VerticalAlignment.CENTER);
      s.setBorderTop(BorderStyle.THIN);
      s.setBorderBottom(BorderStyle.THIN);
      s.setBorderLeft(BorderStyle.THIN);
      s.setBorderRight(BorderStyle.THIN);
      return s;
    }

    private static void fill(XSSFCellStyle s, String rgb) {
      s.setFillForegroundColor(new XSSFColor(hex(rgb), null));
      s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    private static byte[] hex(String rgb) {
      return new byte[] {
        (byte) Integer.parseInt(rgb.substring(0, 2), 16),
        (byte) Integer.parseInt(rgb.substring(2, 4), 16),
        (byte) Integer.parseInt(rgb.substring(4, 6), 16)
      };
    }
  }
}
