package io.duban.planimport;

import io.duban.plan.PlanFile;
import io.duban.plan.TargetKind;
import io.duban.planimport.SourceTable.Category;
import io.duban.planimport.SourceTable.ProjectBuilder;
import io.duban.planimport.SourceTable.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a responsibility table from an xlsx workbook in the layout of the progress export ({@code
 * GET /api/export/progress.xlsx}): a header row with 序号, 实事名称, 项目概况, 牵头单位 and, when present, 目标,
 * 责任单位, 目标值, 单位, 累计完成, one row per target. Merged or blank cells of the first four columns carry
 * the value above them. Without the 目标 column each 工程's targets are worked out from its 项目概况 as for
 * the text.
 */
final class TableSheetReader {
  static final List<String> REQUIRED = List.of("序号", "实事名称", "项目概况", "牵头单位");
  private static final Pattern QUALIFIED = Pattern.compile("^(.+)（([^（）]+)）$");
  private static final Pattern CHECKLIST_DONE = Pattern.compile("^\\d+（.*）$", Pattern.DOTALL);
  private static final Pattern PROJECT = Pattern.compile("^([^：:]{2,30})[：:](.*)$", Pattern.DOTALL);

  private TableSheetReader() {}

  /** The table of a workbook; a {@link LayoutException} when it is not one or lacks the headers. */
  static SourceTable read(byte[] xlsx, KnownUnits known) {
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheetAt(0);
      DataFormatter fmt = new DataFormatter();
      int headerRow = -1;
      Map<String, Integer> columns = new HashMap<>();
      for (int r = 0; r <= Math.min(sheet.getLastRowNum(), 5) && headerRow < 0; r++) {
        columns = headers(sheet, r, fmt);
        headerRow = columns.keySet().containsAll(REQUIRED) ? r : -1;
      }
      if (headerRow < 0) {
        throw LayoutException.unreadable(
            "工作表“"
                + sheet.getSheetName()
                + "”前几行没有表头 "
                + String.join("、", REQUIRED)
                + "：不是责任分解表的格式");
      }
      String title = headerRow > 0 ? text(sheet, 0, 0, fmt) : null;
      return rows(sheet, headerRow, columns, fmt, known, cleanTitle(title));
    } catch (IOException | RuntimeException e) {
      if (e instanceof LayoutException le) {
        throw le;
      }
      throw new LayoutException(
          415,
          "无法作为 xlsx 工作簿读取（" + e.getClass().getSimpleName() + "）：请上传 Excel 2007 及以后的 .xlsx 文件");
    }
  }

  private static String cleanTitle(String title) {
    if (title == null || title.isBlank()) {
      return null;
    }
    return title.strip().replaceFirst("\\s*(责任分解表|任务分解表|分解表).*$", "");
  }

  private static Map<String, Integer> headers(Sheet sheet, int r, DataFormatter fmt) {
    Map<String, Integer> out = new HashMap<>();
    if (sheet.getRow(r) == null) {
      return out;
    }
    for (Cell c : sheet.getRow(r)) {
      out.putIfAbsent(fmt.formatCellValue(c).strip(), c.getColumnIndex());
    }
    return out;
  }

  private static SourceTable rows(
      Sheet sheet,
      int headerRow,
      Map<String, Integer> col,
      DataFormatter fmt,
      KnownUnits known,
      String title) {
    Map<Integer, String> categoryNames = new LinkedHashMap<>();
    Map<Integer, List<ProjectBuilder>> byCategory = new LinkedHashMap<>();
    String[] carried = new String[4];
    ProjectBuilder project = null;
    for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
      String[] cells = new String[4];
      boolean blank = true;
      for (int k = 0; k < 4; k++) {
        cells[k] = text(sheet, r, col.get(REQUIRED.get(k)), fmt);
        blank &= cells[k].isEmpty();
        cells[k] = cells[k].isEmpty() ? carried[k] : cells[k];
      }
      String targetName = col.containsKey("目标") ? text(sheet, r, col.get("目标"), fmt) : "";
      if (blank && targetName.isEmpty()) {
        continue;
      }
      carried = cells;
      Integer number = number(cells[0]);
      if (number == null || cells[2] == null) {
        throw LayoutException.unreadable("第 " + (r + 1) + " 行没有可读的序号或项目概况");
      }
      categoryNames.putIfAbsent(number, cells[1] == null ? "" : cells[1].replaceAll("\\s+", ""));
      List<ProjectBuilder> projects = byCategory.computeIfAbsent(number, k -> new ArrayList<>());
      if (project == null
          || !projects.contains(project)
          || !cells[2].equals(project.overview.toString())) {
        project = project(cells[2], cells[3], known);
        projects.add(project);
      }
      if (!targetName.isEmpty()) {
        project.rows.add(row(sheet, r, col, fmt, targetName, known));
      }
    }
    if (byCategory.isEmpty()) {
      throw LayoutException.unreadable("表头下面没有任何工程");
    }
    List<Category> categories = new ArrayList<>();
    byCategory.forEach(
        (n, ps) -> {
          String name = categoryNames.get(n);
          categories.add(
              new Category(
                  n,
                  name.isEmpty() ? "实事" + n : name,
                  name.isEmpty() ? "没有读到实事名称，请填写" : null,
                  ps.stream().map(TableSheetReader::built).toList()));
        });
    return new SourceTable(title, TableTextReader.year(title), categories, List.of());
  }

  /**
   * A project's builder keeps the cell's full text as its key; the built overview drops the name.
   */
  private static SourceTable.Project built(ProjectBuilder b) {
    SourceTable.Project p = b.build();
    Matcher m = PROJECT.matcher(p.overview());
    String overview = m.matches() ? m.group(2).strip() : p.overview();
    return new SourceTable.Project(p.name(), overview, p.leadUnits(), p.leadFlag(), p.rows());
  }

  private static ProjectBuilder project(String overviewCell, String leads, KnownUnits known) {
    Matcher m = PROJECT.matcher(overviewCell);
    ProjectBuilder p = new ProjectBuilder(m.matches() ? m.group(1).strip() : overviewCell.strip());
    p.overview.append(overviewCell);
    for (String u : (leads == null ? "" : leads).split("[\\n、，,；;\\s]+")) {
      if (!u.isBlank()) {
        p.leads.add(known.canonical(u));
      }
    }
    if (p.leads.isEmpty()) {
      p.leads.add("待定单位");
      p.leadFlag = "没有读到牵头单位，请填写";
    } else if (!m.matches()) {
      p.leadFlag = "项目概况没有以“××工程：”开头，工程名称取了整段文字，请改短";
    }
    return p;
  }

  private static Row row(
      Sheet sheet,
      int r,
      Map<String, Integer> col,
      DataFormatter fmt,
      String name,
      KnownUnits known) {
    String qualifier = null;
    Matcher q = QUALIFIED.matcher(name);
    if (q.matches() && PlanFile.QUALIFIERS.contains(q.group(2))) {
      name = q.group(1);
      qualifier = q.group(2);
    }
    List<String> owners = new ArrayList<>();
    String ownerCell = col.containsKey("责任单位") ? text(sheet, r, col.get("责任单位"), fmt) : "";
    for (String u : ownerCell.split("[\\n、，,；;\\s]+")) {
      if (!u.isBlank()) {
        owners.add(known.canonical(u));
      }
    }
    BigDecimal value = col.containsKey("目标值") ? decimal(sheet, r, col.get("目标值"), fmt) : null;
    String unit = col.containsKey("单位") ? text(sheet, r, col.get("单位"), fmt) : "";
    String done = col.containsKey("累计完成") ? text(sheet, r, col.get("累计完成"), fmt) : "";
    TargetKind kind =
        value == null && unit.isEmpty()
            ? TargetKind.TASK
            : CHECKLIST_DONE.matcher(done).matches() ? TargetKind.CHECKLIST : TargetKind.NUMERIC;
    return new Row(name, owners, value, unit.isEmpty() ? null : unit, qualifier, kind);
  }

  private static Integer number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s.strip()).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal decimal(Sheet sheet, int r, Integer c, DataFormatter fmt) {
    Cell cell = sheet.getRow(r) == null || c == null ? null : sheet.getRow(r).getCell(c);
    if (cell == null) {
      return null;
    }
    if (cell.getCellType() == CellType.NUMERIC) {
      return BigDecimal.valueOf(cell.getNumericCellValue());
    }
    String t = fmt.formatCellValue(cell).replace(",", "").strip();
    try {
      return t.isEmpty() ? null : new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(Sheet sheet, int r, Integer c, DataFormatter fmt) {
    if (c == null || sheet.getRow(r) == null || sheet.getRow(r).getCell(c) == null) {
      return "";
    }
    return fmt.formatCellValue(sheet.getRow(r).getCell(c)).strip();
  }
}
